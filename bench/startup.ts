// Start-up time of the built CLI: from spawning `node dist/cli.js PROJECT --no-build` in a real
// pseudo-terminal (util-linux `script`) to the wizard's first frame on that terminal, with a
// bare `node -e 0` (spawn to exit) beside it as the floor no Node program goes under.
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

type Timing = {ms: number; code: number | null};

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
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`no first frame within ${timeoutMs} ms; the terminal showed:\n${output.slice(-2000)}`));
		}, timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (readyMs === null && ready?.(output)) {
				readyMs = performance.now() - start;
				// Ctrl+C through the terminal: the wizard stops and cleans up its temp copy.
				child.stdin.write('\u0003');
			}
		});
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			const ms = ready === null ? performance.now() - start : readyMs;
			if (ms === null) reject(new Error(`exited ${code} before a first frame; the terminal showed:\n${output.slice(-2000)}`));
			else resolve({ms, code});
		});
	});
}

/** Ink's first frame: the header it draws after we entered the alternate screen. */
function firstFrame(output: string): boolean {
	const at = output.indexOf(enterAlternateScreen);
	return at !== -1 && output.includes('dockwiz', at + enterAlternateScreen.length);
}

function stats(values: number[]): string {
	const sorted = [...values].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)];
	return `median ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}; ${values.length} runs)`;
}

if (!existsSync(cli)) {
	console.error(`bench:startup: ${cli} is missing; run \`npm run build\` first.`);
	process.exit(2);
}

const app: number[] = [];
const bare: number[] = [];
// Alternated so a burst of load on the machine hits both alike.
for (let run = 0; run < runs; run++) {
	app.push((await timeInTerminal(`node ${cli} ${project} --no-build`, firstFrame)).ms);
	bare.push((await timeInTerminal('node -e 0', null)).ms);
}

const appMedian = [...app].sort((a, b) => a - b)[Math.floor(app.length / 2)];
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`dockwiz start -> first frame: ${stats(app)}`);
console.log(`node -e 0 start -> exit:      ${stats(bare)}`);
console.log(`target under ${targetMs} ms: ${appMedian < targetMs ? 'met' : 'NOT met'}; load average ${load} on ${cpus().length} cores`);
