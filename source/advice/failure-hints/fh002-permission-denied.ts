import {lastMatch, type FailureRule} from './hint.js';

// Python: "PermissionError: [Errno 13] Permission denied: '/app/instance'"; coreutils: "mkdir: cannot create directory '/app/logs': Permission denied".
const pythonDenied = /\[Errno 13\] Permission denied: '([^']+)'/;
const shellDenied = /^(?:\S+: )?(?:cannot (?:create directory|touch|open|remove|create regular file)|can't create) ['‘"]?([^'’":]+)['’"]?: Permission denied/;

// A path that names a file: the user needs to write the folder that holds it (the file may not exist yet).
function folderOf(path: string): string {
	const name = path.slice(path.lastIndexOf('/') + 1);
	return /\.[A-Za-z0-9]{1,8}$/.test(name) && path.lastIndexOf('/') > 0 ? path.slice(0, path.lastIndexOf('/')) : path;
}

const packageFolders = /\/(site-packages|dist-packages)(\/|$)|^\/usr\/local\/(lib|bin)\b/;

export const fh002: FailureRule = {
	id: 'FH002',
	title: 'The non-root user cannot write a path it needs',
	fix: 'Create the folder and give it to the user in the Dockerfile, before `USER`: `RUN mkdir -p /app/instance && chown app:app /app/instance`.',
	phases: ['build', 'smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: [
					'  File "/app/myapp/__init__.py", line 14, in create_app',
					'    os.makedirs(app.instance_path, exist_ok=True)',
					'  File "<frozen os>", line 225, in makedirs',
					"PermissionError: [Errno 13] Permission denied: '/app/instance'",
					'[2026-11-30 23:58:01 +0000] [7] [INFO] Worker exiting (pid: 7)',
				].join('\n'),
				names: ['/app/instance', 'chown'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/usr/local/lib/python3.11/logging/__init__.py", line 1181, in _open',
					"    return open_func(self.baseFilename, self.mode,",
					"PermissionError: [Errno 13] Permission denied: '/app/logs/app.log'",
				].join('\n'),
				names: ['/app/logs'],
			},
			{
				phase: 'build',
				instruction: 'RUN mkdir /app/uploads',
				exitCode: 1,
				log: 'mkdir: cannot create directory ‘/app/uploads’: Permission denied',
				names: ['/app/uploads', 'RUN mkdir /app/uploads', 'before `USER`'],
			},
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'Installing collected packages: itsdangerous, flask',
					"ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/usr/local/lib/python3.11/site-packages/itsdangerous'",
					'Consider using the `--user` option or check the permissions.',
				].join('\n'),
				names: ['USER'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 1,
				log: "PermissionError: [Errno 1] Operation not permitted: '/proc/sys/net/core/somaxconn'",
			},
			{
				phase: 'build',
				instruction: 'RUN git clone git@github.com:example/private.git',
				exitCode: 128,
				log: 'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.',
			},
		],
	},
	match({phase, instruction, logTail}) {
		const found = lastMatch(logTail, pythonDenied) ?? lastMatch(logTail, shellDenied);
		if (!found) return null;
		const path = found.match[1];
		if (packageFolders.test(path)) {
			return {
				message: `pip cannot write ${path}: it runs as the non-root user.`,
				fix: 'Install packages before `USER` (as root), or into a virtualenv the user owns (`python -m venv /opt/venv` then `chown`).',
			};
		}

		const folder = folderOf(path);
		// A build step that writes as the user: it belongs before `USER`, where it runs as root.
		if (phase === 'build' && instruction?.startsWith('RUN ')) {
			return {
				message: `The build step \`${instruction}\` runs as the non-root user and cannot write ${path}.`,
				fix: `Move that step before \`USER\`, or first \`RUN mkdir -p ${folder} && chown <user>:<user> ${folder}\` as root.`,
			};
		}

		return {
			message: `The user the image runs as cannot write ${path}.`,
			fix: `In the Dockerfile, before \`USER\`: \`RUN mkdir -p ${folder} && chown <user>:<user> ${folder}\` (or \`COPY --chown=<user>:<user>\` the files that go there).`,
		};
	},
};
