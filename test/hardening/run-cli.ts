import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A private build of the CLI for these tests: others rebuild dist/ (removing it first) while
// tests run, so these never use or touch it. It lives inside the repository so that the
// bundle's external `dockerode` still resolves from node_modules.
const copyDir = path.join(repoRoot, '.cache', `hardening-cli-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
export const cliPath = path.join(copyDir, 'cli.js');

export type CliRun = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; seconds: number};

/** Builds the CLI as users get it, into a folder of these tests' own. */
export function ensureBuilt(): void {
	if (fs.existsSync(cliPath)) return;
	execFileSync(process.execPath, ['scripts/build.mjs', copyDir], {cwd: repoRoot, stdio: 'inherit', timeout: 300_000});
	if (!fs.existsSync(cliPath)) throw new Error(`The CLI was not built to ${cliPath}.`);
}

export function removeBuiltCopy(): void {
	fs.rmSync(copyDir, {recursive: true, force: true});
}

/** Runs the built CLI with args headless (no TTY: stdin ignored, output piped), bounded in time. */
export function runCli(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number; prefix?: string[]; cli?: string} = {}): Promise<CliRun> {
	const started = performance.now();
	const env = {...process.env, CI: 'true', NO_COLOR: '1', DOCKWIZ_DEBUG: '', ...options.env};
	const [command, ...prefix] = options.prefix ?? [process.execPath];
	return new Promise(resolve => {
		const child = spawn(command, [...prefix, ...(options.prefix ? [process.execPath] : []), options.cli ?? cliPath, ...args], {cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), (options.timeoutSeconds ?? 60) * 1000);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000});
		});
	});
}

/** Lines a Node stack trace is made of, or the generic fallback for an error nobody handled. */
export function stackTraceIn(text: string): string | null {
	const match = /^\s+at .+$|^\w*Error: .+$|node:internal|stopped on an unexpected error/m.exec(text);
	return match ? match[0] : null;
}
