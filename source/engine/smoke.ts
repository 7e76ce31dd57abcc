import net from 'node:net';
import type {EngineEvent, Side, SmokeResult} from '../types.js';
import {statusOf, type EngineHandle, type Labels} from './adapter.js';
import {containerLogTail} from './log-tail.js';

export {demuxLogs} from './dockerode-adapter.js';

export type SmokeOptions = {
	image: string;
	side: Side;
	/** The port the app listens on inside the container. */
	port: number;
	/** `host` runs on the host's network and probes 127.0.0.1:port; otherwise a free loopback port is published. */
	network?: string;
	timeoutSeconds?: number;
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

function portInUse(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({port, host: '127.0.0.1'});
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => {
			resolve(false);
		});
	});
}

/**
 * Any HTTP answer counts: the app is up even when / is a 404. The timers here are ref'd on
 * purpose: AbortSignal.timeout's is not, and a process with nothing else pending (the
 * headless CLI waiting on a socket a proxy holds open) would otherwise end mid-probe.
 */
async function probe(url: string, signal: AbortSignal): Promise<number | null> {
	const controller = new AbortController();
	const stop = () => controller.abort();
	const timer = setTimeout(stop, 2000);
	signal.addEventListener('abort', stop, {once: true});
	try {
		const response = await fetch(url, {signal: controller.signal, redirect: 'manual'});
		await response.arrayBuffer().catch(() => undefined);
		return response.status;
	} catch {
		return null;
	} finally {
		clearTimeout(timer);
		signal.removeEventListener('abort', stop);
	}
}

const sleep = (seconds: number, signal: AbortSignal) => new Promise<void>(resolve => {
	const done = () => {
		clearTimeout(timer);
		signal.removeEventListener('abort', done);
		resolve();
	};

	const timer = setTimeout(done, seconds * 1000);
	signal.addEventListener('abort', done, {once: true});
});

/**
 * Runs the image, waits (bounded) for any HTTP answer from the app's port on 127.0.0.1,
 * and records the status and seconds to first answer. The container is always removed.
 * When it exits, never answers, or answers with a server error, the result carries the
 * last lines of its log (secrets masked): the traceback a user would otherwise dig out.
 */
export async function smokeTest(engine: EngineHandle, options: SmokeOptions, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<SmokeResult> {
	const timeoutSeconds = options.timeoutSeconds ?? 30;
	const hostNetwork = options.network === 'host';
	const fail = (error: string, logTail?: string[]): SmokeResult => {
		onEvent({type: 'smoke', side: options.side, status: 'fail'});
		return {ok: false, status: null, startupSeconds: null, firstAnswerSeconds: null, ...(logTail ? {logTail} : {}), error};
	};

	onEvent({type: 'smoke', side: options.side, status: 'start'});
	if (hostNetwork && (await portInUse(options.port))) {
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
			publish: hostNetwork ? undefined : {containerPort: options.port, hostPort},
			...(options.env && Object.keys(options.env).length > 0 ? {env: options.env} : {}),
		});
	} catch (error) {
		return fail(`Could not create the container: ${error instanceof Error ? error.message : String(error)}`);
	}

	options.onCreated?.(id);
	const tail = async () => containerLogTail(engine, id, options.logLines ?? 20);
	try {
		// The first answer counts from the start request: what a deploy or an autoscaler waits for.
		const requested = performance.now();
		await engine.adapter.startContainer(id);
		const started = performance.now();
		const url = `http://127.0.0.1:${hostPort}/`;
		while (!signal.aborted) {
			const status = await probe(url, signal);
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

			await sleep(probeEverySeconds, signal);
		}

		return fail('The smoke test was interrupted.');
	} catch (error) {
		return fail(`Could not run the container: ${error instanceof Error ? error.message : String(error)}`, await tail());
	} finally {
		await engine.adapter.removeContainer(id, {force: true}).catch((error: unknown) => {
			if (statusOf(error) === undefined) options.onUnremoved?.(id);
		});
	}
}
