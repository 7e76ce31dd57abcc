// Start-up time of the built CLI: from spawning `node dist/cli.js PROJECT --no-build` in a real
// pseudo-terminal (util-linux `script`) to the wizard's first frame on that terminal, with a
// bare `node -e 0` (spawn to exit) beside it as the floor no Node program goes under.
// Beside the wall-clock time, the CPU time the process had used by then: on a machine busy
// with other work the wall clock mostly measures the wait for a core, the CPU time does not.
// The project is a fixture folder, not --demo: the demo first copies itself to a temp folder,
// which times the disk rather than the start-up.
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
 * Spawns a command in a 100x30 pseudo-terminal and resolves with the milliseconds until
 * `ready(output)` first holds (or until the process exits, for `ready` null).
 */
function timeInTerminal(command: string, ready: ((output: string) => boolean) | null, timeoutMs = 20_000): Promise<Timing> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
			cwd: root,
			env: {...process.env, TERM: 'xterm-256color', NO_COLOR: ''},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let output = '';
		let readyMs: number | null = null;
		let cpuMs: number | null = null;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`no first frame within ${timeoutMs} ms; the terminal showed:\n${output.slice(-2000)}`));
		}, timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (readyMs === null && ready?.(output)) {
				readyMs = performance.now() - start;
				cpuMs = child.pid === undefined ? null : childCpuMs(child.pid);
				// Ctrl+C through the terminal: the wizard stops and cleans up its temp copy.
				child.stdin.write('\u0003');
			}
		});
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			const ms = ready === null ? performance.now() - start : readyMs;
			// The bare node prints its own CPU time, having nothing to wait for.
			const printed = /cpu-us (\d+)/.exec(output);
			if (printed) cpuMs = Number(printed[1]) / 1000;
			if (ms === null) reject(new Error(`exited ${code} before a first frame; the terminal showed:\n${output.slice(-2000)}`));
			else resolve({ms, cpuMs});
		});
	});
}

/** Ink's first frame: the header it draws after we entered the alternate screen. */
function firstFrame(output: string): boolean {
	const at = output.indexOf(enterAlternateScreen);
	return at !== -1 && output.includes('dockwiz', at + enterAlternateScreen.length);
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

const app: Timing[] = [];
const bare: Timing[] = [];
// Alternated so a burst of load on the machine hits both alike.
for (let run = 0; run < runs; run++) {
	app.push(await timeInTerminal(`node ${cli} ${project} --no-build`, firstFrame));
	bare.push(await timeInTerminal(`node -e 'const u = process.cpuUsage(); console.log("cpu-us", u.user + u.system)'`, null));
}

const appMedian = median(app.map(timing => timing.ms));
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`dockwiz start -> first frame: ${stats(app)}`);
console.log(`bare node start -> exit:      ${stats(bare)}`);
console.log(`target under ${targetMs} ms: ${appMedian < targetMs ? 'met' : 'NOT met'}; load average ${load} on ${cpus().length} cores`);
