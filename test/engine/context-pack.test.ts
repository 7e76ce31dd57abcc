import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {packContext} from '../../source/engine/context-pack.js';
import type {ContextFile} from '../../source/types.js';

type Unpacked = {name: string; type: string; mode: number; content: string; linkname?: string};

async function unpack(stream: NodeJS.ReadableStream): Promise<Unpacked[]> {
	const extract = tar.extract();
	const entries: Unpacked[] = [];
	stream.pipe(extract as unknown as NodeJS.WritableStream);
	for await (const entry of extract) {
		const chunks: Buffer[] = [];
		for await (const chunk of entry) {
			chunks.push(chunk as Buffer);
		}

		const {name, type, mode, linkname} = entry.header;
		entries.push({name, type: type ?? '', mode: mode ?? 0, content: Buffer.concat(chunks).toString(), linkname: linkname ?? undefined});
	}

	return entries;
}

let root: string;

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-pack-'));
	fs.writeFileSync(path.join(root, 'app.py'), 'print("hi")\n');
	fs.mkdirSync(path.join(root, 'static'));
	fs.writeFileSync(path.join(root, 'static', 'big.bin'), Buffer.alloc(300_000, 7));
	fs.chmodSync(path.join(root, 'static', 'big.bin'), 0o600);
	fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM old\n');
	fs.symlinkSync('app.py', path.join(root, 'link.py'));
});

afterEach(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

const listed: ContextFile[] = [
	{path: 'Dockerfile', kind: 'file', bytes: 9, mode: 0o644},
	{path: 'app.py', kind: 'file', bytes: 12, mode: 0o644},
	{path: 'link.py', kind: 'symlink', bytes: 0, mode: 0o777, linkTarget: 'app.py'},
	{path: 'static', kind: 'dir', bytes: 0, mode: 0o755},
	{path: 'static/big.bin', kind: 'file', bytes: 300_000, mode: 0o600},
];

describe('packContext', () => {
	it('packs exactly the listed entries with their kinds, modes and contents', async () => {
		const packed = packContext(root, listed);
		const entries = await unpack(packed.stream);
		await packed.done;
		expect(entries.map(e => [e.name, e.type])).toEqual([
			['Dockerfile', 'file'],
			['app.py', 'file'],
			['link.py', 'symlink'],
			['static/', 'directory'],
			['static/big.bin', 'file'],
		]);
		expect(entries.find(e => e.name === 'link.py')?.linkname).toBe('app.py');
		expect(entries.find(e => e.name === 'static/big.bin')?.mode).toBe(0o600);
		expect(entries.find(e => e.name === 'static/big.bin')?.content).toBe(Buffer.alloc(300_000, 7).toString());
	});

	it('counts the bytes it sent: the size of the tar', async () => {
		const packed = packContext(root, listed);
		const chunks: Buffer[] = [];
		for await (const chunk of packed.stream) {
			chunks.push(chunk as Buffer);
		}

		await packed.done;
		const total = Buffer.concat(chunks).length;
		expect(packed.bytesSent()).toBe(total);
		// Headers and padding: more than the content, and a whole number of 512-byte blocks.
		expect(total).toBeGreaterThan(300_012);
		expect(total % 512).toBe(0);
	});

	it('applies overrides in the stream only: replaced and added files, the folder untouched', async () => {
		const packed = packContext(root, listed, new Map([
			['Dockerfile', 'FROM proposed\n'],
			['.dockerignore', '.git\n'],
			['app.py', 'print("edited")\n'],
		]));
		const entries = await unpack(packed.stream);
		await packed.done;
		expect(entries.find(e => e.name === 'Dockerfile')?.content).toBe('FROM proposed\n');
		expect(entries.find(e => e.name === 'app.py')?.content).toBe('print("edited")\n');
		expect(entries.at(-1)).toMatchObject({name: '.dockerignore', content: '.git\n'});
		expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toBe('FROM old\n');
		expect(fs.readFileSync(path.join(root, 'app.py'), 'utf8')).toBe('print("hi")\n');
		expect(fs.existsSync(path.join(root, '.dockerignore'))).toBe(false);
	});

	it('fails with a message when a listed file has vanished', async () => {
		const packed = packContext(root, [...listed, {path: 'gone.py', kind: 'file', bytes: 1, mode: 0o644}]);
		packed.stream.resume();
		await expect(packed.done).rejects.toThrow(/Could not pack the build context: .*gone\.py/);
	});
});
