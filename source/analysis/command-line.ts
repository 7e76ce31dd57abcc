import {gunicornAsgiDetails, readAsgiCommand, type AsgiCommandDetails, type AsgiProgram} from './asgi-command.js';

// Reads the server command a project already uses (Procfile `web:`, Dockerfile CMD or
// ENTRYPOINT): which module and app it serves, from which folder, on which port.

export type CommandFacts = {
	server: 'gunicorn' | 'waitress' | 'uwsgi' | 'flask' | 'python' | AsgiProgram | null;
	/** `module:attr` as written, or a file for `python app.py` / uwsgi --wsgi-file. */
	target: string | null;
	/** waitress-serve --call: the target is a factory. */
	factory: boolean;
	chdir: string | null;
	port: number | null;
	/** ASGI details (asgi-command.ts): gunicorn's `-k`, the worker count, `--reload`, the host bound. */
	asgi?: AsgiCommandDetails;
};

const gunicornValueOptions = new Set([
	'-b', '--bind', '-w', '--workers', '-k', '--worker-class', '-c', '--config', '--chdir', '-t', '--timeout',
	'--threads', '--log-level', '--access-logfile', '--error-logfile', '--log-file', '-e', '--env', '--pythonpath',
	'-n', '--name', '--max-requests', '--max-requests-jitter', '--graceful-timeout', '--keep-alive',
	'--worker-connections', '-p', '--pid', '-u', '--user', '-g', '--group', '--log-config', '--forwarded-allow-ips',
	'--certfile', '--keyfile', '--access-logformat', '--worker-tmp-dir', '--backlog', '-m', '--umask', '--limit-request-line',
]);

/** A port in a bind address like `0.0.0.0:8000`, `:$PORT`, `[::]:${PORT:-5000}`. */
export function portInAddress(address: string): number | null {
	const fallback = /\$\{?PORT:?-(\d+)\}?/.exec(address);
	if (fallback) {
		return Number(fallback[1]);
	}

	const match = /:(\d{2,5})\s*$/.exec(address) ?? /^(\d{2,5})$/.exec(address.trim());
	const port = match ? Number(match[1]) : null;
	return port !== null && port > 0 && port < 65_536 ? port : null;
}

/** Splits a shell-ish command into words (quotes removed), dropping env assignments and `exec`. */
export function commandWords(command: string): string[] {
	const words: string[] = [];
	const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
	for (const match of command.matchAll(pattern)) {
		// A quote left open by splitting at `&&` inside `sh -c "..."` is not part of the word.
		words.push(match[1] ?? match[2] ?? match[3].replace(/^["']|["']$/g, ''));
	}

	return words;
}

export function optionValue(words: string[], index: number, names: string[]): string | null {
	const word = words[index];
	for (const name of names) {
		if (word === name) {
			return words[index + 1] ?? null;
		}

		if (name.startsWith('--') && word.startsWith(name + '=')) {
			return word.slice(name.length + 1);
		}

		if (!name.startsWith('--') && word.startsWith(name) && word.length > name.length) {
			return word.slice(name.length);
		}
	}

	return null;
}

/** The facts of one command line (the first server it names, across `&&` and `;`). */
export function readCommand(command: string): CommandFacts {
	const facts: CommandFacts = {server: null, target: null, factory: false, chdir: null, port: null};
	const segments = command.split(/&&|;|\|\|/);
	for (const segment of segments) {
		let words = commandWords(segment.trim()).filter(word => !/^\w+=/.test(word));
		while (words[0] === 'exec' || words[0] === 'sh' || words[0] === '-c' || words[0] === 'bash') {
			words = commandWords(words.slice(1).join(' '));
		}

		let program = (words[0] ?? '').split('/').pop() ?? '';
		if (/^python(3(\.\d+)?)?$/.test(program) && words[1] === '-m') {
			program = words[2] ?? '';
			words = words.slice(2);
		}

		const asgi = readAsgiCommand(program, words);
		if (asgi) {
			return asgi;
		}

		if (program === 'gunicorn') {
			facts.server = 'gunicorn';
			facts.asgi = gunicornAsgiDetails(words);
			for (let i = 1; i < words.length; i++) {
				const bind = optionValue(words, i, ['--bind', '-b']);
				facts.port ??= bind ? portInAddress(bind) : null;
				facts.chdir ??= optionValue(words, i, ['--chdir']);
				if (gunicornValueOptions.has(words[i])) {
					i++;
					continue;
				}

				if (!words[i].startsWith('-') && facts.target === null) {
					facts.target = words[i];
				}
			}

			return facts;
		}

		if (program === 'waitress-serve' || program === 'waitress') {
			facts.server = 'waitress';
			for (let i = 1; i < words.length; i++) {
				const port = optionValue(words, i, ['--port']);
				const listen = optionValue(words, i, ['--listen']);
				facts.port ??= port ? portInAddress(port) : listen ? portInAddress(listen) : null;
				if (words[i] === '--call') {
					facts.factory = true;
				} else if (!words[i].startsWith('-') && facts.target === null && words[i - 1] !== '--port' && words[i - 1] !== '--listen' && words[i - 1] !== '--host') {
					facts.target = words[i];
				}
			}

			return facts;
		}

		if (program === 'uwsgi') {
			facts.server = 'uwsgi';
			let wsgiFile: string | null = null;
			let callable: string | null = null;
			for (let i = 1; i < words.length; i++) {
				facts.target ??= optionValue(words, i, ['--module', '-w']);
				wsgiFile ??= optionValue(words, i, ['--wsgi-file', '--file']);
				callable ??= optionValue(words, i, ['--callable']);
				facts.chdir ??= optionValue(words, i, ['--chdir']);
				const http = optionValue(words, i, ['--http', '--http-socket']);
				facts.port ??= http ? portInAddress(http) : null;
			}

			if (facts.target === null && wsgiFile) {
				facts.target = `${wsgiFile}:${callable ?? 'application'}`;
			}

			return facts;
		}

		if (program === 'flask') {
			facts.server = 'flask';
			for (let i = 1; i < words.length; i++) {
				facts.target ??= optionValue(words, i, ['--app', '-A']);
				const port = optionValue(words, i, ['--port', '-p']);
				facts.port ??= port ? portInAddress(port) : null;
			}

			return facts;
		}

		if (/^python(3(\.\d+)?)?$/.test(program) && words[1]?.endsWith('.py')) {
			facts.server = 'python';
			facts.target = words[1];
			return facts;
		}
	}

	return facts;
}
