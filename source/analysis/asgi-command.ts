// Reads the ASGI server commands a project already uses (uvicorn, hypercorn, the `fastapi`
// CLI): the app they serve, from which folder, on which host and port, with which flags.
import {optionValue, portInAddress, type CommandFacts} from './command-line.js';

export type AsgiProgram = 'uvicorn' | 'hypercorn' | 'fastapi';

export type AsgiCommandDetails = {
	/** gunicorn's `-k` / `--worker-class` (`uvicorn.workers.UvicornWorker`). */
	workerClass: string | null;
	workers: number | null;
	reload: boolean;
	/** The host it binds, as written (`127.0.0.1`, `0.0.0.0`); null when the command leaves the server's default. */
	host: string | null;
	/** `fastapi dev` / `fastapi run`. */
	mode?: 'dev' | 'run';
};

// Options that take a value, so that the value is not taken for the app.
const uvicornValueOptions = new Set([
	'--host', '--port', '--uds', '--fd', '--reload-dir', '--reload-include', '--reload-exclude', '--reload-delay', '--workers',
	'--loop', '--http', '--ws', '--ws-max-size', '--ws-max-queue', '--ws-ping-interval', '--ws-ping-timeout', '--ws-per-message-deflate',
	'--lifespan', '--interface', '--env-file', '--log-config', '--log-level', '--root-path', '--limit-concurrency', '--backlog',
	'--limit-max-requests', '--timeout-keep-alive', '--timeout-graceful-shutdown', '--ssl-keyfile', '--ssl-certfile', '--ssl-keyfile-password',
	'--ssl-version', '--ssl-cert-reqs', '--ssl-ca-certs', '--ssl-ciphers', '--header', '--forwarded-allow-ips', '--app-dir',
	'--h11-max-incomplete-event-size',
]);
const hypercornValueOptions = new Set([
	'-b', '--bind', '-w', '--workers', '-k', '--worker-class', '-c', '--config', '--root-path', '--access-logfile', '--error-logfile',
	'--access-logformat', '--log-config', '--keyfile', '--certfile', '--ca-certs', '--ciphers', '-u', '--user', '-g', '--group',
	'-m', '--umask', '--insecure-bind', '--quic-bind', '--backlog', '--graceful-timeout', '--keep-alive', '--max-requests', '-p', '--pid',
	'--server-name', '--statsd-host', '--statsd-prefix', '--websocket-ping-interval', '--read-timeout',
]);
const fastapiValueOptions = new Set(['--host', '--port', '--workers', '--root-path', '--app', '--entrypoint', '-e', '--proxy-headers-ips', '--forwarded-allow-ips']);

function count(value: string | null): number | null {
	return value !== null && /^\d{1,3}$/.test(value) ? Number(value) : null;
}

/** The server's facts when `program` is an ASGI server (words[0] is the program); null otherwise. */
export function readAsgiCommand(program: string, words: string[]): CommandFacts | null {
	const details: AsgiCommandDetails = {workerClass: null, workers: null, reload: false, host: null};
	const facts: CommandFacts = {server: null, target: null, factory: false, chdir: null, port: null, asgi: details};
	let values: Set<string>;
	if (program === 'uvicorn') {
		facts.server = 'uvicorn';
		values = uvicornValueOptions;
	} else if (program === 'hypercorn') {
		facts.server = 'hypercorn';
		values = hypercornValueOptions;
	} else if (program === 'fastapi' && (words[1] === 'run' || words[1] === 'dev')) {
		facts.server = 'fastapi';
		details.mode = words[1];
		details.reload = words[1] === 'dev';
		values = fastapiValueOptions;
		words = words.slice(1);
	} else {
		return null;
	}

	let appName: string | null = null;
	for (let i = 1; i < words.length; i++) {
		const word = words[i];
		const port = optionValue(words, i, ['--port']);
		facts.port ??= port ? portInAddress(port) : null;
		const bind = program === 'hypercorn' ? optionValue(words, i, ['--bind', '-b']) : null;
		if (bind) {
			facts.port ??= portInAddress(bind);
			details.host ??= bind.replace(/:[^:]*$/, '').replace(/^\[|\]$/g, '') || null;
		}

		details.host ??= program === 'hypercorn' ? null : optionValue(words, i, ['--host']);
		details.workers ??= count(optionValue(words, i, program === 'hypercorn' ? ['--workers', '-w'] : ['--workers']));
		facts.chdir ??= optionValue(words, i, ['--app-dir']);
		appName ??= optionValue(words, i, ['--app']);
		const entrypoint = optionValue(words, i, ['--entrypoint']);
		if (entrypoint) {
			facts.target = entrypoint;
		}

		if (word === '--reload') {
			details.reload = true;
		} else if (word === '--factory') {
			facts.factory = true;
		}

		if (values.has(word)) {
			i++;
			continue;
		}

		if (!word.startsWith('-') && facts.target === null) {
			facts.target = word;
		}
	}

	// `fastapi run main.py --app api`: a file, and the app's name in it.
	if (facts.server === 'fastapi' && facts.target && !facts.target.includes(':')) {
		facts.target = `${facts.target}:${appName ?? 'app'}`;
	}

	return facts;
}

/** gunicorn's ASGI details: `-k uvicorn.workers.UvicornWorker`, `-w 4`, `--reload`. */
export function gunicornAsgiDetails(words: string[]): AsgiCommandDetails {
	const details: AsgiCommandDetails = {workerClass: null, workers: null, reload: false, host: null};
	for (let i = 1; i < words.length; i++) {
		details.workerClass ??= optionValue(words, i, ['--worker-class', '-k']);
		details.workers ??= count(optionValue(words, i, ['--workers', '-w']));
		const bind = optionValue(words, i, ['--bind', '-b']);
		details.host ??= bind ? bind.replace(/:[^:]*$/, '') || null : null;
		if (words[i] === '--reload') {
			details.reload = true;
		}
	}

	return details;
}
