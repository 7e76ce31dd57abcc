// Runs renderApp full screen with a fake Work, for the terminal tests of the full-screen
// handling (alternate buffer, signals, crashes) and the start-up benchmark.
// Usage: node --import tsx test/ui/harness/run-app.tsx happy|hang|crash|first-frame

import {writeFileSync} from 'node:fs';
import {renderApp} from '../../../source/ui/render.js';
import {engineEvents, fakeWork, makeOptions} from '../fixtures.js';

const scenario = process.argv[2] ?? 'happy';
// The terminal tests signal this process by its id.
if (process.env.HARNESS_PID_FILE) writeFileSync(process.env.HARNESS_PID_FILE, String(process.pid));

if (scenario === 'first-frame') {
	// Reports the time from process start to the first frame Ink writes, then quits.
	const write = process.stdout.write.bind(process.stdout);
	let frames = 0;
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		frames++;
		// The first write enters the alternate screen; the second is the first frame.
		if (frames === 2) {
			const ms = performance.now();
			setImmediate(() => {
				process.stderr.write(`first frame after ${ms.toFixed(0)} ms\n`);
				process.kill(process.pid, 'SIGINT');
			});
		}

		return write(chunk as string, ...(rest as []));
	}) as typeof process.stdout.write;
}

const {work} = fakeWork(scenario === 'hang' ? {measureHangs: true, events: engineEvents.slice(0, 12)} : {});
if (scenario === 'crash') {
	// An error nothing catches, thrown while the wizard is on screen.
	const scan = work.scan;
	work.scan = async (onProgress, signal) => {
		setTimeout(() => {
			throw new Error('simulated crash');
		}, 300);
		return scan(onProgress, signal);
	};
}

const code = await renderApp(makeOptions({build: scenario !== 'first-frame'}), work);
process.stdout.write(`harness exit ${code}\n`);
process.exit(code);
