import {gzipSync} from 'node:zlib';
import {pack} from 'tar-stream';
import {describe, expect, it} from 'vitest';
import {readExportedImage, readExportedImages} from '../../source/engine/image-export.js';

async function tarOf(entries: Array<{name: string; body?: string | Buffer; type?: 'directory'; link?: string}>): Promise<Buffer> {
	const tar = pack();
	for (const entry of entries) {
		if (entry.type === 'directory') tar.entry({name: entry.name, type: 'directory'});
		else if (entry.link) tar.entry({name: entry.name, type: 'symlink', linkname: entry.link});
		else tar.entry({name: entry.name}, entry.body ?? '');
	}

	tar.finalize();
	const parts: Buffer[] = [];
	for await (const chunk of tar as AsyncIterable<Buffer>) parts.push(chunk);
	return Buffer.concat(parts);
}

describe('readExportedImage', () => {
	it('puts the layers in the manifest\'s order (it comes last), reads a gzip layer, keeps RECORD texts and the WORKDIR', async () => {
		const first = await tarOf([{name: 'app/', type: 'directory'}, {name: 'app/a.py', body: 'x'.repeat(12)}]);
		const second = gzipSync(await tarOf([{name: 'site-packages/p-1.dist-info/RECORD', body: 'p.py,,3\n'}, {name: 'app/.wh.a.py'}]));
		const image = await tarOf([
			{name: 'bbb/layer.tar', body: second},
			{name: 'aaa/layer.tar', body: first},
			{name: 'cfg.json', body: JSON.stringify({config: {WorkingDir: '/app'}})},
			{name: 'manifest.json', body: JSON.stringify([{Config: 'cfg.json', Layers: ['aaa/layer.tar', 'bbb/layer.tar']}])},
		]);
		const {Readable} = await import('node:stream');
		const read = await readExportedImage(Readable.from([image]));
		expect(read.workdir).toBe('/app');
		expect(read.layers).toEqual([
			[{path: 'app/', type: 'dir', sizeBytes: 0}, {path: 'app/a.py', type: 'file', sizeBytes: 12}],
			[{path: 'site-packages/p-1.dist-info/RECORD', type: 'file', sizeBytes: 8, content: 'p.py,,3\n'}, {path: 'app/.wh.a.py', type: 'file', sizeBytes: 0}],
		]);
	});

	it('says so when the export has no manifest', async () => {
		const {Readable} = await import('node:stream');
		await expect(readExportedImage(Readable.from([await tarOf([{name: 'x/layer.tar', body: await tarOf([])}])]))).rejects.toThrow(/no manifest\.json/);
	});

	it('reads an export of several images: a layer they share (linked, as docker save writes it) once, keyed by its diff ID', async () => {
		const shared = await tarOf([{name: 'usr/bin/python3', body: 'p'.repeat(40)}]);
		const own = await tarOf([{name: 'app/app.py', body: 'x'.repeat(7)}]);
		const image = await tarOf([
			{name: 'v1a/layer.tar', body: shared},
			{name: 'v1b/layer.tar', link: '../v1a/layer.tar'},
			{name: 'v1c/layer.tar', body: own},
			{name: 'aaaa.json', body: JSON.stringify({rootfs: {diff_ids: ['sha256:base']}})},
			{name: 'bbbb.json', body: JSON.stringify({config: {WorkingDir: '/app'}, rootfs: {diff_ids: ['sha256:base', 'sha256:app']}})},
			{name: 'manifest.json', body: JSON.stringify([{Config: 'bbbb.json', Layers: ['v1b/layer.tar', 'v1c/layer.tar']}, {Config: 'aaaa.json', Layers: ['v1a/layer.tar']}])},
		]);
		const {Readable} = await import('node:stream');
		const read = await readExportedImages(Readable.from([image]));
		expect(read.images).toEqual([{id: 'bbbb', layers: ['sha256:base', 'sha256:app'], workdir: '/app'}, {id: 'aaaa', layers: ['sha256:base'], workdir: ''}]);
		expect([...read.layers.keys()]).toEqual(['sha256:base', 'sha256:app']);
		expect(read.layers.get('sha256:base')).toEqual([{path: 'usr/bin/python3', type: 'file', sizeBytes: 40}]);
	});
});
