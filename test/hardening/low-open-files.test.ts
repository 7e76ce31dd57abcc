// Thousands of files under a low open-files limit (`ulimit -n 64`, as in many containers and
// CI runners): the built CLI reads them a bounded number at a time, so none is reported
// unreadable for want of a file handle and nothing crashes with EMFILE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DockwizReport} from '../../source/types.js';
import {ensureBuilt, removeBuiltCopy, runCli, stackTraceIn} from './run-cli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-many-files-'));

beforeAll(() => {
	ensureBuilt();
	fs.writeFileSync(path.join(root, 'app.py'), 'from flask import Flask\n\napp = Flask(__name__)\n');
	fs.writeFileSync(path.join(root, 'requirements.txt'), 'flask\n');
	for (let folder = 0; folder < 40; folder++) {
		const dir = path.join(root, 'pkg', `f${folder}`);
		fs.mkdirSync(dir, {recursive: true});
		for (let file = 0; file < 100; file++) fs.writeFileSync(path.join(dir, `m${file}.py`), `VALUE = ${file}\n`);
	}
}, 320_000);

afterAll(() => {
	removeBuiltCopy();
	fs.rmSync(root, {recursive: true, force: true});
});

describe('4 000 modules with ulimit -n 64', () => {
	// The CLI gets 120 s (4 000 files a few at a time are slow on a loaded machine): so does the test.
	it('are all read: exit 0, no EMFILE finding, no stack trace', async () => {
		const run = await runCli([root, '--no-build', '--json'], {prefix: ['bash', '-c', 'ulimit -n 64 && exec "$0" "$@"'], timeoutSeconds: 120});
		expect(stackTraceIn(run.stderr), run.stderr).toBeNull();
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as DockwizReport;
		expect(report.findings.filter(finding => /EMFILE|ENFILE/.test(finding.message))).toEqual([]);
		expect(report.context.files).toBeGreaterThanOrEqual(4002);
		expect(report.project.wsgiTarget).toBe('app:app');
	}, 150_000);
});
