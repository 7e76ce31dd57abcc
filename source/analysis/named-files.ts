// What each file a proposal may COPY by name really is, so the proposal names only files
// Docker can find: a dangling link or a link out of the project makes `COPY` fail with
// "file not found" (Docker resolves links inside the context only).
import {lstat, realpath, stat} from 'node:fs/promises';
import path from 'node:path';
import type {NamedFileKind, PythonPackage} from '../types.js';
import {localRequirementFolder} from './local-package-needs.js';

/** Dependency manifests a proposal copies by name when the manager uses them. */
const manifestNames = ['pyproject.toml', 'poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile', 'Pipfile.lock', 'setup.py', 'setup.cfg'];

function inside(root: string, target: string): boolean {
	const relative = path.relative(root, target);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The kind of one relative path (`name/` asks for a folder). Never reads a file's content. */
export async function namedFileKind(root: string, relPath: string): Promise<NamedFileKind> {
	const wantsFolder = relPath.endsWith('/');
	const full = path.join(root, relPath);
	if (!inside(root, full)) {
		return 'outside';
	}

	try {
		await lstat(full);
	} catch {
		return 'missing';
	}

	let target: string;
	try {
		target = await realpath(full);
	} catch {
		return 'dangling link';
	}

	if (!inside(await realpath(root).catch(() => root), target)) {
		return 'outside';
	}

	const facts = await stat(target).catch(() => null);
	if (facts?.isDirectory()) {
		return wantsFolder ? 'file' : 'folder';
	}

	return facts?.isFile() && !wantsFolder ? 'file' : 'not a regular file';
}

/** The kinds of the dependency files, the manifests and the local package folders (`name/`) a proposal may copy. */
export async function namedFileKinds(root: string, dependencyFiles: string[], packages: PythonPackage[]): Promise<Record<string, NamedFileKind>> {
	const folders = packages.map(item => localRequirementFolder(item)).filter((folder): folder is string => folder !== null)
		.map(folder => path.posix.normalize(folder)).filter(folder => folder !== '.' && !folder.startsWith('..') && !folder.startsWith('/')).map(folder => `${folder}/`);
	const candidates = [...new Set([...dependencyFiles, ...manifestNames, ...folders])];
	const kinds = await Promise.all(candidates.map(async file => [file, await namedFileKind(root, file)] as const));
	return Object.fromEntries(kinds);
}
