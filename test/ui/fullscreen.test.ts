import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {createCleanupRegistry, enterAlternateScreen, enterFullScreen, installExitHandlers, leaveAlternateScreen} from '../../source/ui/fullscreen.js';
import {watchStop} from '../../source/stop.js';

function recorder() {
	const written: string[] = [];
	return {written, stream: {write: (text: string) => written.push(text)}};
}

describe('cleanup registry', () => {
	it('runs every cleanup once, newest first, even when one throws', () => {
		const registry = createCleanupRegistry();
		const order: string[] = [];
		registry.add(() => order.push('first'));
		registry.add(() => {
			throw new Error('broken cleanup');
		});
		registry.add(() => order.push('third'));
		registry.run();
		registry.run();
		expect(order).toEqual(['third', 'first']);
		expect(registry.size).toBe(0);
	});

	it('forgets a cleanup that was removed', () => {
		const registry = createCleanupRegistry();
		const order: string[] = [];
		const remove = registry.add(() => order.push('gone'));
		remove();
		registry.run();
		expect(order).toEqual([]);
	});
});

describe('full screen', () => {
	it('enters the alternate buffer and hides the cursor, then restores both once', () => {
		const {written, stream} = recorder();
		const registry = createCleanupRegistry();
		const leave = enterFullScreen(stream, registry);
		expect(written).toEqual([enterAlternateScreen]);
		expect(enterAlternateScreen).toContain('\u001B[?1049h');
		expect(enterAlternateScreen).toContain('\u001B[?25l');
		leave();
		registry.run();
		leave();
		expect(written).toEqual([enterAlternateScreen, leaveAlternateScreen]);
		expect(leaveAlternateScreen).toContain('\u001B[?1049l');
		expect(leaveAlternateScreen).toContain('\u001B[?25h');
	});

	it('restores the screen from the registry when the normal path never ran', () => {
		const {written, stream} = recorder();
		const registry = createCleanupRegistry();
		enterFullScreen(stream, registry);
		registry.run();
		expect(written.at(-1)).toBe(leaveAlternateScreen);
	});
});

describe('exit handlers', () => {
	function setup() {
		const processLike = new EventEmitter();
		const registry = createCleanupRegistry();
		const {written, stream} = recorder();
		enterFullScreen(stream, registry);
		const crashes: unknown[] = [];
		const remove = installExitHandlers(processLike, registry, {onCrash: error => crashes.push(error)});
		return {processLike, written, crashes, remove};
	}

	it('leaves the stop signals to stop.ts: a signal alone does not leave the screen', () => {
		const {processLike, written} = setup();
		expect(processLike.listenerCount('SIGINT') + processLike.listenerCount('SIGTERM') + processLike.listenerCount('SIGHUP')).toBe(0);
		processLike.emit('SIGHUP');
		expect(written).not.toContain(leaveAlternateScreen);
	});

	it('restores the screen on exit, which is how a second signal ends the run', () => {
		const {processLike, written} = setup();
		const stop = watchStop({on: (event, listener) => processLike.on(event, listener), off: (event, listener) => processLike.off(event, listener), exit: code => void processLike.emit('exit', code), kill: () => undefined, removeAllListeners: () => undefined, pid: 1}, 60);
		processLike.emit('SIGINT');
		expect(written).not.toContain(leaveAlternateScreen);
		processLike.emit('SIGINT');
		expect(written.at(-1)).toBe(leaveAlternateScreen);
		stop.dispose();
	});

	it('restores the screen on an uncaught exception, an unhandled rejection and exit', () => {
		for (const event of ['uncaughtException', 'unhandledRejection', 'exit']) {
			const {processLike, written, crashes} = setup();
			processLike.emit(event, new Error('boom'));
			expect(written.at(-1)).toBe(leaveAlternateScreen);
			expect(crashes).toHaveLength(event === 'exit' ? 0 : 1);
		}
	});

	it('removes its listeners', () => {
		const {processLike, remove} = setup();
		expect(processLike.listenerCount('exit')).toBe(1);
		remove();
		for (const event of ['uncaughtException', 'unhandledRejection', 'exit']) expect(processLike.listenerCount(event)).toBe(0);
	});
});
