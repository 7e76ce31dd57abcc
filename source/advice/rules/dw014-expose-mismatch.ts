import type {Rule} from '../rule.js';
import {finalStage, startCommand} from '../rule-helpers.js';

/** The port a start command binds (`--bind 0.0.0.0:8000`, `-b :8000`, `--port 8000`), if it names one. */
export function boundPort(words: string[]): number | undefined {
	for (let index = 0; index < words.length; index++) {
		const [flag, inline] = words[index].split('=', 2);
		const value = inline ?? words[index + 1] ?? '';
		if (['--bind', '-b'].includes(flag)) {
			const port = /:(\d+)$/.exec(value)?.[1];
			if (port) {
				return Number(port);
			}
		} else if (flag === '--port' && /^\d+$/.test(value)) {
			return Number(value);
		}
	}

	return undefined;
}

export const dw014: Rule = {
	id: 'DW014',
	severity: 'warning',
	title: 'EXPOSE does not match the port the app listens on',
	why: 'EXPOSE documents the port and is what `docker run -P` publishes; a wrong one sends traffic to a closed port.',
	fix: 'Expose the port the app binds (the one in the gunicorn `--bind`).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nEXPOSE 5000\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
		good: 'FROM python:3.11-slim\nEXPOSE 8000\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
	},
	moreExamples: {
		bad: ['FROM python:3.11-slim\nENV PORT=8000\nEXPOSE 5000\nCMD ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port \\"${PORT:-8000}\\""]\n'],
		good: ['FROM python:3.11-slim\nENV PORT=9000\nEXPOSE 9000\nCMD ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port \\"${PORT:-9000}\\""]\n'],
	},
	check(context) {
		const stage = finalStage(context);
		const exposes = stage?.instructions.filter(instruction => instruction.keyword === 'EXPOSE') ?? [];
		if (!stage || exposes.length === 0) {
			return [];
		}

		// The command's own --bind says where the app listens; otherwise the port the scan found.
		const start = startCommand(stage);
		// gunicorn with no --bind binds 0.0.0.0:$PORT when PORT is set.
		const envPort = stage.instructions.filter(instruction => instruction.keyword === 'ENV').flatMap(instruction => instruction.args).map(argument => /^PORT=(\d+)$/.exec(argument)?.[1]).filter(Boolean).at(-1);
		const gunicorn = start?.words.some(word => /(^|\/)gunicorn$/.test(word)) ?? false;
		// uvicorn and hypercorn are given PORT by a shell: `--port "${PORT:-8000}"`, `--bind 0.0.0.0:${PORT:-8000}`.
		const portFromEnv = gunicorn || (start?.words.some(word => /\$\{?PORT\b/.test(word)) ?? false);
		const bound = (start ? boundPort(start.words) : undefined) ?? (portFromEnv && envPort ? Number(envPort) : undefined);
		const appPort = bound ?? context.report.port;
		const source = bound === undefined ? context.report.portSource : `the command binds it, line ${start?.instruction.line}`;
		const ports = exposes.flatMap(instruction => instruction.args.map(argument => Number.parseInt(argument, 10)));
		if (ports.includes(appPort) || ports.some(port => Number.isNaN(port))) {
			return [];
		}

		return [{line: exposes[0].line, message: `EXPOSE ${ports.join(' ')}, but the app listens on ${appPort} (${source})`}];
	},
};
