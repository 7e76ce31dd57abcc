// A small reading of RUN scripts: enough to find which commands run and with which
// words, without pretending to be a shell.

export type ShellCommand = {
	/** Words with quotes removed; environment assignments (`A=b cmd`) dropped. */
	words: string[];
	/** Whether this command's output is piped into the next one. */
	pipedOut: boolean;
};

function tokenize(script: string): Array<{word: string} | {operator: string}> {
	const tokens: Array<{word: string} | {operator: string}> = [];
	let word = '';
	let inWord = false;
	const flush = () => {
		if (inWord) {
			tokens.push({word});
		}

		word = '';
		inWord = false;
	};

	for (let index = 0; index < script.length; index++) {
		const char = script[index];
		if (char === '\'' || char === '"') {
			const end = script.indexOf(char, index + 1);
			word += script.slice(index + 1, end === -1 ? script.length : end);
			inWord = true;
			index = end === -1 ? script.length : end;
		} else if (char === '\\') {
			if (script[index + 1] === '\n') {
				index++;
			} else {
				word += script[index + 1] ?? '';
				inWord = true;
				index++;
			}
		} else if (char === ' ' || char === '\t' || char === '(' || char === ')') {
			flush();
		} else if (char === '\n' || char === ';') {
			flush();
			tokens.push({operator: ';'});
		} else if (char === '&' || char === '|') {
			flush();
			const double = script[index + 1] === char;
			tokens.push({operator: double ? char + char : char});
			if (double) {
				index++;
			}
		} else if (char === '#' && !inWord) {
			const end = script.indexOf('\n', index);
			index = end === -1 ? script.length : end - 1;
		} else {
			word += char;
			inWord = true;
		}
	}

	flush();
	return tokens;
}

const shells = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/** The program a heredoc script names in its #! line (`#!/usr/bin/env python3` -> python3), or sh. */
function interpreterOf(body: string): string {
	const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
	if (!shebang) return 'sh';
	const program = shebang[1].endsWith('/env') ? (shebang[2] ?? '') : shebang[1];
	return program.split('/').at(-1) ?? '';
}

/**
 * The shell script a RUN runs. BuildKit's heredocs (`RUN <<EOF`) put it in the body; a body
 * fed to another program (`RUN python3 <<EOF`, `RUN cat <<EOF > /etc/app.conf`, a #! line
 * naming python) is that program's input, not shell: only the command line is.
 */
export function scriptOf(text: string): string {
	const newline = text.indexOf('\n');
	if (newline === -1) return text;
	const firstLine = text.slice(0, newline);
	const marker = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(firstLine);
	if (!marker) return text;
	const lines = text.slice(newline + 1).split('\n');
	const end = lines.findIndex(line => (marker[1] ? line.replace(/^\t+/, '') : line).trim() === marker[3]);
	// No closing line: not a heredoc BuildKit would read; read the text as it is.
	if (end === -1) return text;
	const body = lines.slice(0, end).join('\n');
	const command = `${firstLine.slice(0, marker.index)} ${firstLine.slice(marker.index + marker[0].length)}`.replaceAll(/\s+/g, ' ').trim();
	if (command === '') return shells.has(interpreterOf(body)) ? body : '';
	const program = command.split(/\s+/)[0].split('/').at(-1) ?? '';
	if (shells.has(program) && !/\s-\w*c\b/.test(command)) return body;
	return command;
}

export function splitCommands(text: string): ShellCommand[] {
	const commands: ShellCommand[] = [];
	let words: string[] = [];
	const push = (pipedOut: boolean) => {
		const assignments = words.findIndex(word => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
		const rest = assignments === -1 ? [] : words.slice(assignments);
		if (rest.length > 0) {
			commands.push({words: rest, pipedOut});
		}

		words = [];
	};

	for (const token of tokenize(scriptOf(text))) {
		if ('word' in token) {
			words.push(token.word);
		} else {
			push(token.operator === '|');
		}
	}

	push(false);
	return commands;
}

/** The program a command runs, without its folder (`/opt/venv/bin/pip` -> `pip`), skipping sudo/env. */
export function programOf(command: ShellCommand): {name: string; rest: string[]} {
	let words = command.words;
	while (words.length > 1 && ['sudo', 'env', 'exec', 'command', 'nohup'].includes(words[0])) {
		words = words.slice(1);
	}

	const name = (words[0] ?? '').split('/').at(-1) ?? '';
	return {name, rest: words.slice(1)};
}

/** `pip install`, `pip3 install`, `python -m pip install` -> the words after `install`, else null. */
export function pipInstallArgs(command: ShellCommand): string[] | null {
	const {name, rest} = programOf(command);
	let args = rest;
	if (/^python(\d(\.\d+)?)?$/.test(name)) {
		if (args[0] !== '-m' || !/^pip\d?$/.test(args[1] ?? '')) {
			return null;
		}

		args = args.slice(2);
	} else if (!/^pip(\d(\.\d+)?)?$/.test(name)) {
		return null;
	}

	// pip's global options may stand before the command; some take a value (`--python /opt/venv/bin/python`).
	let index = 0;
	while (index < args.length && args[index].startsWith('-')) {
		index += pipGlobalOptionsWithValue.has(args[index]) ? 2 : 1;
	}

	return args[index] === 'install' ? args.slice(index + 1) : null;
}

const pipGlobalOptionsWithValue = new Set(['--python', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--use-feature', '--use-deprecated', '--keyring-provider']);

/** `apt-get install ...` / `apt install` -> the words after `install`, else null. */
export function aptInstallArgs(command: ShellCommand): {tool: string; args: string[]} | null {
	const {name, rest} = programOf(command);
	if (name !== 'apt-get' && name !== 'apt') {
		return null;
	}

	const install = rest.indexOf('install');
	return install === -1 ? null : {tool: name, args: rest.filter((_word, index) => index !== install)};
}

/** The package names among install arguments (no options, no option values we know of). */
export function packageWords(args: string[]): string[] {
	const withValue = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-o', '--option', '--prefix', '--root', '--python']);
	const names: string[] = [];
	for (let index = 0; index < args.length; index++) {
		const word = args[index];
		if (withValue.has(word)) {
			index++;
		} else if (!word.startsWith('-') && word !== '') {
			names.push(word);
		}
	}

	return names;
}
