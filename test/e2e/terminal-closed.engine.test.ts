// The terminal closed in the middle of a build (SIGHUP), on the real engine: the built dockwiz
// runs the demo in a real terminal (tmux) under a shell that does what an interactive shell
// does on hang-up (passes SIGHUP on to its job, then reports how the job ended). Once the
// after image is building, the terminal is closed. dockwiz must stop at once, remove what its
// builds made (within its clean-up bound), remove the demo's temp folder and end with 129.

import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {allContainers, dockwizImages, imageExists, ownedBy, type EngineImage} from './engine-objects.js';
import {builtCli, repoRoot} from './terminal.js';

const folder = mkdtempSync(path.join(tmpdir(), 'dockwiz-hangup-'));
const session = `dockwiz-hangup-${process.pid}`;

afterAll(() => {
	try {
		execFileSync('tmux', ['kill-session', '-t', session], {stdio: 'ignore'});
	} catch {
		// Closed by the test already.
	}

	rmSync(folder, {recursive: true, force: true});
});

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * An interactive shell's part on hang-up: SIGHUP passed to the job, then the job waited for.
 * dash gives a background job /dev/null for stdin unless told otherwise: fd 3 keeps the terminal.
 */
const jobShell = `trap 'kill -HUP $job 2>/dev/null' HUP
exec 3<&0
"$@" <&3 3<&- &
job=$!
echo $job > "$RESULT.pid"
wait $job; code=$?
while kill -0 $job 2>/dev/null; do wait $job; code=$?; done
echo $code > "$RESULT"
`;

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

async function until<T>(check: () => T | null, what: string, timeoutSeconds: number): Promise<T> {
	const start = Date.now();
	for (;;) {
		const value = check();
		if (value !== null) return value;
		if (Date.now() - start > timeoutSeconds * 1000) throw new Error(`timed out after ${timeoutSeconds} s waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}

/** Ids of engine objects that carry a dockwiz label naming this process id (labels name the run and its process). */
function labelledFor(kind: 'image' | 'container', pid: number): string[] {
	const ids = (kind === 'image' ? execFileSync('docker', ['image', 'ls', '-a', '-q', '--no-trunc'], {encoding: 'utf8'}) : execFileSync('docker', ['ps', '-a', '-q', '--no-trunc'], {encoding: 'utf8'}))
		.split('\n')
		.filter(Boolean);
	if (ids.length === 0) return [];
	const lines = execFileSync('docker', [kind, 'inspect', '--format', '{{.Id}} {{json .Config.Labels}}', ...new Set(ids)], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).split('\n').filter(Boolean);
	return lines
		.filter(line => {
			const [id, json] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
			const labels = (JSON.parse(json) ?? {}) as Record<string, string>;
			return id && Object.entries(labels).some(([key, value]) => key.startsWith('dockwiz') && value === String(pid));
		})
		.map(line => line.slice(0, line.indexOf(' ')));
}

describe('the terminal closed mid-build', () => {
	it('SIGHUP stops dockwiz --demo at once, removes its images, containers and temp folder, and ends with 129', async () => {
		if (!existsSync(builtCli)) throw new Error('dist/cli.js is missing: run `npm run build` before the end-to-end tests (npm test does).');
		const demoTemp = path.join(folder, 'tmp');
		execFileSync('mkdir', ['-p', demoTemp]);
		const result = path.join(folder, 'result');
		writeFileSync(path.join(folder, 'job-shell.sh'), jobShell);
		const cli = ['node', builtCli, '--demo', '--yes', '--network', 'host'].map(shellQuote).join(' ');
		// A person's terminal: CI unset, or dockwiz would not draw the wizard.
		tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', repoRoot, `unset CI; export TMPDIR=${shellQuote(demoTemp)} RESULT=${shellQuote(result)}; exec sh ${shellQuote(path.join(folder, 'job-shell.sh'))} ${cli}`);
		const pid = await until(() => (existsSync(`${result}.pid`) ? Number(readFileSync(`${result}.pid`, 'utf8').trim()) || null : null), 'the process id', 30);
		const ours = ownedBy(pid);
		const screen = () => tmux('capture-pane', '-p', '-t', session);

		// The ready marker: the after image is building, so the before's image exists by now.
		await until(() => (/AFTER[\s\S]*step \d+\/\d+/.test(screen()) ? true : null), `the after build on screen; the screen was:\n${screen()}`, 900);
		const seen = new Map<string, EngineImage>();
		for (const image of dockwizImages().filter(ours.image)) seen.set(image.ref, image);
		expect(seen.size, 'this run had images on the engine when the terminal closed').toBeGreaterThan(0);
		expect(readdirSync(demoTemp).filter(name => name.startsWith('dockwiz-demo-'))).toHaveLength(1);

		const closedAt = Date.now();
		tmux('kill-session', '-t', session);

		// Exited: at once, plus the clean-up (bounded at 20 s by dockwiz; a few seconds more allowed).
		await until(() => (existsSync(`/proc/${pid}`) ? null : true), 'dockwiz to exit after the terminal closed', 40);
		const exitSeconds = (Date.now() - closedAt) / 1000;
		process.stderr.write(`[hangup] dockwiz exited ${exitSeconds.toFixed(1)} s after the terminal closed\n`);
		const code = await until(() => (existsSync(result) ? readFileSync(result, 'utf8').trim() : null), 'the exit code', 10);
		expect(code).toBe('129');

		const images = [...seen.values()];
		expect(dockwizImages().filter(ours.image)).toEqual([]);
		expect(images.filter(image => imageExists(image.id))).toEqual([]);
		expect(allContainers().filter(container => ours.container(container, images))).toEqual([]);
		expect(labelledFor('image', pid)).toEqual([]);
		expect(labelledFor('container', pid)).toEqual([]);
		// The demo's temp folder is gone with it.
		expect(readdirSync(demoTemp)).toEqual([]);
	}, 1_200_000);
});
