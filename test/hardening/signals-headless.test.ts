// Signals in the headless run (the built CLI, no terminal): SIGINT, SIGTERM and SIGHUP during
// the scan of a --write run stop it with the signal's code, and nothing is written after the
// signal: no Dockerfile, no .dockerignore, no report, no temp file.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, ensureBuilt, removeBuiltCopy, stackTraceIn} from './run-cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-signals-'));

/** A project whose scan takes a while (3 000 modules), so the signal lands in it. */
function project(name: string): string {
	const root = path.join(work, name);
	fs.mkdirSync(root);
	fs.writeFileSync(path.join(root, 'app.py'), 'from flask import Flask\n\napp = Flask(__name__)\n');
	fs.writeFileSync(path.join(root, 'requirements.txt'), 'flask\n');
	for (let folder = 0; folder < 30; folder++) {
		const dir = path.join(root, 'pkg', `f${folder}`);
		fs.mkdirSync(dir, {recursive: true});
		for (let file = 0; file < 100; file++) fs.writeFileSync(path.join(dir, `m${file}.py`), `VALUE = ${file}\n`.repeat(50));
	}

	return root;
}

type Ended = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

/** Runs `--yes --no-build --write --report` and sends `signal` the moment the scan starts. */
function runAndSignal(root: string, signal: NodeJS.Signals): Promise<Ended> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, root, '--yes', '--no-build', '--write', '--report', path.join(root, 'report.md')], {env: {...process.env, CI: 'true', NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let sent = false;
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (!sent && stdout.includes('dockwiz: scanning')) {
				sent = true;
				child.kill(signal);
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', reject);
		child.on('close', (code, endedBy) => {
			clearTimeout(timer);
			resolve({code, signal: endedBy, stdout, stderr});
		});
	});
}

beforeAll(() => ensureBuilt(), 320_000);
afterAll(() => {
	removeBuiltCopy();
	fs.rmSync(work, {recursive: true, force: true});
});

describe.each([
	['SIGINT', 130],
	['SIGTERM', 143],
	['SIGHUP', 129],
] as const)('%s during the scan of a --write run', (signal, exitCode) => {
	it(`ends with ${exitCode} and writes nothing`, async () => {
		const root = project(signal);
		const before = fs.readdirSync(root).sort();
		const ended = await runAndSignal(root, signal);
		expect(stackTraceIn(ended.stderr), ended.stderr).toBeNull();
		// After SIGHUP dockwiz ends by SIGHUP itself (as a closed terminal's programs do); its parent sees 129.
		if (signal === 'SIGHUP') expect([ended.code, ended.signal]).toEqual([null, 'SIGHUP']);
		else expect(ended.code, ended.stderr).toBe(exitCode);
		expect(fs.readdirSync(root).sort()).toEqual(before);
		expect(ended.stdout).not.toMatch(/wrote|report saved/);
	});
});
