import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = path.join(repoRoot, 'dist');
// A private copy of the built CLI: others rebuild dist/ (removing it first) while these tests run.
// It stays inside the repository so that `dockerode` still resolves from node_modules.
const copyDir = path.join(repoRoot, '.cache', `hardening-cli-${process.pid}`);
export const cliPath = path.join(copyDir, 'cli.js');

export type CliRun = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; seconds: number};

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, {withFileTypes: true, recursive: true})) {
		if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
	}

	return newest;
}

/** These tests run the built CLI as users do: build it when dist/ is missing or older than source/, then copy it aside. */
export function ensureBuilt(): void {
	for (let attempt = 0; ; attempt++) {
		const built = fs.existsSync(path.join(distDir, 'cli.js'));
		if (!built || newestMtime(path.join(repoRoot, 'source')) > newestMtime(distDir)) {
			execFileSync('npm', ['run', '--silent', 'build'], {cwd: repoRoot, stdio: 'inherit', timeout: 300_000});
		}

		try {
			fs.rmSync(copyDir, {recursive: true, force: true});
			fs.cpSync(distDir, copyDir, {recursive: true});
			if (fs.existsSync(cliPath)) return;
		} catch (error) {
			if (attempt >= 3) throw error;
		}
	}
}

export function removeBuiltCopy(): void {
	fs.rmSync(copyDir, {recursive: true, force: true});
}

/** Runs `node dist/cli.js ...args` headless (no TTY: stdin ignored, output piped), bounded in time. */
export function runCli(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number; prefix?: string[]} = {}): Promise<CliRun> {
	const started = performance.now();
	const env = {...process.env, CI: 'true', NO_COLOR: '1', DOCKWIZ_DEBUG: '', ...options.env};
	const [command, ...prefix] = options.prefix ?? [process.execPath];
	return new Promise(resolve => {
		const child = spawn(command, [...prefix, ...(options.prefix ? [process.execPath] : []), cliPath, ...args], {cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe']});
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
