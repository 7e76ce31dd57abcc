// Standard output that fails under dockwiz, with the built CLI: a reader that goes away
// (`| head -c 10`, a closed pipe) and a full disk (`> /dev/full`). Never a stack trace; a
// closed pipe ends quietly with 141 (as if killed by SIGPIPE, like the shell's own tools);
// a full disk says so on stderr and ends with 2 (the user fixes where the output goes, as for
// an unwritable --report; 1 would say a build or a smoke test failed).
import {spawn} from 'node:child_process';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, ensureBuilt, removeBuiltCopy, repoRoot, stackTraceIn} from './run-cli.js';

const project = path.join(repoRoot, 'test/fixtures/projects/article-app');
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

type Piped = {code: number; stderr: string; stdout: string};

/** Runs `node cli args <redirection>` in bash; the exit code is dockwiz's own (PIPESTATUS), not the reader's. */
function runShell(args: string[], redirection: string): Promise<Piped> {
	const command = `${[process.execPath, cliPath, ...args].map(shellQuote).join(' ')} ${redirection}; echo "dockwiz-exit:\${PIPESTATUS[0]}" >&2`;
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', command], {env: {...process.env, CI: 'true', NO_COLOR: '1', DOCKWIZ_DEBUG: ''}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', reject);
		child.on('close', () => {
			clearTimeout(timer);
			const match = /dockwiz-exit:(\d+)/.exec(stderr);
			resolve({code: match ? Number(match[1]) : -1, stdout, stderr: stderr.replace(/dockwiz-exit:\d+\n?/, '')});
		});
	});
}

beforeAll(() => ensureBuilt(), 320_000);
afterAll(() => removeBuiltCopy());

describe.concurrent('standard output that fails', () => {
	it('JSON to a reader that has already gone (| true): quiet, 141', async () => {
		// `true` exits at once; the JSON comes after the scan, into a pipe nobody reads.
		const run = await runShell([project, '--json', '--no-build'], '| true');
		expect(stackTraceIn(run.stderr), run.stderr).toBeNull();
		expect(run.stderr).not.toMatch(/EPIPE|Error|interrupted/);
		expect(run.code, run.stderr).toBe(141);
	});

	it('JSON | head -c 10: the reader gets its 10 bytes, dockwiz no stack trace', async () => {
		const run = await runShell([project, '--json', '--no-build'], '| head -c 10');
		expect(run.stdout).toBe('{\n  "proje');
		expect(stackTraceIn(run.stderr), run.stderr).toBeNull();
		expect(run.stderr).not.toMatch(/EPIPE|Error/);
		// The whole document may fit the pipe's buffer before head exits (0), or not (141).
		expect([0, 141]).toContain(run.code);
	});

	it('plain progress | head -c 10 (lines keep coming after the reader left): quiet, 141', async () => {
		// head leaves after the first line; the scan's lines come a few hundred milliseconds later.
		const run = await runShell([project, '--yes', '--no-build'], '| head -c 10');
		expect(run.stdout).toBe('dockwiz: s');
		expect(stackTraceIn(run.stderr), run.stderr).toBeNull();
		expect(run.stderr).not.toMatch(/EPIPE|Error/);
		expect(run.code, run.stderr).toBe(141);
	});

	it.each([
		['JSON', ['--json', '--no-build']],
		['plain lines', ['--yes', '--no-build']],
	])('%s > /dev/full: one line on stderr naming the problem, exit 2', async (_name, args) => {
		const run = await runShell([project, ...args], '> /dev/full');
		expect(stackTraceIn(run.stderr), run.stderr).toBeNull();
		expect(run.stderr).toMatch(/dockwiz: cannot write to standard output \(no space left on the device\).*Send the output where there is room/);
		expect(run.stderr.match(/cannot write to standard output/g)).toHaveLength(1);
		expect(run.code).toBe(2);
	});
});
