// Start-up in a real pseudo-terminal (util-linux `script`), the built CLI as users run it:
// the boot frame comes first, Ink's frame lands on it, and Ctrl+C or SIGTERM at any moment
// of the hand-over from one to the other restores the screen and ends the run with its code.

import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, ensureBuilt, removeBuiltCopy, repoRoot} from '../hardening/run-cli.js';

const project = path.join(repoRoot, 'test/fixtures/projects/article-app');
const enterAlternate = '\u001B[?1049h';
const leaveAlternate = '\u001B[?1049l';
// Ink brackets each frame in synchronized output on a terminal (outside CI); the boot frame does not.
const inkFrameStart = '\u001B[?2026h';

// A run ends in a second when the machine is idle; the deadline only bounds a hung one.
const runDeadlineSeconds = 60;

type Moment = 'first frame' | 'Ink frame' | 'ready';
type Stopper = 'ctrl+c' | 'SIGTERM' | 'SIGHUP';
type Run = {code: number | null; output: string; firstFrameAt: number; inkFrameAt: number | null};

function seen(output: string, moment: Moment): boolean {
	// The ready marker: dockwiz enters the alternate screen only once its signal handlers are in
	// place, so from the moment this sequence arrives any signal must be handled.
	if (moment === 'ready') return output.includes(enterAlternate);
	const at = output.indexOf(moment === 'first frame' ? enterAlternate : inkFrameStart);
	return at !== -1 && output.includes('dockwiz', at);
}

/** Runs the wizard at 100x30 and, `delayMs` after `moment` shows, sends `stop` (a key or a signal). */
function runUntil(moment: Moment, stop: Stopper, delayMs = 0): Promise<Run> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', NO_COLOR: ''};
		delete env.CI;
		const started = performance.now();
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec node ${cliPath} ${project} --no-build`, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'pipe']});
		let output = '';
		let firstFrameAt = -1;
		let inkFrameAt: number | null = null;
		let sent = false;
		// Counted from the start: a loaded machine can take many seconds to start Node and draw.
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`still running ${runDeadlineSeconds} s after start (${stop} at the ${moment}); the terminal showed:\n${output.slice(-1500)}`));
		}, runDeadlineSeconds * 1000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (firstFrameAt === -1 && seen(output, 'first frame')) firstFrameAt = performance.now() - started;
			if (inkFrameAt === null && seen(output, 'Ink frame')) inkFrameAt = performance.now() - started;
			if (sent || !seen(output, moment)) return;
			sent = true;
			const send = () => {
				if (stop === 'ctrl+c') {
					child.stdin.write('\u0003');
				} else {
					// `script` runs the CLI as its only child: signal that, not script.
					const [pid] = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ');
					if (pid) process.kill(Number(pid), stop);
				}
			};

			// 0 ms: at once, in the same turn (a timer would let the boot frame's write finish first).
			if (delayMs === 0) send();
			else setTimeout(send, delayMs);
		});
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			resolve({code, output, firstFrameAt, inkFrameAt});
		});
	});
}

/** The alternate screen was left after it was last entered: a killed process leaves it on. */
function expectRestored(run: Run): void {
	expect(run.output.lastIndexOf(leaveAlternate)).toBeGreaterThan(run.output.lastIndexOf(enterAlternate));
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => removeBuiltCopy());

describe('start-up in a real terminal', {timeout: (runDeadlineSeconds + 30) * 1000}, () => {
	it('draws the boot frame before Ink’s first frame', async () => {
		const run = await runUntil('Ink frame', 'ctrl+c');
		expect(run.firstFrameAt).toBeGreaterThan(0);
		expect(run.inkFrameAt).not.toBeNull();
		expect(run.firstFrameAt).toBeLessThan(run.inkFrameAt!);
		// The boot frame is whole before Ink draws: its key-help line is there.
		const bootFrame = run.output.slice(run.output.indexOf(enterAlternate), run.output.indexOf(inkFrameStart));
		expect(bootFrame).toContain('Reading your project');
		expect(bootFrame).toContain('abort');
	});

	// After the boot frame Ink loads for a while (~200 ms here), keeping the process busy: a
	// signal then waits to be dispatched until the load is done, across the hand-over.
	it.each([0, 25, 50, 75, 100, 125, 150])('ends with 130 and the screen restored on Ctrl+C %i ms after the first frame', async delayMs => {
		const run = await runUntil('first frame', 'ctrl+c', delayMs);
		expect(run.code).toBe(130);
		expectRestored(run);
	});

	it('ends with 130 and the screen restored on Ctrl+C at Ink’s first frame', async () => {
		const run = await runUntil('Ink frame', 'ctrl+c');
		expect(run.code).toBe(130);
		expectRestored(run);
	});

	it.each([0, 50, 100])('ends with 143 and the screen restored on SIGTERM %i ms after the first frame', async delayMs => {
		const run = await runUntil('first frame', 'SIGTERM', delayMs);
		expect(run.code).toBe(143);
		expectRestored(run);
	});

	// The start-up race: a signal landing while the boot frame is written used to meet Node's
	// default action (handlers came after the write) and leave the terminal in the alternate
	// screen, in about a third of such runs. Twenty in a row, each of the three stop signals.
	it('20 runs in a row of a signal the moment the ready marker arrives: the conventional code and the screen restored every time', async () => {
		const stoppers: Stopper[] = ['SIGTERM', 'SIGHUP', 'ctrl+c'];
		const expected: Record<Stopper, number> = {'ctrl+c': 130, SIGTERM: 143, SIGHUP: 129};
		const outcomes: string[] = [];
		for (let run = 0; run < 20; run++) {
			const stopper = stoppers[run % stoppers.length];
			const result = await runUntil('ready', stopper);
			const restored = result.output.lastIndexOf(leaveAlternate) > result.output.lastIndexOf(enterAlternate);
			outcomes.push(`${stopper}:${result.code}${restored ? '' : ' (screen left in the alternate buffer)'}`);
		}

		expect(outcomes).toEqual(Array.from({length: 20}, (_, run) => `${stoppers[run % 3]}:${expected[stoppers[run % 3]]}`));
	}, 300_000);
});
