import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {NativeNeed, PythonPackage} from '../types.js';
import {folderInProject, projectRelative, readProjectFile} from './project-reader.js';

// A local path requirement (`./fastsum` in requirements.txt) that ships C sources is compiled
// by pip at install: the builder needs a compiler and Python's headers, the runtime neither.

const compiledSource = /\.(?:c|cc|cpp|cxx|pyx)$/i;
const extensionDeclared = /\bext_modules\b|\bExtension\s*\(|\bext-modules\b|\bcythonize\s*\(/;
export const localExtensionBuildPackages = ['build-essential', 'python3-dev'];

/** The project-relative folder of a local path requirement, or null for a name, a URL or a file (wheel, sdist). */
export function localRequirementFolder(pkg: PythonPackage): string | null {
	const url = pkg.url?.replace(/^file:(?:\/\/)?/, '') ?? '';
	if (!/^(\.{1,2}(\/|$)|\/)/.test(url) || /\.(whl|tar\.gz|zip)$/i.test(url)) {
		return null;
	}

	return url.replace(/[#[].*$/, '').replace(/\/+$/, '') || '.';
}

async function text(root: string, relPath: string): Promise<string> {
	const read = await readProjectFile(root, relPath, 1024 * 1024);
	return read.kind === 'ok' ? read.bytes.toString('utf8') : '';
}

/** Whether the folder declares an extension module or holds C/C++/Cython sources (it and one level down). */
async function buildsExtension(root: string, relFolder: string): Promise<boolean> {
	const inFolder = (name: string) => (relFolder === '' ? name : `${relFolder}/${name}`);
	const declared = `${await text(root, inFolder('setup.py'))}\n${await text(root, inFolder('pyproject.toml'))}\n${await text(root, inFolder('setup.cfg'))}`;
	if (extensionDeclared.test(declared)) {
		return true;
	}

	const folder = path.join(root, relFolder);
	const entries = await readdir(folder, {withFileTypes: true}).catch(() => []);
	for (const entry of entries) {
		if (entry.isFile() && compiledSource.test(entry.name)) {
			return true;
		}

		if (entry.isDirectory() && !entry.name.startsWith('.')) {
			const inner = await readdir(path.join(folder, entry.name)).catch(() => []);
			if (inner.some(name => compiledSource.test(name))) {
				return true;
			}
		}
	}

	return false;
}

/** Needs of the local path requirements under `root` that compile an extension at install. */
export async function localPackageNeeds(root: string, packages: PythonPackage[]): Promise<NativeNeed[]> {
	const needs: NativeNeed[] = [];
	for (const pkg of packages) {
		const folder = localRequirementFolder(pkg);
		if (folder === null || needs.some(need => need.package === pkg.name)) {
			continue;
		}

		// A folder outside the project, or a link out of it, is never looked into.
		const relFolder = projectRelative(folder);
		if (relFolder === null || !(await folderInProject(root, relFolder))) {
			continue;
		}

		if (await buildsExtension(root, relFolder === '.' ? '' : relFolder)) {
			needs.push({
				package: pkg.name,
				reason: `${folder} is a local package with a C extension: pip compiles it at install`,
				buildPackages: localExtensionBuildPackages,
				runtimePackages: [],
			});
		}
	}

	return needs;
}
