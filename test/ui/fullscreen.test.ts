import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {createCleanupRegistry, enterAlternateScreen, enterFullScreen, installExitHandlers, leaveAlternateScreen} from '../../source/ui/fullscreen.js';

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
		const signals: number[] = [];
		const crashes: unknown[] = [];
		const remove = installExitHandlers(processLike, registry, {onSignal: code => signals.push(code), onCrash: error => crashes.push(error)});
		return {processLike, written, signals, crashes, remove};
	}

	it('hands SIGINT (130) and SIGTERM (143) to the app without leaving the screen yet', () => {
		const a = setup();
		a.processLike.emit('SIGINT');
		expect(a.signals).toEqual([130]);
		expect(a.written).not.toContain(leaveAlternateScreen);
		const b = setup();
		b.processLike.emit('SIGTERM');
		expect(b.signals).toEqual([143]);
	});

	it('restores the screen at once on a second signal', () => {
		const {processLike, written, crashes} = setup();
		processLike.emit('SIGINT');
		processLike.emit('SIGINT');
		expect(written.at(-1)).toBe(leaveAlternateScreen);
		expect(crashes).toHaveLength(1);
	});

	it('restores the screen on an uncaught exception, an unhandled rejection and exit', () => {
		for (const event of ['uncaughtException', 'unhandledRejection', 'exit']) {
			const {processLike, written} = setup();
			processLike.emit(event, new Error('boom'));
			expect(written.at(-1)).toBe(leaveAlternateScreen);
		}
	});

	it('removes its listeners', () => {
		const {processLike, remove} = setup();
		expect(processLike.listenerCount('SIGINT')).toBe(1);
		remove();
		for (const event of ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'exit']) expect(processLike.listenerCount(event)).toBe(0);
	});
});
