import http from 'node:http';
import net from 'node:net';
import type {EngineEvent, Side, SmokeResult} from '../types.js';
import {statusOf, type EngineHandle, type Labels} from './adapter.js';
import {tcpAppHost, type AppHostLink} from './app-host.js';
import {maxLogLines} from '../report/bounded-log.js';
import {containerLogTail} from './log-tail.js';
import {abortableSleep} from './abortable-sleep.js';
import {lockSmokePort} from './smoke-port-lock.js';

export {demuxLogs} from './dockerode-adapter.js';

export type SmokeOptions = {
	image: string;
	side: Side;
	/** The port the app listens on inside the container. */
	port: number;
	/** `host` runs on the engine host's network and probes port there; otherwise a free port is published on the engine's host. */
	network?: string;
	timeoutSeconds?: number;
	/** On the host network: how long to wait for another dockwiz run's smoke test on the same port (default: the timeout plus a minute). */
	portWaitSeconds?: number;
	/** How many log lines to keep when it fails. */
	logLines?: number;
	/** Set in the container: placeholders for the variables the app requires at start (advice/required-env.ts). */
	env?: Record<string, string>;
	/** Put on the container: which run and process made it (see run-identity.ts). */
	labels?: Labels;
	/** Told the container's id as soon as it exists, so a clean-up knows it even if this never returns. */
	onCreated?: (id: string) => void;
	/** Told the container's id when the engine did not answer its removal (for the leftover journal). */
	onUnremoved?: (id: string) => void;
};

// What a smoke test takes beyond its answer timeout: creating, starting and removing the container.
const smokeOverheadSeconds = 60;

// Short, so the first answer is timed to within a few tens of milliseconds (a refused connection costs little).
const probeEverySeconds = 0.05;

function freeLoopbackPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => {
				resolve(typeof address === 'object' && address ? address.port : 0);
			});
		});
	});
}

/** Whether something already listens on the port on the engine's host. */
async function portInUse(link: AppHostLink, port: number): Promise<boolean> {
	try {
		(await link.connect(port)).destroy();
		return true;
	} catch {
		return false;
	}
}

/**
 * Any HTTP answer counts: the app is up even when / is a 404. The request goes through the
 * link to the engine's host (a socket here, or a channel of the engine's SSH login). The
 * timers here are ref'd on purpose: a process with nothing else pending (the headless CLI
 * waiting on a socket a proxy holds open) would otherwise end mid-probe.
 */
function probe(link: AppHostLink, port: number, signal: AbortSignal): Promise<number | null> {
	return new Promise(resolve => {
		let settled = false;
		const finish = (status: number | null) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			signal.removeEventListener('abort', stop);
			request.destroy();
			resolve(status);
		};

		const request = http.request({
			host: '127.0.0.1',
			port,
			path: '/',
			headers: {connection: 'close'},
			createConnection(_options, created) {
				link.connect(port).then(stream => created(null, stream as net.Socket), (error: Error) => created(error, undefined as unknown as net.Socket));
				return undefined;
			},
		}, response => {
			response.resume();
			response.once('end', () => finish(response.statusCode ?? null));
			response.once('error', () => finish(response.statusCode ?? null));
		});
		const stop = () => finish(null);
		const timer = setTimeout(stop, 2000);
		signal.addEventListener('abort', stop, {once: true});
		request.once('error', () => finish(null));
		request.end();
	});
}

/**
 * Runs the image, waits (bounded) for any HTTP answer from the app's port on the engine's
 * host (127.0.0.1 for a local engine; see app-host.ts), and records the status and seconds to first answer. The container is always removed.
 * When it exits, never answers, or answers with a server error, the result carries the
 * last lines of its log (secrets masked): the traceback a user would otherwise dig out.
 */
export async function smokeTest(engine: EngineHandle, options: SmokeOptions, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<SmokeResult> {
	const fail = (error: string, logTail?: string[]): SmokeResult => {
		onEvent({type: 'smoke', side: options.side, status: 'fail'});
		return {ok: false, status: null, startupSeconds: null, firstAnswerSeconds: null, ...(logTail ? {logTail} : {}), error};
	};

	onEvent({type: 'smoke', side: options.side, status: 'start'});
	// On the host network the app takes the host's own port: another dockwiz run's smoke test
	// on it holds it for one test at most, so this one waits its turn.
	const timeoutSeconds = options.timeoutSeconds ?? 30;
	const waitSeconds = options.portWaitSeconds ?? timeoutSeconds + smokeOverheadSeconds;
	const turn = options.network === 'host' ? await lockSmokePort(options.port, waitSeconds, signal) : null;
	if (turn && !turn.ok) {
		return fail(turn.aborted ? 'The smoke test was interrupted.' : `Port ${options.port} on 127.0.0.1 has been taken by another dockwiz run's smoke test${turn.holder ? ` (process ${turn.holder})` : ''} for over ${waitSeconds} s: wait for that run to end, or run without --network host.`);
	}

	try {
		// The app's port is on the engine's host: here for a local engine, elsewhere for a remote one.
		const appHost = engine.appHost ?? tcpAppHost();
		let link: AppHostLink;
		try {
			link = await appHost.open();
		} catch (error) {
			return fail(`Could not reach the engine's host to test the app (${appHost.describe}): ${error instanceof Error ? error.message : String(error)}`);
		}

		try {
			return await runAndProbe(engine, options, link, appHost.publishIp, fail, onEvent, signal);
		} finally {
			link.close();
		}
	} finally {
		if (turn?.ok) turn.lock.release();
	}
}

async function runAndProbe(
	engine: EngineHandle,
	options: SmokeOptions,
	link: AppHostLink,
	publishIp: string,
	fail: (error: string, logTail?: string[]) => SmokeResult,
	onEvent: (event: EngineEvent) => void,
	signal: AbortSignal,
): Promise<SmokeResult> {
	const timeoutSeconds = options.timeoutSeconds ?? 30;
	const hostNetwork = options.network === 'host';
	if (hostNetwork && (await portInUse(link, options.port))) {
		// Something else would answer for the app: the smoke test would prove nothing.
		return fail(`Port ${options.port} on 127.0.0.1 is already in use, so the app could not be tested on the host network: stop what uses it, or run without --network host.`);
	}

	const hostPort = hostNetwork ? options.port : await freeLoopbackPort();
	let id: string;
	try {
		id = await engine.adapter.createContainer({
			image: options.image,
			name: `dockwiz-smoke-${options.side}-${process.pid}-${Date.now().toString(36)}`,
			labels: {'dockwiz.role': 'smoke', ...options.labels},
			network: options.network,
			publish: hostNetwork ? undefined : {containerPort: options.port, hostPort, hostIp: publishIp},
			...(options.env && Object.keys(options.env).length > 0 ? {env: options.env} : {}),
		});
	} catch (error) {
		return fail(`Could not create the container: ${error instanceof Error ? error.message : String(error)}`);
	}

	options.onCreated?.(id);
	// The whole log (bounded) is read once, before the container goes: the tail is its end.
	let log: string[] | undefined;
	const readLog = async () => {
		log ??= await containerLogTail(engine, id, maxLogLines);
		return log;
	};

	const tail = async () => (await readLog()).slice(-(options.logLines ?? 20));
	try {
		const result = await probeUntilAnswer();
		if (!signal.aborted) result.log = await readLog();
		return result;
	} finally {
		await engine.adapter.removeContainer(id, {force: true}).catch((error: unknown) => {
			if (statusOf(error) === undefined) options.onUnremoved?.(id);
		});
	}

	async function probeUntilAnswer(): Promise<SmokeResult> {
		try {
			// The first answer counts from the start request: what a deploy or an autoscaler waits for.
			const requested = performance.now();
			await engine.adapter.startContainer(id);
			const started = performance.now();
			while (!signal.aborted) {
				const status = await probe(link, hostPort, signal);
				const state = await engine.adapter.inspectContainer(id).catch(() => null);
				if (state && !state.running) {
					return fail(`The container exited with code ${state.exitCode} before answering on port ${options.port}.`, await tail());
				}

				if (status !== null) {
					const seconds = (performance.now() - started) / 1000;
					onEvent({type: 'smoke', side: options.side, status: 'ok', httpStatus: status, seconds});
					// Any answer proves the app is up; a server error is still worth its traceback.
					const firstAnswerSeconds = (performance.now() - requested) / 1000;
					return {ok: true, status, startupSeconds: seconds, firstAnswerSeconds, ...(status >= 500 ? {logTail: await tail()} : {})};
				}

				if ((performance.now() - started) / 1000 > timeoutSeconds) {
					return fail(`No HTTP answer on port ${options.port} within ${timeoutSeconds} s: check that the app listens on 0.0.0.0:${options.port}.`, await tail());
				}

				await abortableSleep(probeEverySeconds * 1000, signal);
			}

			return fail('The smoke test was interrupted.');
		} catch (error) {
			return fail(`Could not run the container: ${error instanceof Error ? error.message : String(error)}`, await tail());
		}
	}
}
