import {lastMatch, type FailureRule} from './hint.js';

const keyError = /^KeyError: '([A-Za-z_][A-Za-z0-9_]*)'/;
// The traceback passes through os.environ: its __getitem__ in os.py, or the app's own `os.environ[...]` / `environ[...]` line.
const throughEnviron = /File "[^"]*\bos(?:\.py)?>?", line \d+, in __getitem__|environ\[|<frozen os>", line \d+, in __getitem__|getenv\(/;

export const fh009: FailureRule = {
	id: 'FH009',
	title: 'The app reads an environment variable the container does not set',
	fix: 'Set it: `ENV NAME=value` in the Dockerfile for a harmless default, `docker run -e NAME=...` (or the platform\'s settings) for a secret; or read it with `os.environ.get(NAME, default)`.',
	phases: ['build', 'smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: [
					'  File "/app/config.py", line 6, in Config',
					"    SECRET_KEY = os.environ['SECRET_KEY']",
					'                 ~~~~~~~~~~^^^^^^^^^^^^^^',
					'  File "<frozen os>", line 679, in __getitem__',
					"KeyError: 'SECRET_KEY'",
				].join('\n'),
				names: ['SECRET_KEY', 'ENV', '-e'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/app/settings.py", line 3, in <module>',
					"    DATABASE_URL = environ['DATABASE_URL']",
					'  File "/usr/lib/python3.11/os.py", line 679, in __getitem__',
					'    raise KeyError(key) from None',
					"KeyError: 'DATABASE_URL'",
				].join('\n'),
				names: ['DATABASE_URL'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/app/views.py", line 22, in profile',
					"    user_id = session['user_id']",
					"KeyError: 'user_id'",
				].join('\n'),
			},
		],
	},
	match({logTail}) {
		const found = lastMatch(logTail, keyError);
		if (!found) return null;
		// Only the traceback that ends in this KeyError: the lines since the last "Traceback" above it.
		const start = lastMatch(logTail.slice(0, found.index), /^Traceback \(most recent call last\)/)?.index ?? 0;
		if (!logTail.slice(start, found.index).some(line => throughEnviron.test(line))) return null;
		const name = found.match[1];
		return {
			message: `The app needs the environment variable ${name} and the container does not set it.`,
			fix: `Set ${name}: \`ENV ${name}=...\` in the Dockerfile if a default is harmless, or \`docker run -e ${name}=...\` if it is a secret (never bake secrets into the image).`,
		};
	},
};
