// Start-up benchmark: time from process start to the wizard's first frame, in a real
// terminal (tmux), for the app bundled as it would ship and, for reference, bare Node.
// Usage: node --import tsx test/ui/harness/bench-first-frame.ts [runs]

import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';

const runs = Number(process.argv[2] ?? 7);
const folder = mkdtempSync(path.join(tmpdir(), 'dockwiz-bench-'));
const stub = path.join(folder, 'devtools-stub.mjs');
writeFileSync(stub, 'export default {connectToDevTools() {}};\n');
const bundle = path.join(folder, 'run-app.mjs');

// Ink imports its devtools only under DEV; production React, one file, as a release would.
await build({
	entryPoints: [path.join(import.meta.dirname, 'run-app.tsx')],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outfile: bundle,
	jsx: 'automatic',
	logLevel: 'error',
	alias: {'react-devtools-core': stub},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);"},
});

function measure(command: string): number | null {
	const out = path.join(folder, 'out.txt');
	rmSync(out, {force: true});
	const session = `dockwiz-bench-${process.pid}`;
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '100', '-y', '30', `${command} 2>${out}; sleep 2`]);
	const start = Date.now();
	let ms: number | null = null;
	while (Date.now() - start < 20_000) {
		const match = existsSync(out) ? /first frame after (\d+) ms/.exec(readFileSync(out, 'utf8')) : null;
		if (match) {
			ms = Number(match[1]);
			break;
		}

		execFileSync('sleep', ['0.1']);
	}

	execFileSync('tmux', ['kill-session', '-t', session]);
	return ms;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const results: Record<string, number[]> = {app: [], node: []};
for (let run = 0; run < runs; run++) {
	const app = measure(`node ${bundle} first-frame`);
	const node = measure(`node -e 'process.stderr.write("first frame after " + performance.now().toFixed(0) + " ms")'`);
	if (app !== null) results.app.push(app);
	if (node !== null) results.node.push(node);
}

rmSync(folder, {recursive: true, force: true});
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`first frame (bundled app): median ${median(results.app)} ms, runs ${results.app.join(', ')} ms`);
console.log(`bare node start:           median ${median(results.node)} ms, runs ${results.node.join(', ')} ms`);
console.log(`load average ${load} on ${(await import('node:os')).cpus().length} cores; target < 300 ms`);
