import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import {UserError} from '../source/types.js';
import {reportMarker, saveReportFile, writeProposal} from '../source/write-files.js';

let root: string;

beforeEach(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockwiz-write-'));
});

afterEach(async () => {
	await fs.rm(root, {recursive: true, force: true});
});

const read = async (file: string) => fs.readFile(path.join(root, file), 'utf8');

describe('writeProposal', () => {
	it('writes new files without making backups', async () => {
		const outcome = await writeProposal(root, [{path: 'Dockerfile', content: 'FROM a\n'}, {path: '.dockerignore', content: '.git\n'}], {dryRun: false});
		expect(outcome).toEqual({written: ['Dockerfile', '.dockerignore'], backups: [], unchanged: []});
		expect(await read('Dockerfile')).toBe('FROM a\n');
		expect(await read('.dockerignore')).toBe('.git\n');
	});

	it('keeps the old file as a backup, never overwriting an earlier backup', async () => {
		await fs.writeFile(path.join(root, 'Dockerfile'), 'v1\n');
		const first = await writeProposal(root, [{path: 'Dockerfile', content: 'v2\n'}], {dryRun: false});
		const second = await writeProposal(root, [{path: 'Dockerfile', content: 'v3\n'}], {dryRun: false});
		const third = await writeProposal(root, [{path: 'Dockerfile', content: 'v4\n'}], {dryRun: false});
		expect(first.backups).toEqual(['Dockerfile.dockwiz-backup']);
		expect(second.backups).toEqual(['Dockerfile.dockwiz-backup.1']);
		expect(third.backups).toEqual(['Dockerfile.dockwiz-backup.2']);
		expect(await read('Dockerfile.dockwiz-backup')).toBe('v1\n');
		expect(await read('Dockerfile.dockwiz-backup.1')).toBe('v2\n');
		expect(await read('Dockerfile.dockwiz-backup.2')).toBe('v3\n');
		expect(await read('Dockerfile')).toBe('v4\n');
	});

	it('leaves files that already have the content untouched', async () => {
		await fs.writeFile(path.join(root, 'Dockerfile'), 'same\n');
		const before = (await fs.stat(path.join(root, 'Dockerfile'))).mtimeMs;
		const outcome = await writeProposal(root, [{path: 'Dockerfile', content: 'same\n'}], {dryRun: false});
		expect(outcome).toEqual({written: [], backups: [], unchanged: ['Dockerfile']});
		expect((await fs.stat(path.join(root, 'Dockerfile'))).mtimeMs).toBe(before);
		expect(await fs.readdir(root)).toEqual(['Dockerfile']);
	});

	it('writes nothing on a dry run but reports what it would do', async () => {
		await fs.writeFile(path.join(root, 'Dockerfile'), 'old\n');
		const outcome = await writeProposal(root, [{path: 'Dockerfile', content: 'new\n'}, {path: '.dockerignore', content: '.git\n'}], {dryRun: true});
		expect(outcome.written).toEqual(['Dockerfile', '.dockerignore']);
		expect(outcome.backups).toEqual(['Dockerfile.dockwiz-backup']);
		expect(await fs.readdir(root)).toEqual(['Dockerfile']);
		expect(await read('Dockerfile')).toBe('old\n');
	});

	it('leaves no temp files behind and keeps the file mode', async () => {
		await fs.writeFile(path.join(root, 'Dockerfile'), 'old\n', {mode: 0o600});
		await writeProposal(root, [{path: 'Dockerfile', content: 'new\n'}], {dryRun: false});
		expect((await fs.readdir(root)).sort()).toEqual(['Dockerfile', 'Dockerfile.dockwiz-backup']);
		expect((await fs.stat(path.join(root, 'Dockerfile'))).mode & 0o777).toBe(0o600);
	});

	it('refuses paths outside the root, with a message, and writes nothing', async () => {
		await expect(writeProposal(root, [{path: 'Dockerfile', content: 'x'}, {path: '../escape', content: 'x'}], {dryRun: false})).rejects.toThrow(/outside the project folder/);
		await expect(writeProposal(root, [{path: '/etc/passwd', content: 'x'}], {dryRun: false})).rejects.toThrow(/outside the project folder/);
		expect(await fs.readdir(root)).toEqual([]);
	});

	it('refuses to write through symlinks that leave the root', async () => {
		const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'dockwiz-outside-'));
		try {
			await fs.writeFile(path.join(outside, 'target'), 'precious\n');
			await fs.symlink(path.join(outside, 'target'), path.join(root, 'Dockerfile'));
			await fs.symlink(outside, path.join(root, 'linked'));
			await expect(writeProposal(root, [{path: 'Dockerfile', content: 'x'}], {dryRun: false})).rejects.toThrow(/outside the project folder/);
			await expect(writeProposal(root, [{path: 'linked/Dockerfile', content: 'x'}], {dryRun: false})).rejects.toThrow(/outside the project folder/);
			expect(await fs.readFile(path.join(outside, 'target'), 'utf8')).toBe('precious\n');
			expect(await fs.readdir(outside)).toEqual(['target']);
		} finally {
			await fs.rm(outside, {recursive: true, force: true});
		}
	});

	it('names a missing project folder', async () => {
		await expect(writeProposal(path.join(root, 'nope'), [{path: 'Dockerfile', content: 'x'}], {dryRun: false})).rejects.toThrow(/does not exist/);
	});
});

describe('writeProposal checks every destination before writing any', () => {
	const proposal = [
		{path: 'Dockerfile', content: 'FROM new\n'},
		{path: '.dockerignore', content: '.git\n'},
	];

	/** Names, kinds and contents: what a refused write must leave exactly as it was. */
	async function state(): Promise<string[]> {
		const entries = await fs.readdir(root, {withFileTypes: true});
		return Promise.all(entries.sort((a, b) => a.name.localeCompare(b.name)).map(async entry => `${entry.name}:${entry.isFile() ? await read(entry.name) : entry.isDirectory() ? 'dir' : 'other'}`));
	}

	it.each([
		['a folder where the Dockerfile goes', async () => fs.mkdir(path.join(root, 'Dockerfile')), /Dockerfile is a folder.*Rename or remove that folder, or run with --dry-run/],
		['a FIFO where the .dockerignore goes', async () => execFileSync('mkfifo', [path.join(root, '.dockerignore')]), /\.dockerignore is a named pipe \(FIFO\).*Remove it, or run with --dry-run/],
		['a folder left under a stale temp name', async () => fs.mkdir(path.join(root, '.Dockerfile.dockwiz-999999999-1.tmp')), /left over from an earlier dockwiz run.*Remove it/],
	])('%s: refused with the fix named, nothing written', async (_name, plant, message) => {
		await fs.writeFile(path.join(root, 'app.py'), 'x = 1\n');
		await plant();
		const before = await state();
		const error = await writeProposal(root, proposal, {dryRun: false}).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).exitCode).toBe(2);
		expect((error as UserError).message).toMatch(message);
		expect(await state()).toEqual(before);
	});

	it('a stale temp file of a dead run is removed; a fresh name is used even when one is taken', async () => {
		await fs.writeFile(path.join(root, '.Dockerfile.dockwiz-999999999-1.tmp'), 'half');
		const outcome = await writeProposal(root, proposal, {dryRun: false});
		expect(outcome.written).toEqual(['Dockerfile', '.dockerignore']);
		expect((await fs.readdir(root)).sort()).toEqual(['.dockerignore', 'Dockerfile']);
	});

	it('a dry run refuses the same destinations (it reports what a write would do)', async () => {
		await fs.mkdir(path.join(root, 'Dockerfile'));
		await expect(writeProposal(root, proposal, {dryRun: true})).rejects.toThrow(/Dockerfile is a folder/);
	});

	it('writes nothing once the run is stopped', async () => {
		await fs.writeFile(path.join(root, 'Dockerfile'), 'old\n');
		const stopped = new AbortController();
		stopped.abort();
		await expect(writeProposal(root, proposal, {dryRun: false, signal: stopped.signal})).rejects.toMatchObject({name: 'AbortError'});
		expect(await state()).toEqual(['Dockerfile:old\n']);
	});
});

describe('saveReportFile', () => {
	it('replaces its own earlier report, and keeps a .bak of any other file first', async () => {
		const target = path.join(root, 'notes.md');
		await fs.writeFile(target, '# my notes\n');
		expect(await saveReportFile(target, '# dockwiz report: one\n')).toEqual({backup: `${target}.bak`});
		expect(await read('notes.md.bak')).toBe('# my notes\n');
		expect(await read('notes.md')).toBe(`# dockwiz report: one\n\n${reportMarker}\n`);
		// Its own report now: replaced without another backup.
		expect(await saveReportFile(target, '# dockwiz report: two\n')).toEqual({backup: null});
		expect(await read('notes.md')).toContain('two');
		// A user's file again: the first backup is never overwritten.
		await fs.writeFile(target, '# edited by hand\n');
		expect(await saveReportFile(target, '# dockwiz report: three\n')).toEqual({backup: `${target}.bak.1`});
		expect(await read('notes.md.bak')).toBe('# my notes\n');
		expect(await read('notes.md.bak.1')).toBe('# edited by hand\n');
		expect((await fs.readdir(root)).sort()).toEqual(['notes.md', 'notes.md.bak', 'notes.md.bak.1']);
	});

	it.each([
		['a folder', async (target: string) => fs.mkdir(target), /is a folder.*pick a writable path with --report/],
		['a FIFO', async (target: string) => execFileSync('mkfifo', [target]), /named pipe.*pick a writable path with --report/],
	])('refuses %s at the report path', async (_name, plant, message) => {
		const target = path.join(root, 'r.md');
		await plant(target);
		await expect(saveReportFile(target, '# r\n')).rejects.toThrow(message);
		expect(await fs.readdir(root)).toEqual(['r.md']);
	});

	it('names the fix when the folder does not exist', async () => {
		await expect(saveReportFile(path.join(root, 'missing', 'r.md'), '# r\n')).rejects.toThrow(/Cannot write the report to .*\(ENOENT\)\. Pick a writable path with --report/);
	});
});
