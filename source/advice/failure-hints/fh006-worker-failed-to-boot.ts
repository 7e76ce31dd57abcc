import {lastMatch, type FailureRule} from './hint.js';

const halt = /<HaltServer '(Worker failed to boot|App failed to load)\.' (\d+)>|\b(Worker failed to boot|App failed to load)\b/;
// gunicorn's own words when the WSGI target is wrong.
const noAttribute = /Failed to find attribute '([^']+)' in '([^']+)'/;
const notCallable = /Application object must be callable/;
// The exception a traceback ends with: "ValueError: ...", "sqlalchemy.exc.OperationalError: ...".
const exceptionLine = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)|KeyError|StopIteration)(?::\s|$)/;

export const fh006: FailureRule = {
	id: 'FH006',
	title: 'gunicorn\'s worker failed to boot (the app did not load)',
	fix: 'Read the exception above gunicorn\'s message and fix it; `python -c "import <module>"` in the image shows it alone.',
	phases: ['smoke'],
	fallback: true,
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: [
					'[2026-11-30 23:58:01 +0000] [7] [ERROR] Exception in worker process',
					'Traceback (most recent call last):',
					'  File "/app/myapp/__init__.py", line 9, in create_app',
					'    db.init_app(app)',
					'sqlalchemy.exc.ArgumentError: Could not parse SQLAlchemy URL from string \'\'',
					'[2026-11-30 23:58:01 +0000] [7] [INFO] Worker exiting (pid: 7)',
					'[2026-11-30 23:58:01 +0000] [1] [ERROR] Worker (pid:7) exited with code 3',
					'[2026-11-30 23:58:01 +0000] [1] [ERROR] Shutting down: Master',
					'[2026-11-30 23:58:01 +0000] [1] [ERROR] Reason: Worker failed to boot.',
				].join('\n'),
				names: ['sqlalchemy.exc.ArgumentError'],
			},
			{
				phase: 'smoke',
				exitCode: 4,
				log: [
					'[2026-12-01 00:13:38 +0000] [13] [INFO] Booting worker with pid: 13',
					"Failed to find attribute 'app' in 'wsgi'.",
					'[2026-12-01 00:13:38 +0000] [13] [INFO] Worker exiting (pid: 13)',
					'[2026-12-01 00:13:39 +0000] [12] [INFO] Shutting down: Master',
					'[2026-12-01 00:13:39 +0000] [12] [INFO] Reason: App failed to load.',
				].join('\n'),
				names: ["'app'", "'wsgi'", 'wsgi:create_app()'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'Traceback (most recent call last):',
					'  File "/opt/venv/bin/gunicorn", line 8, in <module>',
					'    sys.exit(run())',
					"gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>",
				].join('\n'),
				names: ['gunicorn'],
			},
			{
				// The tail was cut before gunicorn's "Reason:" line; its exit code says the same.
				phase: 'smoke',
				exitCode: 3,
				log: [
					'  File "/app/factory.py", line 12, in create_app',
					"    app.config.from_file('settings.toml', load=tomllib.load)",
					"FileNotFoundError: [Errno 2] Unable to load configuration file (No such file or directory): '/app/instance/settings.toml'",
					'[2026-12-01 00:13:39 +0000] [17] [INFO] Worker exiting (pid: 17)',
				].join('\n'),
				names: ['FileNotFoundError', 'settings.toml'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: 'Traceback (most recent call last):\n  File "/app/manage.py", line 3, in <module>\nSystemExit: 3',
			},
			{
				phase: 'smoke',
				exitCode: 0,
				log: '[2026-11-30 23:58:01 +0000] [7] [INFO] Booting worker with pid: 7\n[2026-11-30 23:58:09 +0000] [1] [INFO] Handling signal: term',
			},
		],
	},
	match({exitCode, logTail}) {
		const attribute = lastMatch(logTail, noAttribute);
		if (attribute) {
			const [, name, module] = attribute.match;
			return {
				message: `gunicorn found no '${name}' in '${module}'.`,
				fix: `Point gunicorn at the WSGI app: \`${module}:<variable>\`, or for an application factory \`${module}:create_app()\`.`,
			};
		}

		// gunicorn exits 3 (worker failed to boot) or 4 (app failed to load); a cut tail may have lost its "Reason:" line.
		const bootExit = (exitCode === 3 || exitCode === 4) && lastMatch(logTail, /\[INFO\] (Worker exiting|Booting worker)/) !== null;
		const haltIndex = lastMatch(logTail, halt)?.index ?? (bootExit ? logTail.length : null);
		if (haltIndex === null) return null;
		if (lastMatch(logTail, notCallable)) {
			return {
				message: 'gunicorn\'s target is not a WSGI app (the object named is not callable).',
				fix: 'Point gunicorn at the Flask app object, or call the factory: `module:create_app()`.',
			};
		}

		const above = lastMatch(logTail.slice(0, haltIndex), exceptionLine);
		const cause = above && !above.line.startsWith('gunicorn.errors.') ? above.line.trim() : null;
		return {
			message: cause ? `gunicorn could not load the app: ${cause}` : 'gunicorn could not load the app; its worker exited before serving.',
			fix: cause
				? 'Fix that error (it happens while the app is imported); `python -c "import <module>"` in the image shows it alone.'
				: 'Run the container with `--log-level debug`, or `python -c "import <module>"` in the image, to see the error.',
		};
	},
};
