import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {writeProposal} from '../source/write-files.js';

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
