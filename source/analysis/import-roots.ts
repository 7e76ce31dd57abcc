// Folders other than the project root that the project's own imports need on the import path:
// `make_celery.py` at the root does `from task_app import ...` and task_app lives in
// src/task_app/. gunicorn run from /app finds make_celery but not task_app without
// `--pythonpath /app/src` (an installed project would find it; the proposal does not install it).
import type {Evidence} from '../types.js';
import type {ModuleFacts} from './python-module.js';

export type ImportRoot = {folder: string; packages: string[]; evidence: Evidence};

/** The package folders a pyproject.toml, setup.cfg or setup.py declares (`where = ["src"]`, `package-dir`, `from = "src"`, `packages = ["src/app"]`). */
export function declaredPackageFolders(files: {pyproject?: string | null; setupCfg?: string | null; setupPy?: string | null}): string[] {
	const folders = new Set<string>();
	const clean = (folder: string) => (folder === '.' ? '' : folder.replace(/^\.?\/+|\/+$/g, ''));
	const pyproject = files.pyproject ?? '';
	// [tool.setuptools.packages.find] where = ["src"]
	for (const match of pyproject.matchAll(/^\s*where\s*=\s*\[([^\]]*)\]/gm)) {
		for (const folder of match[1].matchAll(/["']([^"']+)["']/g)) {
			folders.add(clean(folder[1]));
		}
	}

	// [tool.setuptools] package-dir = {"" = "src"}; poetry/pdm packages = [{include = "app", from = "src"}]
	for (const match of pyproject.matchAll(/(?:package-dir\s*=\s*\{\s*""\s*=|\bfrom\s*=)\s*["']([^"']+)["']/g)) {
		folders.add(clean(match[1]));
	}

	// hatch: packages = ["src/app"]; only-include / sources = ["src"]
	for (const match of pyproject.matchAll(/^\s*(packages|sources|only-include)\s*=\s*\[([^\]{]*)\]/gm)) {
		for (const item of match[2].matchAll(/["']([^"']+)["']/g)) {
			const parts = clean(item[1]).split('/');
			const folder = match[1] === 'packages' ? parts.slice(0, -1).join('/') : parts.join('/');
			if (folder !== '') {
				folders.add(folder);
			}
		}
	}

	// setup.cfg: package_dir = \n    = src ; setup.py: package_dir={"": "src"}
	const cfg = /package_dir\s*=\s*(?:\n\s*)?=\s*(\S+)/.exec(files.setupCfg ?? '');
	if (cfg) {
		folders.add(clean(cfg[1]));
	}

	const py = /package_dir\s*=\s*\{\s*["']{2}\s*:\s*["']([^"']+)["']/.exec(files.setupPy ?? '');
	if (py) {
		folders.add(clean(py[1]));
	}

	return [...folders].filter(folder => folder !== '' && !folder.includes('..'));
}

/**
 * The folders that hold a top-level package the project's modules import but that is not
 * importable from the folders already on the path (the project root, and the target's own
 * folder): `src/`, or a folder the project declares as its package folder.
 */
export function neededImportRoots(modules: ModuleFacts[], onPath: string[], declared: string[]): ImportRoot[] {
	const available = new Set(['', ...onPath]);
	const topLevel = (module: ModuleFacts) => module.module.split('.')[0];
	const roots = new Map<string, ImportRoot>();
	for (const module of modules) {
		if (!available.has(module.importRoot) || /(^|\/)(tests?|docs?|examples?)(\/|$)/.test(module.file)) {
			// Only code that runs from the path the server uses: tests and examples have their own.
			continue;
		}

		for (const imported of module.topImports) {
			const here = modules.some(other => available.has(other.importRoot) && topLevel(other) === imported.name);
			if (here) {
				continue;
			}

			const elsewhere = modules.find(other => topLevel(other) === imported.name && (other.importRoot === 'src' || declared.includes(other.importRoot)));
			if (!elsewhere) {
				continue;
			}

			const root = roots.get(elsewhere.importRoot) ?? {folder: elsewhere.importRoot, packages: [], evidence: {file: module.file, line: imported.line, detail: `imports ${imported.name}, which is in ${elsewhere.importRoot}/`}};
			if (!root.packages.includes(imported.name)) {
				root.packages.push(imported.name);
			}

			roots.set(elsewhere.importRoot, root);
		}
	}

	return [...roots.values()];
}
