import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {guardStandardStreams, outputFailure} from '../source/output-guard.js';
import {stopSignals, watchStop} from '../source/stop.js';

/** A process to signal: records exits and the signals it sends itself. */
function fakeProcess() {
	const emitter = new EventEmitter();
	const exits: number[] = [];
	const kills: string[] = [];
	const processLike = Object.assign(emitter, {
		pid: 4242,
		exit: (code: number) => void exits.push(code),
		kill: (_pid: number, signal: string) => void kills.push(signal),
	});
	return {processLike, exits, kills};
}

afterEach(() => {
	vi.useRealTimers();
});

describe('watchStop', () => {
	it.each(Object.entries(stopSignals))('%s aborts the work with exit code %i and does not exit yet', (name, code) => {
		const {processLike, exits} = fakeProcess();
		const stop = watchStop(processLike, 60);
		expect(stop.signal.aborted).toBe(false);
		processLike.emit(name);
		expect(stop.signal.aborted).toBe(true);
		expect(stop.code).toBe(code);
		expect(stop.signalName).toBe(name);
		expect(stop.terminalGone).toBe(name === 'SIGHUP');
		expect(exits).toEqual([]);
		stop.dispose();
	});

	it('listens for the whole run: a signal never finds Node’s default action', () => {
		const {processLike} = fakeProcess();
		const stop = watchStop(processLike, 60);
		for (const name of Object.keys(stopSignals)) expect(processLike.listenerCount(name)).toBe(1);
		processLike.emit('SIGINT');
		for (const name of Object.keys(stopSignals)) expect(processLike.listenerCount(name)).toBe(1);
		stop.dispose();
		for (const name of Object.keys(stopSignals)) expect(processLike.listenerCount(name)).toBe(0);
	});

	it('keeps the first code, and a second signal exits at once with it', () => {
		const {processLike, exits} = fakeProcess();
		const stop = watchStop(processLike, 60);
		processLike.emit('SIGTERM');
		processLike.emit('SIGINT');
		expect(stop.code).toBe(143);
		expect(exits).toEqual([143]);
		stop.dispose();
	});

	it('a repeated SIGHUP (a closed terminal sends several) lets the clean-up go on; a Ctrl+C after it still exits', () => {
		const {processLike, exits} = fakeProcess();
		const stop = watchStop(processLike, 60);
		processLike.emit('SIGHUP');
		processLike.emit('SIGHUP');
		processLike.emit('SIGHUP');
		expect(exits).toEqual([]);
		expect(stop.code).toBe(129);
		processLike.emit('SIGINT');
		expect(exits).toEqual([129]);
		stop.dispose();
	});

	it('gives the clean-up a bounded time, then exits with the code', () => {
		vi.useFakeTimers();
		const {processLike, exits} = fakeProcess();
		const stop = watchStop(processLike, 5);
		processLike.emit('SIGINT');
		vi.advanceTimersByTime(4900);
		expect(exits).toEqual([]);
		vi.advanceTimersByTime(200);
		expect(exits).toEqual([130]);
		stop.dispose();
	});

	it('after SIGHUP ends by SIGHUP itself, with every SIGHUP listener gone first', () => {
		const {processLike, exits, kills} = fakeProcess();
		const stop = watchStop(processLike, 60);
		processLike.on('SIGHUP', () => undefined);
		processLike.emit('SIGHUP');
		stop.end(129);
		expect(processLike.listenerCount('SIGHUP')).toBe(0);
		expect(kills).toEqual(['SIGHUP']);
		// Only reached where the signal did not end the process (a fake here).
		expect(exits).toEqual([129]);
	});

	it('stop() from inside: the code is kept, the terminal marked gone only when asked', () => {
		const {processLike, kills} = fakeProcess();
		const stop = watchStop(processLike, 60);
		stop.stop(141);
		expect([stop.code, stop.signalName, stop.terminalGone, stop.signal.aborted]).toEqual([141, null, false, true]);
		stop.end(141);
		expect(kills).toEqual([]);
		stop.dispose();
	});
});

describe('output failures', () => {
	const errno = (code: string) => Object.assign(new Error(`write ${code}`), {code});

	it.each([
		['EPIPE', 141, null],
		['EIO', 129, null],
		['ENOSPC', 2, /cannot write to standard output \(no space left on the device\)/],
		['EBADF', 2, /cannot write to standard output \(EBADF\)/],
	])('%s ends the run with %i', (code, exitCode, message) => {
		const failure = outputFailure(errno(code));
		expect(failure.exitCode).toBe(exitCode);
		if (message) expect(failure.message).toMatch(message);
		else expect(failure.message).toBeNull();
	});

	it('turns the first stdout error into one stop and a line on stderr; stderr and stdin errors are swallowed', () => {
		const stdout = new EventEmitter();
		const stdin = new EventEmitter();
		const said: string[] = [];
		const stderr = Object.assign(new EventEmitter(), {write: (text: string) => void said.push(text)});
		const codes: number[] = [];
		guardStandardStreams({stdout, stderr, stdin}, code => codes.push(code));
		stdin.emit('error', errno('EIO'));
		stdout.emit('error', errno('ENOSPC'));
		stdout.emit('error', errno('ERR_STREAM_DESTROYED'));
		stderr.emit('error', errno('EPIPE'));
		expect(codes).toEqual([2]);
		expect(said).toHaveLength(1);
		expect(said[0]).toMatch(/^dockwiz: cannot write to standard output/);
	});
});
