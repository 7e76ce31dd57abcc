// The project reader: every file analysis reads resolves inside the project, is a regular
// file, and is capped in size; links out, /proc, pipes and `..` are refused, never opened.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {folderInProject, projectRelative, readProjectFile, resolveInProject} from '../../source/analysis/project-reader.js';
import {scanProject} from '../../source/analysis/scan-project.js';

const canary = 'CANARY-OUTSIDE-9d7e1f';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-reader-'));
const root = path.join(work, 'project');
const outside = path.join(work, 'outside');
fs.mkdirSync(root);
fs.mkdirSync(outside);
fs.writeFileSync(path.join(outside, 'secret.txt'), `${canary}\n`);
fs.writeFileSync(path.join(root, 'app.py'), "from flask import Flask\napp = Flask(__name__)\n");
fs.mkdirSync(path.join(root, 'sub'));
fs.writeFileSync(path.join(root, 'sub', 'inner.txt'), 'inner\n');
fs.symlinkSync('sub/inner.txt', path.join(root, 'inside-link.txt'));
fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'absolute-out.txt'));
fs.symlinkSync('../outside/secret.txt', path.join(root, 'relative-out.txt'));
fs.symlinkSync('/proc/self/environ', path.join(root, 'environ.txt'));
fs.symlinkSync('/dev/zero', path.join(root, 'zero.txt'));
fs.symlinkSync(outside, path.join(root, 'shared'));
fs.symlinkSync('nowhere.txt', path.join(root, 'dangling.txt'));
fs.symlinkSync('loop.txt', path.join(root, 'loop.txt'));
execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
fs.writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(5000));

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

describe('readProjectFile', () => {
	it('reads a regular file, and a link that stays inside the project', async () => {
		expect(await readProjectFile(root, 'sub/inner.txt', 1000)).toMatchObject({kind: 'ok', sizeBytes: 6});
		const viaLink = await readProjectFile(root, 'inside-link.txt', 1000);
		expect(viaLink.kind === 'ok' && viaLink.bytes.toString()).toBe('inner\n');
	});

	it.each([
		['absolute-out.txt', /outside the project/],
		['relative-out.txt', /outside the project/],
		['shared/secret.txt', /outside the project/],
		['../outside/secret.txt', /outside the project/],
		['sub/../../outside/secret.txt', /outside the project/],
		[path.join(outside, 'secret.txt'), /outside the project/],
		['environ.txt', /\/proc/],
		['zero.txt', /\/dev/],
	])('refuses %s with DW911 and never returns its bytes', async (file, reason) => {
		const outcome = await readProjectFile(root, file, 1_000_000);
		expect(outcome).toMatchObject({kind: 'refused', rule: 'DW911'});
		expect(outcome.kind === 'refused' && outcome.reason).toMatch(reason);
		expect(JSON.stringify(outcome)).not.toContain(canary);
	});

	it('never opens a pipe (it would block): DW901, at once', async () => {
		const started = performance.now();
		expect(await readProjectFile(root, 'pipe.txt', 1000)).toMatchObject({kind: 'refused', rule: 'DW901', reason: expect.stringMatching(/not a regular file/)});
		// Opening a FIFO with no writer blocks for ever, so any bound proves it was not opened: a
		// loose one keeps a loaded machine (a slow stat, a late timer) from failing the test.
		expect(performance.now() - started).toBeLessThan(10_000);
	});

	it('missing files, dangling links and folders are simply not there; a link loop is a problem', async () => {
		expect(await readProjectFile(root, 'absent.txt', 1000)).toEqual({kind: 'missing'});
		expect(await readProjectFile(root, 'dangling.txt', 1000)).toEqual({kind: 'missing'});
		expect(await readProjectFile(root, 'sub', 1000)).toEqual({kind: 'missing'});
		expect(await readProjectFile(root, 'loop.txt', 1000)).toMatchObject({kind: 'refused', rule: 'DW901', reason: expect.stringMatching(/loop/)});
	});

	it('caps what it reads: too large, or its first bytes when asked to truncate', async () => {
		expect(await readProjectFile(root, 'big.txt', 1000)).toEqual({kind: 'too-large', sizeBytes: 5000});
		const head = await readProjectFile(root, 'big.txt', 1000, {truncate: true});
		expect(head.kind === 'ok' && head.bytes.length).toBe(1000);
	});
});

describe('paths and folders', () => {
	it('projectRelative refuses absolute paths, `..` out and NUL, and keeps names that merely start with dots', () => {
		expect(projectRelative('/etc/passwd')).toBeNull();
		expect(projectRelative('../x')).toBeNull();
		expect(projectRelative('a/../../x')).toBeNull();
		expect(projectRelative('a\0b')).toBeNull();
		expect(projectRelative('..hidden.txt')).toBe('..hidden.txt');
		expect(projectRelative('./a/./b')).toBe('a/b');
	});

	it('a folder that is a link out is not in the project; the project itself and its folders are', async () => {
		expect(await folderInProject(root, 'shared')).toBe(false);
		expect(await folderInProject(root, 'sub')).toBe(true);
		expect(await folderInProject(root, '')).toBe(true);
		expect(await resolveInProject(root, 'shared')).toMatchObject({kind: 'refused', rule: 'DW911'});
	});
});

describe('scanProject on a hostile project', () => {
	it('reads nothing from outside: links and includes out become findings that name the file, never its content', async () => {
		const dir = path.join(work, 'hostile');
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'app.py'), "from flask import Flask\napp = Flask(__name__)\n");
		fs.symlinkSync('/proc/self/environ', path.join(dir, 'requirements.txt'));
		fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'Dockerfile'));
		fs.symlinkSync('../outside/secret.txt', path.join(dir, 'Procfile'));
		fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, '.python-version'));
		fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'gunicorn.conf.py'));
		fs.symlinkSync(outside, path.join(dir, 'requirements'));
		fs.writeFileSync(path.join(outside, 'base.txt'), `${canary}\n`);
		fs.writeFileSync(path.join(dir, 'pyproject.toml'), `[project]\nname = "x"\ndependencies = ["flask"]\n`);
		const previous = process.env.DOCKWIZ_CANARY;
		process.env.DOCKWIZ_CANARY = canary;
		try {
			const report = await scanProject(dir);
			const text = JSON.stringify(report);
			expect(text).not.toContain(canary);
			expect(text).not.toContain('DOCKWIZ_CANARY');
			expect(report.dockerfile).toBeNull();
			const refused = report.problems.filter(p => p.rule === 'DW911').map(p => p.file).sort();
			expect(refused).toEqual(expect.arrayContaining(['.python-version', 'Dockerfile', 'Procfile', 'gunicorn.conf.py', 'requirements.txt']));
			expect(report.problems.find(p => p.file === 'requirements.txt' && p.rule === 'DW911')?.message).toMatch(/requirements\.txt leads into \/proc/);
		} finally {
			if (previous === undefined) delete process.env.DOCKWIZ_CANARY;
			else process.env.DOCKWIZ_CANARY = previous;
		}
	});

	it('a FIFO named requirements.txt and an include of `..` or an absolute path: findings, no wait, nothing read', async () => {
		const dir = path.join(work, 'fifo');
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'app.py'), "from flask import Flask\napp = Flask(__name__)\n");
		execFileSync('mkfifo', [path.join(dir, 'requirements.txt')]);
		const started = performance.now();
		const report = await scanProject(dir);
		expect(performance.now() - started).toBeLessThan(10_000);
		expect(report.problems.filter(p => p.file === 'requirements.txt').map(p => p.rule)).toContain('DW901');

		fs.rmSync(path.join(dir, 'requirements.txt'));
		fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\n-r ../outside/secret.txt\n-c /proc/self/environ\n');
		const included = await scanProject(dir);
		expect(JSON.stringify(included)).not.toContain(canary);
		expect(included.problems.filter(p => p.rule === 'DW907').map(p => p.line)).toEqual([2, 3]);
	});
});
