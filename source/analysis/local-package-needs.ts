import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {NativeNeed, PythonPackage} from '../types.js';

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

async function text(file: string): Promise<string> {
	return readFile(file, 'utf8').catch(() => '');
}

/** Whether the folder declares an extension module or holds C/C++/Cython sources (it and one level down). */
async function buildsExtension(folder: string): Promise<boolean> {
	const declared = `${await text(path.join(folder, 'setup.py'))}\n${await text(path.join(folder, 'pyproject.toml'))}\n${await text(path.join(folder, 'setup.cfg'))}`;
	if (extensionDeclared.test(declared)) {
		return true;
	}

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

		const absolute = path.resolve(root, folder);
		const inside = path.relative(root, absolute);
		if (inside.startsWith('..') || path.isAbsolute(inside)) {
			continue;
		}

		if (await buildsExtension(absolute)) {
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
