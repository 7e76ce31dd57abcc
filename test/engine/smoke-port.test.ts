import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {smokeTest} from '../../source/engine/smoke.js';
import {lockSmokePort} from '../../source/engine/smoke-port-lock.js';
import {freePort} from './engine-helpers.js';
import {FakeAdapter} from './fake-adapter.js';

// Two dockwiz runs on one machine smoke-testing on the host network at the same port (the
// demo's 5000 in two CI jobs): they take turns instead of colliding, a turn left by a killed
// run is taken over, and a port held too long, or by a program that is not dockwiz, is
// reported by number with what to do. The containers are the fake engine's: a started one
// listens on the port for real, so a collision here would be a real one.
const lockFile = (port: number) => `/tmp/dockwiz-smoke-port-${port}.lock`;
const ports: number[] = [];
afterEach(() => {
	for (const port of ports.splice(0)) fs.rmSync(lockFile(port), {force: true});
});

async function port(): Promise<number> {
	const free = await freePort();
	ports.push(free);
	return free;
}

/** One run's engine: its own fake adapter whose app answers on `hostPort`, with the moments its container started and went. */
function run(hostPort: number) {
	const adapter = new FakeAdapter();
	adapter.hostPort = hostPort;
	adapter.addImage({tags: ['app:1']});
	const moments: string[] = [];
	const start = adapter.startContainer.bind(adapter);
	const remove = adapter.removeContainer.bind(adapter);
	adapter.startContainer = async id => {
		moments.push(`start ${performance.now()}`);
		await start(id);
	};

	adapter.removeContainer = async (id, options) => {
		await remove(id, options);
		moments.push(`removed ${performance.now()}`);
	};

	const smoke = (extra: {timeoutSeconds?: number; portWaitSeconds?: number} = {}) => smokeTest({info: adapter.info, adapter}, {image: 'app:1', side: 'after', port: hostPort, network: 'host', timeoutSeconds: 5, ...extra}, () => undefined, new AbortController().signal);
	const at = (what: 'start' | 'removed') => Number(moments.find(moment => moment.startsWith(what))?.split(' ')[1]);
	return {adapter, smoke, at};
}

describe('smoke tests of two runs on the same host port', () => {
	it('take turns: both answer, the second container starts after the first is gone', async () => {
		const shared = await port();
		const first = run(shared);
		const second = run(shared);
		const [a, b] = await Promise.all([first.smoke(), second.smoke()]);
		expect(a).toMatchObject({ok: true, status: 200});
		expect(b).toMatchObject({ok: true, status: 200});
		const [earlier, later] = first.at('start') < second.at('start') ? [first, second] : [second, first];
		expect(later.at('start')).toBeGreaterThan(earlier.at('removed'));
		expect(fs.existsSync(lockFile(shared))).toBe(false);
	});

	it('a turn left by a run that was killed is taken over', async () => {
		const shared = await port();
		const ended = spawn(process.execPath, ['-e', '']);
		await new Promise(resolve => ended.on('exit', resolve));
		fs.writeFileSync(lockFile(shared), `${ended.pid} 0123456789ab`);
		expect(await run(shared).smoke()).toMatchObject({ok: true, status: 200});
		expect(fs.existsSync(lockFile(shared))).toBe(false);
	});

	it('a turn held past the wait is reported with the port, the run holding it and what to do; nothing is started', async () => {
		const shared = await port();
		// A live process holds the turn (the test runner's parent stands for another dockwiz run).
		fs.writeFileSync(lockFile(shared), `${process.ppid} 0123456789ab`);
		const waiting = run(shared);
		const result = await waiting.smoke({portWaitSeconds: 0.5});
		expect(result).toMatchObject({ok: false, status: null});
		expect(result.error).toBe(`Port ${shared} on 127.0.0.1 has been taken by another dockwiz run's smoke test (process ${process.ppid}) for over 0.5 s: wait for that run to end, or run without --network host.`);
		expect(waiting.adapter.calls.filter(call => call.startsWith('createContainer'))).toEqual([]);
		// Not ours: left as it was.
		expect(fs.readFileSync(lockFile(shared), 'utf8')).toBe(`${process.ppid} 0123456789ab`);
	});

	it('a port another program listens on is named with what to do, before any container exists', async () => {
		// Answers like a web server, so a probe that reached it would wrongly pass.
		const server = net.createServer(socket => {
			socket.on('error', () => undefined);
			socket.end('HTTP/1.0 200 OK\r\n\r\nnot the app\n');
		});
		const busy = await new Promise<number>(resolve => {
			server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
		});
		ports.push(busy);
		try {
			const blocked = run(busy);
			const result = await blocked.smoke();
			expect(result.error).toBe(`Port ${busy} on 127.0.0.1 is already in use, so the app could not be tested on the host network: stop what uses it, or run without --network host.`);
			expect(blocked.adapter.calls.filter(call => call.startsWith('createContainer'))).toEqual([]);
		} finally {
			server.close();
		}
	});

	it('the lock is a turn: a second taker waits until the first releases it', async () => {
		const shared = await port();
		const first = await lockSmokePort(shared, 1, new AbortController().signal);
		expect(first.ok).toBe(true);
		const waited = await lockSmokePort(shared, 0.3, new AbortController().signal);
		expect(waited).toEqual({ok: false, holder: process.pid, aborted: false});
		const second = lockSmokePort(shared, 10, new AbortController().signal);
		if (first.ok) first.lock.release();
		const taken = await second;
		expect(taken.ok).toBe(true);
		if (taken.ok) taken.lock.release();
		expect(fs.existsSync(lockFile(shared))).toBe(false);
	});
});
