// What poetry.lock and uv.lock pin: each package's exact release, the Pythons its wheels
// serve (from the wheel file names they list), and Poetry's per-package python-versions.
// Pipfile.lock has no file names; its releases are read in manifests.ts.
import {parse as parseToml} from 'smol-toml';
import type {Finding} from '../types.js';
import {problem} from './problems.js';
import {readProjectText} from './project-files.js';
import {normalizeName} from './requirement.js';

/** The Pythons a locked release has Linux wheels for: `any` (pure or abi3 from `fromMinor`), or the listed minors. */
export type WheelSupport = {any: boolean; abi3From: number | null; minors: Set<string>};

export type LockedPackage = {
	name: string;
	release: string;
	/** Null when the lock lists no wheel files for it (only an sdist, or no file list at all). */
	wheels: WheelSupport | null;
	/** Poetry's `python-versions` for the package, when it has an upper bound worth checking. */
	python?: string;
};

export type LockFacts = {file: string; packages: LockedPackage[]};

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds what one wheel file name says to `support`; other files (sdists, Windows/macOS wheels) add nothing. */
function addWheel(support: WheelSupport, fileName: string): boolean {
	const match = /-([\w.]+)-([\w.]+)-([\w.]+)\.whl$/.exec(fileName.split(/[?#]/)[0]);
	if (!match) {
		return false;
	}

	const [, pythonTags, abi, platforms] = match;
	if (!/any|manylinux|linux_x86_64/.test(platforms)) {
		return false;
	}

	for (const tag of pythonTags.split('.')) {
		const cpython = /^cp3(\d+)$/.exec(tag);
		if (tag === 'py3' || tag === 'py2.py3' || (/^py3\d*$/.test(tag) && abi === 'none')) {
			support.any = true;
		} else if (cpython && abi === 'abi3') {
			const minor = Number(cpython[1]);
			support.abi3From = support.abi3From === null ? minor : Math.min(support.abi3From, minor);
		} else if (cpython) {
			support.minors.add(`3.${cpython[1]}`);
		}
	}

	return true;
}

function wheelSupport(files: unknown[]): WheelSupport | null {
	const support: WheelSupport = {any: false, abi3From: null, minors: new Set()};
	let wheels = 0;
	for (const file of files) {
		const name = isTable(file) ? (typeof file.file === 'string' ? file.file : typeof file.url === 'string' ? file.url : typeof file.filename === 'string' ? file.filename : '') : '';
		if (addWheel(support, name)) {
			wheels++;
		}
	}

	return wheels > 0 ? support : null;
}

/** Whether a locked release has a wheel for `minor` (a release without wheel files says nothing: true). */
export function servesMinor(wheels: WheelSupport | null, minor: string): boolean {
	if (!wheels || wheels.any) {
		return true;
	}

	const number = Number(minor.split('.')[1]);
	return (wheels.abi3From !== null && number >= wheels.abi3From) || wheels.minors.has(minor);
}

function packagesOf(data: Table, legacyFiles: Table | null): LockedPackage[] {
	const list = Array.isArray(data.package) ? data.package : [];
	const packages: LockedPackage[] = [];
	for (const entry of list) {
		if (!isTable(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') {
			continue;
		}

		const files = Array.isArray(entry.files) ? entry.files : Array.isArray(entry.wheels) ? entry.wheels : Array.isArray(legacyFiles?.[entry.name]) ? (legacyFiles[entry.name] as unknown[]) : [];
		const python = typeof entry['python-versions'] === 'string' && /</.test(entry['python-versions']) ? entry['python-versions'] : undefined;
		packages.push({name: normalizeName(entry.name), release: entry.version, wheels: wheelSupport(files), ...(python ? {python} : {})});
	}

	return packages;
}

/** The project's poetry.lock or uv.lock, or null when it has neither (or it does not parse: a DW905 problem). */
export async function readLockFile(root: string, problems: Finding[]): Promise<LockFacts | null> {
	for (const file of ['uv.lock', 'poetry.lock']) {
		const text = await readProjectText(root, file, problems, 32 * 1024 * 1024);
		if (text === null) {
			continue;
		}

		try {
			const data = parseToml(text) as Table;
			const metadata = isTable(data.metadata) ? data.metadata : null;
			const legacyFiles = metadata && isTable(metadata.files) ? metadata.files : null;
			return {file, packages: packagesOf(data, legacyFiles)};
		} catch (error) {
			const line = (error as {line?: number}).line ?? null;
			problems.push(problem('DW905', file, line, `${file} is not valid TOML (${(error as Error).message.split('\n')[0]}); its pins were not read.`, `Regenerate it (${file === 'uv.lock' ? 'uv lock' : 'poetry lock'}).`, 'error'));
			return null;
		}
	}

	return null;
}
