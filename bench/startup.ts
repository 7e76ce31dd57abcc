// Start-up time of the built CLI: from spawning `node dist/cli.js PROJECT --no-build` in a real
// pseudo-terminal (util-linux `script`) to the wizard's first frame on that terminal, with a
// bare `node -e 0` (spawn to exit) beside it as the floor no Node program goes under.
// Beside the wall-clock time, the CPU time the process had used by then: on a machine busy
// with other work the wall clock mostly measures the wait for a core, the CPU time does not.
// The project is a fixture folder; `--demo` is timed too (its files are written while the
// wizard loads, so its first frame waits only for the temp folder's name).
// Usage: npm run build && npm run bench:startup [-- runs [path/to/cli.js]]

import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {cpus} from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 7);
const targetMs = 300;
const root = path.resolve(import.meta.dirname, '..');
const cli = path.resolve(process.argv[3] ?? path.join(root, 'dist/cli.js'));
const project = path.join(root, 'test/fixtures/projects/article-app');
const enterAlternateScreen = '\u001B[?1049h';
const inkFrameStart = '\u001B[?2026h';

type Timing = {ms: number; cpuMs: number | null};

// Linux counts process CPU time in clock ticks of 10 ms (USER_HZ 100).
const msPerTick = 10;

/** User + system CPU milliseconds of the process `script` runs (its only child), read from /proc. */
function childCpuMs(scriptPid: number): number | null {
	try {
		const [pid] = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(' ');
		// Fields after the parenthesised command name; utime and stime are the 14th and 15th.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * msPerTick;
	} catch {
		return null;
	}
}

/**
 * Spawns a command in a 100x30 pseudo-terminal and resolves with the milliseconds until each
 * mark first holds on its output, with the CPU time read at the last one (or, with no marks,
 * the time until the process exits).
 */
function timeInTerminal(command: string, marks: Array<(output: string) => boolean>, timeoutMs = 20_000): Promise<Timing[]> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', NO_COLOR: ''};
		// In CI the wizard would (rightly) not open, and Ink would not synchronise its frames.
		delete env.CI;
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {cwd: root, env, stdio: ['pipe', 'pipe', 'inherit']});
		let output = '';
		const reached: Timing[] = [];
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`no frame within ${timeoutMs} ms; the terminal showed:\n${output.slice(-2000)}`));
		}, timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (marks.length === 0 || reached.length === marks.length) return;
			while (reached.length < marks.length && marks[reached.length](output)) {
				reached.push({ms: performance.now() - start, cpuMs: null});
			}

			if (reached.length === marks.length) {
				reached.at(-1)!.cpuMs = child.pid === undefined ? null : childCpuMs(child.pid);
				// Ctrl+C through the terminal: the wizard stops.
				child.stdin.write('\u0003');
			}
		});
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			if (marks.length === 0) {
				// The bare node prints its own CPU time, having nothing to wait for.
				const printed = /cpu-us (\d+)/.exec(output);
				resolve([{ms: performance.now() - start, cpuMs: printed ? Number(printed[1]) / 1000 : null}]);
			} else if (reached.length < marks.length) {
				reject(new Error(`exited ${code} after ${reached.length} of ${marks.length} frames; the terminal showed:\n${output.slice(-2000)}`));
			} else {
				resolve(reached);
			}
		});
	});
}

/**
 * The first frame: the wizard's header after it entered the alternate screen. That is the
 * boot frame (source/ui/boot-frame.ts), drawn before Ink has loaded, when there is one.
 */
function firstFrame(output: string): boolean {
	const at = output.indexOf(enterAlternateScreen);
	return at !== -1 && output.includes('dockwiz', at);
}

/** Ink's first frame: on a terminal (outside CI) Ink brackets each frame in synchronized output. */
function inkFrame(output: string): boolean {
	const at = output.indexOf(inkFrameStart);
	return at !== -1 && output.includes('dockwiz', at);
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function stats(timings: Timing[]): string {
	const wall = timings.map(timing => timing.ms).sort((a, b) => a - b);
	const cpu = timings.flatMap(timing => (timing.cpuMs === null ? [] : [timing.cpuMs]));
	const cpuText = cpu.length > 0 ? `; CPU time median ${median(cpu).toFixed(0)} ms` : '';
	return `median ${median(wall).toFixed(0)} ms (min ${wall[0].toFixed(0)}, max ${wall.at(-1)!.toFixed(0)}; ${wall.length} runs)${cpuText}`;
}

if (!existsSync(cli)) {
	console.error(`bench:startup: ${cli} is missing; run \`npm run build\` first.`);
	process.exit(2);
}

const first: Timing[] = [];
const ink: Timing[] = [];
const demoFirst: Timing[] = [];
const bare: Timing[] = [];
// Alternated so a burst of load on the machine hits all alike.
for (let run = 0; run < runs; run++) {
	const [boot, inked] = await timeInTerminal(`node ${cli} ${project} --no-build`, [firstFrame, inkFrame]);
	first.push(boot);
	ink.push(inked);
	demoFirst.push(...(await timeInTerminal(`node ${cli} --demo --no-build`, [firstFrame])));
	bare.push(...(await timeInTerminal(`node -e 'const u = process.cpuUsage(); console.log("cpu-us", u.user + u.system)'`, [])));
}

const firstMedian = median(first.map(timing => timing.ms));
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`dockwiz start -> first frame:       ${stats(first)}`);
console.log(`dockwiz start -> Ink's first frame: ${stats(ink)}`);
console.log(`dockwiz --demo -> first frame:      ${stats(demoFirst)}`);
console.log(`bare node start -> exit:            ${stats(bare)}`);
console.log(`target under ${targetMs} ms to the first frame: ${firstMedian < targetMs ? 'met' : 'NOT met'}; load average ${load} on ${cpus().length} cores`);
