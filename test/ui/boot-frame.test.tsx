import {EventEmitter} from 'node:events';
import {render} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import {bootFrameLines, showBootFrame} from '../../source/ui/boot-frame.js';
import {enterAlternateScreen, leaveAlternateScreen} from '../../source/ui/fullscreen.js';
import {fakeWork, makeOptions} from './fixtures.js';

// Every CSI sequence: colours, cursor moves, mode switches.
const csi = new RegExp(String.raw`\u001B\[[0-9;?]*[A-Za-z]`, 'g');
const stripAnsi = (text: string) => text.replaceAll(csi, '');
const colourCodes = new RegExp(String.raw`\u001B\[(35|36)`);

class FakeTerminal extends EventEmitter {
	readonly writes: string[] = [];
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write(text: string): boolean {
		this.writes.push(text);
		return true;
	}
}

class FakeKeyboard extends EventEmitter {
	isTTY = true;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read() {
		return null;
	}
}

const unmounts: Array<() => void> = [];
afterEach(() => {
	while (unmounts.length > 0) unmounts.pop()!();
});

/** Ink's first frame of the wizard on a terminal of this size, as plain lines. */
function inkFirstFrame(columns: number, rows: number, dir: string): string[] {
	const terminal = new FakeTerminal(columns, rows);
	const instance = render(<App options={makeOptions({dir})} work={fakeWork().work} color={false} onExit={() => undefined} />, {
		stdout: terminal as unknown as NodeJS.WriteStream,
		stdin: new FakeKeyboard() as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	unmounts.push(() => instance.unmount());
	const first = terminal.writes.find(text => text.includes('dockwiz'));
	if (!first) throw new Error('Ink drew no frame');
	return plainLines(first);
}

function plainLines(text: string): string[] {
	return stripAnsi(text)
		.split('\n')
		.map(line => line.trimEnd());
}

describe('boot frame', () => {
	it.each([
		[100, 30, '/work/main/test/fixtures/projects/article-app'],
		[80, 24, '/tmp/flask-demo'],
		[80, 24, `/home/someone/${'very-long-folder-name/'.repeat(6)}shop`],
		[132, 43, '/srv/apps/café résumé/web app'],
		[100, 30, '/home/ΑΘΗΝΑ/приложение'],
		[200, 60, '/x'],
	])('at %ix%i with %s is the characters of Ink’s first frame', (columns, rows, dir) => {
		const boot = bootFrameLines({columns, rows, dir, color: true});
		expect(boot).not.toBeNull();
		expect(boot).toHaveLength(rows);
		const ink = inkFirstFrame(columns, rows, dir);
		expect(plainLines(boot!.join('\n'))).toEqual(ink);
	});

	it('carries colours unless NO_COLOR, with the same characters either way', () => {
		const input = {columns: 100, rows: 30, dir: '/tmp/app'};
		const colored = bootFrameLines({...input, color: true})!.join('\n');
		const plain = bootFrameLines({...input, color: false})!.join('\n');
		expect(colored).toContain('\u001B[1;35mdockwiz');
		expect(plain).not.toMatch(colourCodes);
		expect(stripAnsi(colored)).toBe(stripAnsi(plain));
	});

	it.each([
		[79, 24, '/tmp/app', 'narrower than the screens are laid out for'],
		[80, 23, '/tmp/app', 'shorter than the screens are laid out for'],
		[100, 30, '/home/用户/app', 'a folder with wide characters'],
		[100, 30, '/tmp/e\u0301', 'a folder with a combining accent'],
		[100, 30, '/tmp/soft\u00ADhyphen', 'a folder with an invisible soft hyphen'],
		[100, 30, '/srv/עברית', 'a folder in a right-to-left script'],
	])('is left to Ink at %ix%i with %s (%s)', (columns, rows, dir) => {
		expect(bootFrameLines({columns, rows, dir, color: true})).toBeNull();
	});

	it('enters the alternate screen, draws and puts the cursor home for Ink; restore leaves once', () => {
		const terminal = new FakeTerminal(100, 30);
		const signals = new EventEmitter();
		const boot = showBootFrame(terminal, '/tmp/app', {}, () => undefined, signals as unknown as NodeJS.Process);
		expect(boot).not.toBeNull();
		expect(terminal.writes).toHaveLength(1);
		expect(terminal.writes[0].startsWith(enterAlternateScreen)).toBe(true);
		expect(terminal.writes[0].endsWith('\u001B[H')).toBe(true);
		boot!.restore();
		boot!.restore();
		expect(terminal.writes.slice(1)).toEqual([leaveAlternateScreen]);
		expect(signals.listenerCount('SIGINT')).toBe(0);
	});

	it('turns a signal before the hand-off into a restored screen and its exit code', () => {
		const terminal = new FakeTerminal(100, 30);
		const signals = new EventEmitter();
		const codes: number[] = [];
		showBootFrame(terminal, '/tmp/app', {}, code => codes.push(code), signals as unknown as NodeJS.Process);
		signals.emit('SIGTERM');
		expect(codes).toEqual([143]);
		expect(terminal.writes.at(-1)).toBe(leaveAlternateScreen);
		expect(signals.listenerCount('SIGINT')).toBe(0);
	});

	it('listens for SIGINT, SIGTERM and SIGHUP before it writes a byte (a signal during the write is handled)', () => {
		const signals = new EventEmitter();
		const listeningAtWrite: number[] = [];
		const terminal = new FakeTerminal(100, 30);
		const write = terminal.write.bind(terminal);
		terminal.write = (text: string) => {
			listeningAtWrite.push(['SIGINT', 'SIGTERM', 'SIGHUP'].filter(name => signals.listenerCount(name) === 1).length);
			return write(text);
		};

		const codes: number[] = [];
		showBootFrame(terminal, '/tmp/app', {}, code => codes.push(code), signals as unknown as NodeJS.Process);
		expect(listeningAtWrite[0]).toBe(3);
		signals.emit('SIGHUP');
		expect(codes).toEqual([129]);
		expect(terminal.writes.at(-1)).toBe(leaveAlternateScreen);
		expect(signals.listenerCount('SIGHUP') + signals.listenerCount('SIGINT')).toBe(0);
	});

	it('stops listening for signals at the hand-off and leaves the screen to Ink', () => {
		const terminal = new FakeTerminal(100, 30);
		const signals = new EventEmitter();
		const boot = showBootFrame(terminal, '/tmp/app', {}, () => undefined, signals as unknown as NodeJS.Process);
		boot!.handOff();
		expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGHUP')).toBe(0);
		expect(terminal.writes).toHaveLength(1);
	});

	it('draws without colours under NO_COLOR and on a terminal that has none', () => {
		const noColorEnv = new FakeTerminal(100, 30);
		showBootFrame(noColorEnv, '/tmp/app', {NO_COLOR: '1'}, () => undefined, new EventEmitter() as unknown as NodeJS.Process);
		const monochrome = Object.assign(new FakeTerminal(100, 30), {hasColors: () => false});
		showBootFrame(monochrome, '/tmp/app', {}, () => undefined, new EventEmitter() as unknown as NodeJS.Process);
		const colourful = Object.assign(new FakeTerminal(100, 30), {hasColors: () => true});
		showBootFrame(colourful, '/tmp/app', {}, () => undefined, new EventEmitter() as unknown as NodeJS.Process);
		expect(noColorEnv.writes[0]).not.toMatch(colourCodes);
		expect(monochrome.writes[0]).not.toMatch(colourCodes);
		expect(colourful.writes[0]).toMatch(colourCodes);
	});

	it('draws nothing on a terminal too small for it', () => {
		const terminal = new FakeTerminal(60, 20);
		expect(showBootFrame(terminal, '/tmp/app', {}, () => undefined, new EventEmitter() as unknown as NodeJS.Process)).toBeNull();
		expect(terminal.writes).toEqual([]);
	});
});
