// The dependency-change rebuild: which package is added, to which dependency file, and how
// its text changes. Pure: the engine applies the edit in the context stream, never on disk.
import path from 'node:path/posix';
import type {ProjectReport} from '../types.js';

/**
 * Tried in order; the first the project does not list is added. Each is a single pure-Python
 * wheel with no dependencies of its own (no compiler, one download), on PyPI and on the
 * offline test index alike, and none is something Flask or gunicorn pull in.
 */
export const addedPackageCandidates = ['six', 'text-unidecode', 'pytz', 'idna'];

export type DependencyFileKind = 'requirements' | 'pep621' | 'poetry' | 'pipfile';

export type DependencyChange =
	| {ok: true; file: string; kind: DependencyFileKind; packageName: string}
	| {ok: false; reason: string};

function has(report: ProjectReport, name: string): string | undefined {
	return report.dependencies.files.find(file => path.basename(file) === name);
}

function notMeasured(reason: string): DependencyChange {
	return {ok: false, reason};
}

/** The package to add and the file it goes to, or why no dependency change can be measured. */
export function dependencyChangeFor(report: ProjectReport): DependencyChange {
	const listed = new Set(report.dependencies.packages.map(item => item.name));
	const packageName = addedPackageCandidates.find(name => !listed.has(name));
	if (!packageName) return notMeasured(`the project already depends on every package dockwiz adds for this measurement (${addedPackageCandidates.join(', ')}).`);
	const {manager} = report.dependencies;
	const lock = (file: string, tool: string) => notMeasured(`${file} pins every package and ${tool} installs from it: a new dependency needs the lock file regenerated, which dockwiz does not do in a measurement.`);

	if (manager === 'pip') {
		const files = report.dependencies.files.filter(file => /\.(txt|in)$/.test(file) && !/(dev|test|lint|doc)/i.test(path.basename(file)));
		const file = files.find(candidate => path.basename(candidate) === 'requirements.txt') ?? files[0];
		return file ? {ok: true, file, kind: 'requirements', packageName} : notMeasured('no requirements file to add a dependency to.');
	}

	if (manager === 'poetry') {
		if (has(report, 'poetry.lock')) return lock('poetry.lock', 'Poetry');
		const file = has(report, 'pyproject.toml');
		return file ? {ok: true, file, kind: 'poetry', packageName} : notMeasured('no pyproject.toml found.');
	}

	if (manager === 'pipenv') {
		if (has(report, 'Pipfile.lock')) return lock('Pipfile.lock', 'pipenv');
		const file = has(report, 'Pipfile');
		return file ? {ok: true, file, kind: 'pipfile', packageName} : notMeasured('no Pipfile found.');
	}

	if (manager === 'uv' && has(report, 'uv.lock')) return lock('uv.lock', 'uv');
	if (manager === 'pdm' && has(report, 'pdm.lock')) return lock('pdm.lock', 'PDM');
	if (manager === 'pyproject' || manager === 'uv' || manager === 'pdm') {
		const file = has(report, 'pyproject.toml');
		return file ? {ok: true, file, kind: 'pep621', packageName} : notMeasured('no pyproject.toml found.');
	}

	return notMeasured('the project has no dependency file (requirements.txt, pyproject.toml, Pipfile) to add a package to.');
}

/** Inserts `line` right after the header of TOML table `table`; null when the table is missing. */
function afterTableHeader(text: string, table: string, line: string): string | null {
	const header = new RegExp(String.raw`^\[${table.replaceAll('.', String.raw`\.`)}\][ \t]*(?:#[^\n]*)?$`, 'm').exec(text);
	if (!header) return null;
	const end = header.index + header[0].length;
	return `${text.slice(0, end)}\n${line}${text.slice(end)}`;
}

/** The `[project]` table's text span: from its header to the next table header. */
function projectTable(text: string): {start: number; end: number} | null {
	const header = /^\[project\][ \t]*(?:#[^\n]*)?$/m.exec(text);
	if (!header) return null;
	const start = header.index + header[0].length;
	const next = /^\[/m.exec(text.slice(start));
	return {start, end: next ? start + next.index : text.length};
}

/**
 * The dependency file with `packageName` added, as a user would add it; null when the text
 * has no place for it (dependencies declared dynamic, a table missing).
 */
export function addDependency(kind: DependencyFileKind, text: string, packageName: string): string | null {
	if (kind === 'requirements') return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${packageName}\n`;
	if (kind === 'poetry') return afterTableHeader(text, 'tool.poetry.dependencies', `${packageName} = "*"`);
	if (kind === 'pipfile') return afterTableHeader(text, 'packages', `${packageName} = "*"`);

	const table = projectTable(text);
	if (!table) return null;
	const body = text.slice(table.start, table.end);
	const array = /^dependencies[ \t]*=[ \t]*\[/m.exec(body);
	if (array) {
		// Right after the `[`: valid for one-line and multi-line arrays, empty or not (TOML allows a trailing comma).
		const at = table.start + array.index + array[0].length;
		return `${text.slice(0, at)}"${packageName}", ${text.slice(at)}`;
	}

	if (/^dynamic[ \t]*=[^\n]*["']dependencies["']/m.test(body)) return null;
	return `${text.slice(0, table.start)}\ndependencies = ["${packageName}"]${text.slice(table.start)}`;
}
