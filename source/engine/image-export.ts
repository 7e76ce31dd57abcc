// Reading an image as the engine exports it (`docker save`: a tar holding manifest.json, the
// image's config and one tar per layer), streamed: layers are listed as they pass, never
// written to disk, and put in order by the manifest at the end (it may come last).
import path from 'node:path';
import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createGunzip} from 'node:zlib';
import {extract, type Header} from 'tar-stream';
import type {ImageLayers, LayerEntry} from '../analysis/image-bytes.js';
import type {EngineHandle} from './adapter.js';

/** RECORD files are read (they list a package's files); anything larger is not a RECORD worth reading. */
const maxRecordBytes = 8 * 1024 * 1024;
/** JSON members of the export (manifest, config) are small; a bigger one is not read. */
const maxJsonBytes = 16 * 1024 * 1024;

export type ExportedImage = {
	/** Each layer's entries, oldest layer first. */
	layers: LayerEntry[][];
	/** The image config's WORKDIR ('' when unset). */
	workdir: string;
};

function entryType(header: Header): LayerEntry['type'] {
	if (header.type === 'file' || header.type === 'contiguous-file') return 'file';
	if (header.type === 'directory') return 'dir';
	if (header.type === 'link' || header.type === 'symlink') return 'link';
	return 'other';
}

async function collect(chunks: AsyncIterable<Buffer>, limit: number): Promise<Buffer | null> {
	const parts: Buffer[] = [];
	let size = 0;
	for await (const chunk of chunks) {
		size += chunk.length;
		if (size <= limit) parts.push(chunk);
	}

	return size <= limit ? Buffer.concat(parts) : null;
}

/** Lists one layer tar (plain or gzip-compressed, as OCI exports may hold them). */
async function readLayer(first: Buffer, rest: AsyncIterator<Buffer>): Promise<LayerEntry[]> {
	const source = Readable.from((async function * () {
		yield first;
		for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
	})());
	const layer = extract();
	const gzipped = first[0] === 0x1f && first[1] === 0x8b;
	let streamError: unknown = null;
	const done = (gzipped ? pipeline(source, createGunzip(), layer) : pipeline(source, layer)).catch((error: unknown) => {
		streamError = error;
	});
	const entries: LayerEntry[] = [];
	for await (const entry of layer) {
		const {header} = entry;
		const type = entryType(header);
		const item: LayerEntry = {path: header.name, type, sizeBytes: type === 'file' ? header.size ?? 0 : 0};
		if (type === 'file' && header.name.endsWith('.dist-info/RECORD') && item.sizeBytes <= maxRecordBytes) {
			item.content = (await collect(entry as AsyncIterable<Buffer>, maxRecordBytes))?.toString('utf8');
		} else {
			entry.resume();
		}

		entries.push(item);
	}

	await done;
	if (streamError) throw streamError;
	return entries;
}

type Manifest = Array<{Config: string; Layers: string[]}>;

/** A member that holds a layer: `<id>/layer.tar` (docker save) or an OCI blob; not VERSION, json or repositories. */
function holdsLayer(name: string): boolean {
	return name.endsWith('/layer.tar') || name === 'layer.tar' || name.startsWith('blobs/');
}

/** One image of an export: its layers as keys into the export's layers, oldest first. */
export type ExportedImageRef = {
	/** The image id (sha256 of its config), without `sha256:`. */
	id: string;
	/** Each layer's key: its diff ID (the digest of its content) where the config names one, else its member in the export. */
	layers: string[];
	workdir: string;
};

export type ExportedImages = {
	images: ExportedImageRef[];
	/** Each distinct layer's entries, read once: docker save writes a layer shared by several images once. */
	layers: Map<string, LayerEntry[]>;
};

type ImageConfig = {config?: {WorkingDir?: string}; rootfs?: {diff_ids?: string[]}};

/** Reads an export of one or more images: each distinct layer once, and each image's layers in order, with its WORKDIR. */
export async function readExportedImages(stream: NodeJS.ReadableStream): Promise<ExportedImages> {
	const outer = extract();
	// Awaited at the end; caught now so a broken stream is one rejection, never an unhandled one.
	let streamError: unknown = null;
	const done = pipeline(stream, outer).catch((error: unknown) => {
		streamError = error;
	});
	const members = new Map<string, LayerEntry[]>();
	// docker save stores a layer shared by two image layers once, and links the second to it.
	const links = new Map<string, string>();
	const json = new Map<string, unknown>();
	for await (const entry of outer) {
		const name = entry.header.name.replace(/^\.\//, '');
		if (entry.header.type === 'symlink' && entry.header.linkname && holdsLayer(name)) {
			links.set(name, path.posix.normalize(path.posix.join(path.posix.dirname(name), entry.header.linkname)));
		}

		const isJson = name.endsWith('.json') || name === 'repositories' || name.endsWith('/json');
		if (entry.header.type !== 'file' || (entry.header.size ?? 0) === 0 || !(isJson || holdsLayer(name))) {
			entry.resume();
			continue;
		}

		const chunks = entry[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
		const first = await chunks.next();
		if (first.done) continue;
		// An OCI config blob has no .json name but starts with a brace; a layer tar never does.
		if (isJson || first.value[0] === 0x7b) {
			const body = await collect((async function * () {
				yield first.value;
				for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
			})(), maxJsonBytes);
			if (body) json.set(name, JSON.parse(body.toString('utf8')) as unknown);
		} else {
			members.set(name, await readLayer(first.value, chunks));
		}
	}

	await done;
	if (streamError) throw streamError;
	const manifest = json.get('manifest.json') as Manifest | undefined;
	if (!manifest?.[0]) throw new Error('The exported image has no manifest.json: the engine sent something dockwiz cannot read.');
	const layers = new Map<string, LayerEntry[]>();
	const images = manifest.map(item => {
		const config = json.get(item.Config) as ImageConfig | undefined;
		const diffIds = config?.rootfs?.diff_ids ?? [];
		const keys = item.Layers.map((member, index) => {
			const key = diffIds.length === item.Layers.length ? diffIds[index] : member;
			if (!layers.has(key)) layers.set(key, members.get(member) ?? members.get(links.get(member) ?? '') ?? []);
			return key;
		});
		return {id: path.posix.basename(item.Config).replace(/\.json$/, ''), layers: keys, workdir: config?.config?.WorkingDir ?? ''};
	});
	return {images, layers};
}

/** Reads an exported image stream into its layers, in order, and its WORKDIR. */
export async function readExportedImage(stream: NodeJS.ReadableStream): Promise<ExportedImage> {
	const exported = await readExportedImages(stream);
	const image = exported.images[0];
	return {layers: image.layers.map(key => exported.layers.get(key) ?? []), workdir: image.workdir};
}

/**
 * An image's layers for the byte breakdown: exported through the engine, and how many of
 * its first layers are its base image's (`baseImage` present on the engine, else 0).
 */
export async function exportImageLayers(engine: EngineHandle, image: string, baseImage: string | null): Promise<ImageLayers> {
	const baseLayers = baseImage ? await engine.adapter.inspectImage(baseImage).then(details => details.rootLayers ?? 0, () => 0) : 0;
	const exported = await readExportedImage(await engine.adapter.exportImages([image]));
	return {...exported, baseLayers: Math.min(baseLayers, exported.layers.length)};
}
