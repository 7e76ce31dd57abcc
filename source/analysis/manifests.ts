import {parse as parseToml} from 'smol-toml';
import type {Finding, PythonPackage} from '../types.js';
import {maskSecrets} from './mask-secrets.js';
import {problem} from './problems.js';
import {readProjectText} from './project-files.js';
import {normalizeName, parseRequirement} from './requirement.js';

// Readers for pyproject.toml (PEP 621 and Poetry) and Pipfile / Pipfile.lock.

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

function lineOf(text: string, pattern: RegExp): number | undefined {
	const index = text.split(/\r?\n/).findIndex(line => pattern.test(line));
	return index === -1 ? undefined : index + 1;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses a TOML file; a syntax error becomes a DW905 problem with its line. */
async function readToml(root: string, file: string, problems: Finding[]): Promise<{text: string; data: Table} | null> {
	const text = await readProjectText(root, file, problems);
	if (text === null) {
		return null;
	}

	try {
		return {text, data: parseToml(text) as Table};
	} catch (error) {
		const line = (error as {line?: number}).line ?? null;
		const reason = (error as Error).message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
		problems.push(problem('DW905', file, line, `${file} is not valid TOML (${reason}); its dependencies were not read.`, `Fix ${file}${line ? ` at line ${line}` : ''}; pip, Poetry and uv will reject it too.`, 'error'));
		return null;
	}
}

export type VersionConstraint = {spec: string; file: string; line?: number; detail: string};

export type Pyproject = {
	packages: PythonPackage[];
	requiresPython: VersionConstraint | null;
	usesPoetry: boolean;
	usesUv: boolean;
	usesPdm: boolean;
	hasProjectTable: boolean;
};

/** A Poetry dependency value: `"^2.0"`, or a table with version/extras/markers/git/path/url. */
function poetryPackage(name: string, value: unknown, file: string, line: number | undefined): PythonPackage {
	const base: PythonPackage = {name: normalizeName(name), spec: '', extras: [], file, ...(line ? {line} : {})};
	if (typeof value === 'string') {
		return {...base, spec: value === '*' ? '' : value};
	}

	if (Array.isArray(value)) {
		// Several constraints by marker: the first one is enough to name the package.
		return poetryPackage(name, value[0], file, line);
	}

	if (!isTable(value)) {
		return base;
	}

	const url = typeof value.git === 'string' ? `git+${value.git}` : typeof value.path === 'string' ? value.path : typeof value.url === 'string' ? value.url : undefined;
	return {
		...base,
		spec: typeof value.version === 'string' && value.version !== '*' ? value.version : '',
		extras: Array.isArray(value.extras) ? value.extras.map(String) : [],
		...(typeof value.markers === 'string' ? {marker: value.markers} : {}),
		...(url ? {url} : {}),
	};
}

export async function readPyproject(root: string, problems: Finding[]): Promise<Pyproject | null> {
	const file = 'pyproject.toml';
	const toml = await readToml(root, file, problems);
	if (!toml) {
		return null;
	}

	const {text, data} = toml;
	const project = isTable(data.project) ? data.project : null;
	const tool = isTable(data.tool) ? data.tool : {};
	const poetry = isTable(tool.poetry) ? tool.poetry : null;
	const result: Pyproject = {
		packages: [],
		requiresPython: null,
		usesPoetry: poetry !== null,
		usesUv: isTable(tool.uv),
		usesPdm: isTable(tool.pdm),
		hasProjectTable: project !== null,
	};

	if (project && Array.isArray(project.dependencies)) {
		for (const dependency of project.dependencies) {
			const line = lineOf(text, new RegExp(`["']${escapeRegExp(String(dependency))}["']`));
			const parsed = typeof dependency === 'string' ? parseRequirement(dependency) : null;
			if (!parsed) {
				problems.push(problem('DW906', file, line ?? null, `pyproject.toml lists a dependency that is not a valid requirement: ${maskSecrets(String(dependency)).slice(0, 80)}`, 'Fix it in [project] dependencies.'));
				continue;
			}

			result.packages.push({...parsed, file, ...(line ? {line} : {})});
		}
	}

	if (project && typeof project['requires-python'] === 'string') {
		const spec = project['requires-python'];
		result.requiresPython = {spec, file, line: lineOf(text, /^\s*requires-python\s*=/), detail: `requires-python ${spec}`};
	}

	const poetryDependencies = poetry && isTable(poetry.dependencies) ? poetry.dependencies : null;
	if (poetryDependencies) {
		for (const [name, value] of Object.entries(poetryDependencies)) {
			const line = lineOf(text, new RegExp(`^\\s*["']?${escapeRegExp(name)}["']?\\s*=`));
			if (name.toLowerCase() === 'python') {
				const spec = typeof value === 'string' ? value : isTable(value) && typeof value.version === 'string' ? value.version : '';
				if (spec && !result.requiresPython) {
					result.requiresPython = {spec, file, line, detail: `[tool.poetry.dependencies] python = "${spec}"`};
				}

				continue;
			}

			result.packages.push(poetryPackage(name, value, file, line));
		}
	}

	return result;
}

export type Pipfile = {packages: PythonPackage[]; python: VersionConstraint | null};

export async function readPipfile(root: string, problems: Finding[]): Promise<Pipfile | null> {
	const file = 'Pipfile';
	const toml = await readToml(root, file, problems);
	if (!toml) {
		return null;
	}

	const {text, data} = toml;
	const result: Pipfile = {packages: [], python: null};
	if (isTable(data.packages)) {
		for (const [name, value] of Object.entries(data.packages)) {
			const line = lineOf(text, new RegExp(`^\\s*["']?${escapeRegExp(name)}["']?\\s*=`));
			const pkg = poetryPackage(name, value, file, line);
			// Pipfile writes a bare version as "==1.0", as pip would.
			result.packages.push(pkg);
		}
	}

	const requires = isTable(data.requires) ? data.requires : {};
	const version = typeof requires.python_full_version === 'string' ? requires.python_full_version : typeof requires.python_version === 'string' ? requires.python_version : null;
	if (version) {
		result.python = {spec: version, file, line: lineOf(text, /^\s*python_(full_)?version\s*=/), detail: `python_version = "${version}"`};
	}

	return result;
}

export type PipfileLock = {python: VersionConstraint | null; releases: Map<string, string>};

/** Pipfile.lock's Python version and the releases of its default packages; a file that does not parse is a DW909 problem. */
export async function readPipfileLock(root: string, problems: Finding[]): Promise<PipfileLock | null> {
	const file = 'Pipfile.lock';
	const text = await readProjectText(root, file, problems, 16 * 1024 * 1024);
	if (text === null) {
		return null;
	}

	try {
		const data = JSON.parse(text) as {_meta?: {requires?: {python_version?: unknown}}; default?: unknown};
		const version = data._meta?.requires?.python_version;
		const releases = new Map<string, string>();
		for (const [name, entry] of Object.entries(isTable(data.default) ? data.default : {})) {
			const pinned = isTable(entry) && typeof entry.version === 'string' ? /^==\s*(\S+)$/.exec(entry.version)?.[1] : undefined;
			if (pinned) {
				releases.set(normalizeName(name), pinned);
			}
		}

		return {python: typeof version === 'string' ? {spec: version, file, detail: `_meta.requires.python_version ${version}`} : null, releases};
	} catch (error) {
		problems.push(problem('DW909', file, null, `Pipfile.lock is not valid JSON (${(error as Error).message.slice(0, 80)}).`, 'Regenerate it with `pipenv lock`.', 'error'));
		return null;
	}
}
