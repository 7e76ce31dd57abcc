import net from 'node:net';
import type {EngineEvent, Side, SmokeResult} from '../types.js';
import type {Engine} from './connect.js';

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
};

const probeEverySeconds = 0.25;

/** Docker multiplexes stdout/stderr with 8-byte frame headers when there is no TTY. */
export function demuxLogs(buffer: Buffer): string {
	const parts: Buffer[] = [];
	let pos = 0;
	while (pos + 8 <= buffer.length && buffer[pos] <= 2 && buffer[pos + 1] === 0 && buffer[pos + 2] === 0 && buffer[pos + 3] === 0) {
		const size = buffer.readUInt32BE(pos + 4);
		parts.push(buffer.subarray(pos + 8, pos + 8 + size));
		pos += 8 + size;
	}

	// Not framed (a TTY container): the bytes are the log.
	return pos === 0 ? buffer.toString('utf8') : Buffer.concat(parts).toString('utf8');
}

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
 */
export async function smokeTest(engine: Engine, options: SmokeOptions, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<SmokeResult> {
	const timeoutSeconds = options.timeoutSeconds ?? 30;
	const hostNetwork = options.network === 'host';
	const fail = (error: string, logTail?: string[]): SmokeResult => {
		onEvent({type: 'smoke', side: options.side, status: 'fail'});
		return {ok: false, status: null, startupSeconds: null, logTail, error};
	};

	onEvent({type: 'smoke', side: options.side, status: 'start'});
	if (hostNetwork && (await portInUse(options.port))) {
		// Something else would answer for the app: the smoke test would prove nothing.
		return fail(`Port ${options.port} on 127.0.0.1 is already in use, so the app could not be tested on the host network: stop what uses it, or run without --network host.`);
	}

	const hostPort = hostNetwork ? options.port : await freeLoopbackPort();
	const containerPort = `${options.port}/tcp`;
	let container;
	try {
		container = await engine.docker.createContainer({
			Image: options.image,
			name: `dockwiz-smoke-${options.side}-${process.pid}-${Date.now().toString(36)}`,
			Labels: {'dockwiz.role': 'smoke'},
			ExposedPorts: hostNetwork ? undefined : {[containerPort]: {}},
			HostConfig: hostNetwork
				? {NetworkMode: 'host'}
				: {NetworkMode: options.network, PortBindings: {[containerPort]: [{HostIp: '127.0.0.1', HostPort: String(hostPort)}]}},
		});
	} catch (error) {
		return fail(`Could not create the container: ${error instanceof Error ? error.message : String(error)}`);
	}

	const tail = async (): Promise<string[]> => {
		const raw = await container.logs({stdout: true, stderr: true, tail: options.logLines ?? 20, follow: false}).catch(() => Buffer.alloc(0));
		return demuxLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))).split(/\r?\n/).filter(line => line.trim() !== '');
	};

	try {
		await container.start();
		const started = performance.now();
		const url = `http://127.0.0.1:${hostPort}/`;
		while (!signal.aborted) {
			const status = await probe(url, signal);
			const state = await container.inspect().then(i => i.State, () => null);
			if (state && !state.Running) {
				return fail(`The container exited with code ${state.ExitCode} before answering on port ${options.port}.`, await tail());
			}

			if (status !== null) {
				const seconds = (performance.now() - started) / 1000;
				onEvent({type: 'smoke', side: options.side, status: 'ok', httpStatus: status, seconds});
				return {ok: true, status, startupSeconds: seconds};
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
		await container.remove({force: true}).catch(() => undefined);
	}
}
