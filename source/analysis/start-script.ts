// The start script an existing Dockerfile runs (`ENTRYPOINT ["./boot.sh"]`): the steps it
// takes before the server (migrations, translations, waiting for a database, init-db) must
// survive the new Dockerfile, so they are read here, line by line, never run.
import path from 'node:path/posix';
import type {Finding, StartScriptFacts, StartStep} from '../types.js';
import {commandWords} from './command-line.js';
import type {DockerfileFacts} from './dockerfile-facts.js';
import {readProjectText} from './project-files.js';

const server = /^(?:exec\s+)?(?:\S+=\S+\s+)*(?:\S*\/)?(?:gunicorn|uwsgi|waitress-serve|uvicorn|flask\s+(?:--app\s+\S+\s+)?run|python3?\s+(?:-u\s+)?(?:-m\s+(?:gunicorn|flask\s+run)|\S+\.py\s*$|\S+\.py\s+(?!.*\b(?:db|init|migrate|create|seed)))|(?:\S+\/)?(?:app|run|server|main|wsgi)\.py\s*$)/;
const execArguments = /^exec\s+(?:"\$@"|"\$\{@\}"|\$@|"\$\*")\s*$/;
const controlWords = /^(if|then|else|elif|fi|while|until|for|do|done|case|esac|function)\b|^\w+\s*\(\)\s*\{?|^[{}]$/;
// Lines that set up the author's own machine or shell, not the app: activating their venv, `cd` into their layout, echo.
const ignored = /^(set\s+[-+]|echo\b|printf\b|cd\b|source\s+\S*activate|\.\s+\S*activate|:\s*$|true\s*$|trap\b|shift\b)/;

// Syntax bash accepts and Debian's /bin/sh (dash) does not; Alpine's ash accepts some of it, so a
// script written for an Alpine image may use it under #!/bin/sh and fail on Debian ("[[: not found").
const bashOnly: Array<[RegExp, string]> = [
	[/(^|[\s;&|!(])\[\[\s/, '`[[ ... ]]`'],
	[/^\s*function\s+[\w-]+/, '`function name`'],
	[/^\s*(?:local\s+|declare\s+-a\s+|readonly\s+)?\w+=\(/, 'an array'],
	[/\$\{\w+\[[^\]]+\]\}|\$\{#\w+\[/, 'an array'],
	[/^\s*(?:source|\S+\s*&&\s*source)\s+\S/, '`source`'],
	[/\$'/, "`$'...'`"],
	[/(^|[\s;&|!])\[\s[^\]]*\s==\s/, '`==` inside `[ ]`'],
	[/<<<|<\(/, 'a here-string or process substitution'],
];

/** The bash-only syntax in a script, with its line: why it must run under bash. */
export function bashisms(lines: string[]): string[] {
	const found: string[] = [];
	for (const [index, raw] of lines.entries()) {
		const line = raw.replace(/(^|\s)#.*$/, '');
		for (const [pattern, name] of bashOnly) {
			if (pattern.test(line) && !found.some(item => item.startsWith(name))) {
				found.push(`${name} at line ${index + 1}`);
			}
		}
	}

	return found;
}

export function kindOf(command: string): StartStep['kind'] {
	if (/\b(db\s+upgrade|alembic\b.*\bupgrade|manage\.py\s+(db\s+upgrade|migrate)|\bmigrate\b)/.test(command)) {
		return 'migrate';
	}

	if (/pybabel\s+compile|translate\s+compile|compilemessages|msgfmt\b/.test(command)) {
		return 'translations';
	}

	if (/wait-for|wait_for|dockerize\b.*-wait|\bnc\s+-z|pg_isready|mysqladmin\s+ping|^sleep\s+\d/.test(command)) {
		return 'wait';
	}

	if (/init[-_]?db|create[-_]db|create_all|initdb|seed/.test(command)) {
		return 'init-db';
	}

	return 'other';
}

/** Reads a start script's text: the steps before the server, and how it ends. */
export function readStartScriptText(file: string, text: string): StartScriptFacts {
	const lines = text.split(/\r?\n/);
	const shebang = lines[0]?.startsWith('#!') ? lines[0] : '';
	const named = /\bbash\b/.test(shebang);
	const bashOnlySyntax = named ? [] : bashisms(lines);
	const facts: StartScriptFacts = {file, shell: named || bashOnlySyntax.length > 0 ? 'bash' : 'sh', steps: [], execsArguments: false, server: null, controlFlow: false};
	if (bashOnlySyntax.length > 0) {
		facts.bashisms = bashOnlySyntax;
	}

	for (const [index, raw] of lines.entries()) {
		const line = raw.replace(/\s+#.*$/, '').trim();
		if (line === '' || line.startsWith('#')) {
			continue;
		}

		if (execArguments.test(line)) {
			facts.execsArguments = true;
			break;
		}

		if (server.test(line)) {
			facts.server = line;
			// `exec` replaces the shell: nothing after it runs. Without exec, later lines run after the server stops.
			if (line.startsWith('exec ')) {
				break;
			}

			continue;
		}

		const parts = line.split(/\s*;\s*/).filter(Boolean);
		if (parts.some(part => controlWords.test(part))) {
			facts.controlFlow = true;
		}

		const command = parts.filter(part => !controlWords.test(part) || /^(until|while|if)\s+\S/.test(part)).join('; ');
		if (command === '' || ignored.test(command)) {
			continue;
		}

		facts.steps.push({line: index + 1, command: command.slice(0, 200), kind: kindOf(command)});
	}

	return facts;
}

/** The project file behind an image path (`/app/boot.sh`, `/docker-entrypoint.sh`): as written, then by its name in the usual folders. */
function candidates(script: string): string[] {
	const name = path.basename(script);
	return [...new Set([script.replace(/^\.?\/+/, ''), name, `docker/${name}`, `scripts/${name}`, `bin/${name}`])];
}

/** The start script the Dockerfile's ENTRYPOINT or CMD runs, if it is one of the project's files. */
export async function readStartScript(root: string, dockerfile: DockerfileFacts, problems: Finding[]): Promise<StartScriptFacts | null> {
	for (const instruction of [dockerfile.entrypoint, dockerfile.cmd]) {
		const script = instruction ? commandWords(instruction.command).find(word => /\.sh$|(^|\/)(docker-)?entrypoint$/.test(word)) : undefined;
		if (!script) {
			continue;
		}

		for (const file of candidates(script)) {
			const text = await readProjectText(root, file, problems);
			if (text !== null) {
				return readStartScriptText(file, text);
			}
		}
	}

	return null;
}

/** The Procfile's `release:` line, split into its commands. */
export async function readReleaseSteps(root: string, problems: Finding[]): Promise<StartStep[]> {
	const text = await readProjectText(root, 'Procfile', problems);
	const steps: StartStep[] = [];
	text?.split(/\r?\n/).forEach((line, index) => {
		const release = /^\s*release\s*:\s*(.+)$/.exec(line);
		for (const command of release?.[1].split(/\s*(?:&&|;)\s*/).filter(Boolean) ?? []) {
			steps.push({line: index + 1, command: command.slice(0, 200), kind: kindOf(command)});
		}
	});
	return steps;
}
