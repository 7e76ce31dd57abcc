// Where an image's bytes are: its layers (as an exported image holds them, oldest first) read
// into bytes by category, the Python packages by installed size, and the bytes a later layer
// overwrites or deletes (wasted: still shipped in the lower layer, never seen in the container).
import path from 'node:path/posix';

/** One entry of a layer's tar, as much of it as the analysis needs. */
export type LayerEntry = {
	/** Path without a leading `./` or `/`, e.g. `usr/lib/python3.11/site-packages/flask/app.py`. */
	path: string;
	type: 'file' | 'dir' | 'link' | 'other';
	/** Bytes of a regular file's content; 0 otherwise (a hard link shares its target's bytes). */
	sizeBytes: number;
	/** Kept for dist-info RECORD files only: their text lists a package's files and sizes. */
	content?: string;
};

export type ImageLayers = {
	layers: LayerEntry[][];
	/** How many of the first layers are the base image's. */
	baseLayers: number;
	/** The image's WORKDIR ('' when unset): the app's own files live there. */
	workdir: string;
};

export const byteCategories = ['base image', 'Python packages', 'bytecode caches', 'tests and docs in packages', 'compilers and headers', 'package-manager caches', 'app files', 'other'] as const;
export type ByteCategory = (typeof byteCategories)[number];

export type PackageSize = {name: string; version: string; sizeBytes: number; files: number};

export type ImageBytes = {
	/** Every layer's file bytes, by category: they add up to totalBytes. */
	categories: Record<ByteCategory, number>;
	totalBytes: number;
	/** Installed packages found in the image, largest first. */
	packages: PackageSize[];
	/** Bytes of file copies a later layer overwrites or deletes, once per hidden copy. */
	wastedBytes: number;
	/** The paths wasting most, largest first (a path wasted twice counts its two copies). */
	wasted: Array<{path: string; bytes: number}>;
};

const packageDirs = /(^|\/)(site|dist)-packages\//;
const bytecode = /(^|\/)__pycache__\/|\.py[co]$/;
const testsOrDocs = /(^|\/)(site|dist)-packages\/(.+\/)?(tests?|docs?|examples?)\//;
const compilers = /^(usr\/include\/|usr\/local\/include\/|usr\/lib\/gcc\/|usr\/libexec\/gcc\/|usr\/share\/build-essential\/|usr\/bin\/(.*-)?(gcc|g\+\+|cpp|cc|c\+\+|ld|as)(-\d+)?$|usr\/bin\/x86_64-linux-gnu-|usr\/bin\/aarch64-linux-gnu-)|\.h$/;
const packageCaches = /^(root\/\.cache\/pip\/|home\/[^/]+\/\.cache\/pip\/|tmp\/pip-|var\/lib\/apt\/lists\/|var\/cache\/apt\/|var\/cache\/apk\/|root\/\.cache\/pypoetry\/|root\/\.cache\/uv\/)/;

/** The category of a file outside the base image's layers. */
export function categoryOf(filePath: string, workdir: string): ByteCategory {
	if (packageCaches.test(filePath)) return 'package-manager caches';
	if (bytecode.test(filePath)) return 'bytecode caches';
	if (testsOrDocs.test(filePath)) return 'tests and docs in packages';
	if (compilers.test(filePath)) return 'compilers and headers';
	if (packageDirs.test(filePath)) return 'Python packages';
	const app = workdir.replace(/^\/+|\/+$/g, '');
	if (app !== '' && (filePath === app || filePath.startsWith(`${app}/`))) return 'app files';
	return 'other';
}

/** The path a whiteout entry hides (`a/.wh.b` hides `a/b`), or the folder an opaque one empties. */
function whiteoutOf(entryPath: string): {hides: string; opaque: boolean} | null {
	const base = path.basename(entryPath);
	if (!base.startsWith('.wh.')) return null;
	const dir = path.dirname(entryPath) === '.' ? '' : path.dirname(entryPath);
	if (base === '.wh..wh..opq') return {hides: dir, opaque: true};
	return {hides: dir === '' ? base.slice(4) : `${dir}/${base.slice(4)}`, opaque: false};
}

/** True when `candidate` is `folder` or below it (`folder` '' is the root: everything). */
function isAtOrBelow(candidate: string, folder: string): boolean {
	return folder === '' || candidate === folder || candidate.startsWith(`${folder}/`);
}

function cleanPath(entryPath: string): string {
	return entryPath.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

/** A dist-info folder name `Flask-3.0.0.dist-info` -> name and version. */
function distribution(folder: string): {name: string; version: string} {
	const stem = path.basename(folder).replace(/\.dist-info$/, '');
	const dash = stem.indexOf('-');
	return dash === -1 ? {name: stem, version: ''} : {name: stem.slice(0, dash), version: stem.slice(dash + 1)};
}

/** One CSV field list of a RECORD line: paths with commas are quoted. */
function recordFields(line: string): string[] {
	const fields: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				current += '"';
				i++;
			} else if (ch === '"') {
				quoted = false;
			} else {
				current += ch;
			}
		} else if (ch === '"') {
			quoted = true;
		} else if (ch === ',') {
			fields.push(current);
			current = '';
		} else {
			current += ch;
		}
	}

	fields.push(current);
	return fields;
}

/**
 * A package's installed size: each file its RECORD lists, at its size in the image when it is
 * there (bytecode has no size in RECORD), else at the size RECORD states.
 */
function packageSize(recordPath: string, text: string, live: Map<string, number>): PackageSize {
	const folder = path.dirname(recordPath);
	const sitePackages = path.dirname(folder);
	let sizeBytes = 0;
	let files = 0;
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '') continue;
		const [file, , size] = recordFields(line);
		if (!file) continue;
		const inImage = path.normalize(path.join(sitePackages, file)).replace(/^\/+/, '');
		const actual = live.get(inImage);
		const stated = Number.parseInt(size ?? '', 10);
		files++;
		sizeBytes += actual ?? (Number.isFinite(stated) ? stated : 0);
	}

	return {...distribution(folder), sizeBytes, files};
}

/**
 * One layer read on its own, once, whatever image it is in: its whiteouts (applied to the layers
 * below it), and its other entries with the category each has outside a base image (a file that
 * is only 'other' may still be the app's, which depends on the image's WORKDIR).
 */
export type LayerFiles = {
	/** Paths a plain whiteout hides. */
	hidden: string[];
	/** Folders an opaque whiteout empties. */
	emptied: string[];
	entries: Array<{path: string; dir: boolean; sizeBytes: number; category: ByteCategory; record?: string}>;
};

export function analyseLayer(entries: readonly LayerEntry[]): LayerFiles {
	const layer: LayerFiles = {hidden: [], emptied: [], entries: []};
	for (const entry of entries) {
		const filePath = cleanPath(entry.path);
		if (filePath === '') continue;
		const whiteout = whiteoutOf(filePath);
		if (whiteout) {
			(whiteout.opaque ? layer.emptied : layer.hidden).push(whiteout.hides);
			continue;
		}

		const record = entry.content !== undefined && filePath.endsWith('.dist-info/RECORD') ? entry.content : undefined;
		layer.entries.push({path: filePath, dir: entry.type === 'dir', sizeBytes: entry.sizeBytes, category: categoryOf(filePath, ''), ...(record === undefined ? {} : {record})});
	}

	return layer;
}

/** Bytes by category, packages by size, and wasted bytes, from an image's layers. */
export function imageBytes(image: ImageLayers, topWasted = 10): ImageBytes {
	return composeImageBytes(image.layers.map(entries => analyseLayer(entries)), image.baseLayers, image.workdir, topWasted);
}

/**
 * An image's bytes composed from its layers' own readings, oldest layer first: a layer shared
 * by several images is read once and composed into each. Waste needs the order: a later layer's
 * whiteouts and new copies hide what the layers below hold.
 */
export function composeImageBytes(layers: readonly LayerFiles[], baseLayers: number, workdir: string, topWasted = 10): ImageBytes {
	const categories = Object.fromEntries(byteCategories.map(category => [category, 0])) as Record<ByteCategory, number>;
	const app = workdir.replace(/^\/+|\/+$/g, '');
	// What the container sees: path -> the size of the copy on top (directories are not kept).
	const live = new Map<string, number>();
	const records = new Map<string, string>();
	const wastedByPath = new Map<string, number>();
	let wastedBytes = 0;
	const waste = (filePath: string, bytes: number) => {
		if (bytes <= 0) return;
		wastedBytes += bytes;
		wastedByPath.set(filePath, (wastedByPath.get(filePath) ?? 0) + bytes);
	};

	layers.forEach((layer, index) => {
		const inBase = index < baseLayers;
		// A layer's whiteouts hide what the layers below hold, never the layer's own entries: apply them first.
		if (layer.hidden.length > 0 || layer.emptied.length > 0) {
			const hiddenSet = new Set(layer.hidden);
			for (const [filePath, bytes] of live) {
				const byWhiteout = ancestorsOf(filePath).some(candidate => hiddenSet.has(candidate));
				const byOpaque = layer.emptied.some(folder => folder !== filePath && isAtOrBelow(filePath, folder));
				if (byWhiteout || byOpaque) {
					waste(filePath, bytes);
					live.delete(filePath);
					records.delete(filePath);
				}
			}
		}

		for (const entry of layer.entries) {
			const isApp = entry.category === 'other' && app !== '' && isAtOrBelow(entry.path, app);
			categories[inBase ? 'base image' : isApp ? 'app files' : entry.category] += entry.sizeBytes;
			if (entry.dir) continue;
			const below = live.get(entry.path);
			if (below !== undefined) waste(entry.path, below);
			live.set(entry.path, entry.sizeBytes);
			if (entry.record === undefined) records.delete(entry.path);
			else records.set(entry.path, entry.record);
		}
	});

	const packages = [...records].map(([recordPath, text]) => packageSize(recordPath, text, live)).sort((a, b) => b.sizeBytes - a.sizeBytes || a.name.localeCompare(b.name));
	const totalBytes = Object.values(categories).reduce((sum, bytes) => sum + bytes, 0);
	const wasted = [...wastedByPath].map(([filePath, bytes]) => ({path: `/${filePath}`, bytes})).sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, topWasted);
	return {categories, totalBytes, packages, wastedBytes, wasted};
}

/** `a/b/c` -> [`a/b/c`, `a/b`, `a`]. */
function ancestorsOf(filePath: string): string[] {
	const found: string[] = [];
	let current = filePath;
	while (current !== '' && current !== '.') {
		found.push(current);
		const slash = current.lastIndexOf('/');
		current = slash === -1 ? '' : current.slice(0, slash);
	}

	return found;
}
