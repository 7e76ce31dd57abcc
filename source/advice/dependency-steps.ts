// How each dependency manager installs the project's dependencies into /opt/venv,
// using only the dependency files, so that layer survives code edits.
import path from 'node:path/posix';
import {localRequirementFolder} from '../analysis/local-package-needs.js';
import type {ProjectReport, PythonPackage} from '../types.js';

export type DependencySteps = {
	/** Project files to copy before installing (relative, as in the context). */
	copy: string[];
	/** Shell commands, run in /app of the builder, after /opt/venv exists. */
	run: string[];
	/** Tools installed in their own venv (kept out of the runtime image). */
	toolVenv: {name: string; spec: string} | null;
	warnings: string[];
	/** Whether gunicorn had to be added. */
	addedGunicorn: boolean;
	/** The requirement that installs the project itself (`-e .`), left out: the image imports the code from /app. */
	projectItself?: PythonPackage;
};

// `-e .`, `.`, `--editable=./`, `.[extra]`: the project itself, which the dependency layer cannot install (its code is not copied yet).
const projectLine = String.raw`/^[[:space:]]*((-e|--editable)([[:space:]]+|=))?\.\/?(\[[^]]*\])?[[:space:]]*(#.*)?$/d`;

export const gunicornSpec = 'gunicorn>=20.1';
const defaultVenvPip = '/opt/venv/bin/pip install --no-cache-dir';

function has(report: ProjectReport, file: string): boolean {
	return report.dependencies.files.some(candidate => path.basename(candidate) === file);
}

function quote(word: string): string {
	return /^[\w./=-]+$/.test(word) ? word : `"${word.replaceAll('"', '\\"')}"`;
}

function requirementFile(report: ProjectReport): string | undefined {
	const files = report.dependencies.files.filter(file => /\.(txt|in)$/.test(file) && !/(dev|test|lint|doc)/i.test(path.basename(file)));
	return files.find(file => path.basename(file) === 'requirements.txt') ?? files[0];
}

/** `venvPip`: the command that installs into /opt/venv (it depends on the flavor's builder). */
/** Folders inside the project that requirements install from by path, as `name/` (a folder to copy whole). */
export function localPackageFolders(report: ProjectReport): string[] {
	const folders = report.dependencies.packages
		.map(item => localRequirementFolder(item))
		.filter((folder): folder is string => folder !== null)
		.map(folder => path.normalize(folder))
		.filter(folder => folder !== '.' && !folder.startsWith('..') && !folder.startsWith('/'));
	return [...new Set(folders)].map(folder => `${folder}/`);
}

/**
 * Prints pyproject.toml's `[project].dependencies`, one a line, with the builder's Python
 * (tomllib: 3.11 and later). Installing from the file rather than from names copied into the
 * Dockerfile means a dependency added to pyproject.toml reaches the image on the next build.
 */
export function pyprojectDependencies(python: string): string {
	return `${python} -c 'import tomllib; print("\\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"].get("dependencies", [])))' > /tmp/requirements.txt`;
}

/**
 * `additions`: requirements the image needs besides the project's own (`setuptools<82` for pkg_resources).
 * `tomlPython`: the builder's interpreter when it has tomllib, so a PEP 621 project's dependencies are read from pyproject.toml.
 */
export function dependencySteps(report: ProjectReport, venvPip: string = defaultVenvPip, additions: string[] = [], tomlPython: string | null = null): DependencySteps {
	const warnings: string[] = [];
	// An ASGI app's server comes in `additions` (asgi-server.ts).
	const addedGunicorn = report.framework !== 'fastapi' && report.server !== 'gunicorn' && !report.dependencies.packages.some(item => item.name === 'gunicorn');
	const added = [...(addedGunicorn ? [gunicornSpec] : []), ...additions];
	const extra = added.map(word => ` ${quote(word)}`).join('');
	const {manager} = report.dependencies;
	const exported = (command: string, copy: string[], tool: {name: string; spec: string}): DependencySteps => ({
		copy,
		run: [`${command} > /tmp/requirements.txt`, `${venvPip} -r /tmp/requirements.txt${extra}`],
		toolVenv: tool,
		warnings,
		addedGunicorn,
	});

	if (manager === 'pip') {
		const main = requirementFile(report);
		if (main) {
			// Nested `-r other.txt` lines need their files too: copy every requirements file,
			// and the project's own packages that a requirement installs from a path (`./fastsum`).
			const copy = [...report.dependencies.files.filter(file => /\.(txt|in)$/.test(file)), ...localPackageFolders(report)];
			const itself = report.dependencies.packages.find(item => item.file === main && localRequirementFolder(item) === '.');
			if (itself) {
				// Written next to the original so that its `-r other.txt` lines still resolve.
				const without = path.join(path.dirname(main), 'requirements-without-project.txt');
				warnings.push(`${main}${itself.line ? `:${itself.line}` : ''} installs the project itself (pip install -e .): the image imports its code from /app instead, so every package it needs must be listed in ${main}.`);
				return {copy, run: [`sed -E '${projectLine}' ${main} > ${without}`, `${venvPip} -r ${without}${extra}`], toolVenv: null, warnings, addedGunicorn, projectItself: itself};
			}

			return {copy, run: [`${venvPip} -r ${main}${extra}`], toolVenv: null, warnings, addedGunicorn};
		}
	}

	if (manager === 'poetry') {
		const copy = ['pyproject.toml', ...(has(report, 'poetry.lock') ? ['poetry.lock'] : [])];
		if (!has(report, 'poetry.lock')) {
			warnings.push('No poetry.lock: Poetry resolves the dependencies during the build; commit a lock file for reproducible images.');
		}

		return {
			copy,
			// Poetry installs into the virtualenv named by VIRTUAL_ENV.
			run: [`VIRTUAL_ENV=/opt/venv /opt/tool/bin/poetry install --only main --no-root --no-interaction --no-ansi${added.length > 0 ? ` && ${venvPip}${extra}` : ''}`],
			toolVenv: {name: 'poetry', spec: 'poetry>=1.8'},
			warnings,
			addedGunicorn,
		};
	}

	if (manager === 'uv') {
		const locked = has(report, 'uv.lock');
		if (!locked) {
			warnings.push('No uv.lock: uv resolves the dependencies during the build; commit uv.lock for reproducible images.');
		}

		return exported(
			locked ? '/opt/tool/bin/uv export --frozen --no-dev --no-emit-project --no-hashes' : '/opt/tool/bin/uv pip compile pyproject.toml',
			['pyproject.toml', ...(locked ? ['uv.lock'] : [])],
			{name: 'uv', spec: 'uv>=0.4'},
		);
	}

	if (manager === 'pipenv') {
		const locked = has(report, 'Pipfile.lock');
		if (!locked) {
			warnings.push('No Pipfile.lock: `pipenv lock` runs during the build; commit Pipfile.lock for reproducible images.');
		}

		return exported(
			locked ? '/opt/tool/bin/pipenv requirements' : '/opt/tool/bin/pipenv lock && /opt/tool/bin/pipenv requirements',
			['Pipfile', ...(locked ? ['Pipfile.lock'] : [])],
			{name: 'pipenv', spec: 'pipenv>=2023.10'},
		);
	}

	if (manager === 'pdm') {
		const locked = has(report, 'pdm.lock');
		if (!locked) {
			warnings.push('No pdm.lock: `pdm lock` runs during the build; commit pdm.lock for reproducible images.');
		}

		return exported(
			`${locked ? '' : '/opt/tool/bin/pdm lock && '}/opt/tool/bin/pdm export --prod --without-hashes`,
			['pyproject.toml', ...(locked ? ['pdm.lock'] : [])],
			{name: 'pdm', spec: 'pdm>=2.10'},
		);
	}

	const fromPyproject = report.dependencies.packages.length > 0 && report.dependencies.packages.every(item => item.file === 'pyproject.toml' && !item.url);
	if (manager === 'pyproject' && tomlPython && fromPyproject) {
		return {copy: ['pyproject.toml'], run: [pyprojectDependencies(tomlPython), `${venvPip} -r /tmp/requirements.txt${extra}`], toolVenv: null, warnings, addedGunicorn};
	}

	// Plain pyproject (or nothing): install the declared dependencies by name, so the code is not needed yet.
	const packages = report.dependencies.packages.map(item => item.url ? `${item.name}${item.extras.length > 0 ? `[${item.extras.join(',')}]` : ''} @ ${item.url}` : `${item.name}${item.extras.length > 0 ? `[${item.extras.join(',')}]` : ''}${item.spec}${item.marker ? `; ${item.marker}` : ''}`);
	if (packages.length === 0) {
		if (report.framework === 'flask') {
			packages.push('flask');
		} else if (report.framework === 'fastapi') {
			packages.push('fastapi');
		}

		warnings.push(manager === 'none'
			? 'No dependency file was found (requirements.txt, pyproject.toml...): only Flask and gunicorn are installed. Add a requirements.txt listing what the app imports.'
			: 'The dependency file lists no packages: only what the app needs to start is installed.');
	}

	const all = [...packages, ...added];
	return {
		copy: [],
		run: [`${venvPip} ${all.map(word => quote(word)).join(' ')}`],
		toolVenv: null,
		warnings,
		addedGunicorn,
	};
}
