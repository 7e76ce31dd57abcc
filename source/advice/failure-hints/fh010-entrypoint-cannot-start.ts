import {lastMatch, type FailureRule} from './hint.js';

// Docker 23+: "exec /entrypoint.sh: exec format error"; older runc: "standard_init_linux.go:228: exec user process caused: exec format error".
const execFormat = /exec (\S+): exec format error|exec user process caused:? "?exec format error/;
// A script whose shebang ends in \r: the kernel looks for "/bin/sh\r", which does not exist.
const execNoSuchFile = /exec (\S+): no such file or directory|exec user process caused:? "?no such file or directory/;
// The shell's own words for a \r it reads as part of a command (printed escaped, or raw inside quotes).
// env quotes with ‘’ in a UTF-8 locale; sh says "Illegal option -" and bash "-: invalid option" for `set -e\r`.
const carriageReturn = /['‘][^'’\s]+(?:\\r|\r)['’]: No such file or directory|\$'\\r': command not found|set: Illegal option -\s*$|set: -: invalid option/;
const execDenied = /exec (\S+): permission denied|exec: "([^"]+)": permission denied/;

export const fh010: FailureRule = {
	id: 'FH010',
	title: 'The entrypoint script cannot be started (CRLF line endings, no shebang, or not executable)',
	fix: 'Save the script with LF line endings (`.gitattributes`: `*.sh text eol=lf`), start it with `#!/bin/sh`, and make it executable (`COPY --chmod=755`).',
	phases: ['smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 1,
				log: 'exec /app/entrypoint.sh: exec format error',
				names: ['/app/entrypoint.sh', '#!/bin/sh'],
			},
			{
				phase: 'smoke',
				exitCode: 127,
				log: "/usr/bin/env: ‘bash\\r’: No such file or directory\n/usr/bin/env: use -[v]S to pass options in shebang lines",
				names: ['CRLF', 'eol=lf'],
			},
			{
				phase: 'smoke',
				exitCode: 2,
				log: '/app/docker-entrypoint.sh: 2: set: Illegal option -',
				names: ['CRLF'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: 'exec /docker-entrypoint.sh: no such file or directory',
				names: ['/docker-entrypoint.sh', 'CRLF'],
			},
			{
				phase: 'smoke',
				exitCode: 126,
				// The engine refuses to start it: dockwiz passes the engine's error as the tail.
				log: 'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start.sh": permission denied: unknown',
				names: ['chmod'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 2,
				log: "python: can't open file '/app/run.py': [Errno 2] No such file or directory",
			},
		],
	},
	match({logTail}) {
		const format = lastMatch(logTail, execFormat);
		if (format) {
			const script = format.match[1] ?? 'the entrypoint';
			if (/\.(sh|bash)$/.test(script) || format.match[1] === undefined) {
				return {
					message: `The kernel cannot run ${script}: it has no \`#!\` line (or was built for another CPU).`,
					fix: `Start ${script} with \`#!/bin/sh\` on its first line, saved with LF line endings.`,
				};
			}

			return {
				message: `The kernel cannot run ${script}: it was built for another CPU architecture (or is a script without a \`#!\` line).`,
				fix: 'Build the image for this machine\'s platform (`--platform`), or start the script with `#!/bin/sh`.',
			};
		}

		const crlf = lastMatch(logTail, carriageReturn);
		if (crlf) {
			return {
				message: 'A shell script has Windows (CRLF) line endings: the shell reads `\\r` as part of each command.',
				fix: 'Convert it to LF (`sed -i \'s/\\r$//\' script.sh` in the Dockerfile, and `*.sh text eol=lf` in .gitattributes).',
			};
		}

		const missing = lastMatch(logTail, execNoSuchFile);
		if (missing) {
			const script = missing.match[1] ?? 'the entrypoint';
			return {
				message: `${script} cannot be started: its \`#!\` interpreter is not found — usually CRLF line endings (\`#!/bin/sh\\r\`), or a shell the image lacks.`,
				fix: `Convert ${script} to LF line endings (\`*.sh text eol=lf\` in .gitattributes) and point its \`#!\` at a shell the image has (\`/bin/sh\`).`,
			};
		}

		const denied = lastMatch(logTail, execDenied);
		if (denied) {
			const script = denied.match[1] ?? denied.match[2];
			return {
				message: `${script} is not executable.`,
				fix: `Make it executable: \`RUN chmod +x ${script}\` before \`USER\`, or copy it with \`COPY --chmod=755\`.`,
			};
		}

		return null;
	},
};
