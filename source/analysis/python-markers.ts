// Python versions named by requirement markers: an exported lock (`poetry export`, `uv export`)
// puts `; python_version >= "3.12"` on every line. pip skips a requirement whose marker is
// false without a word, so on an older Python the image installs none of them. The markers are
// also evidence of the Python the project is made for.
import type {PythonPackage} from '../types.js';
import {minorSatisfies, supportedMinors} from './python-version.js';

type Clause = {op: string; version: string};

const clausePattern = /\bpython_(full_)?version\s*(===|==|!=|~=|<=|>=|<|>)\s*["']([\d.*]+)["']/g;

/** The python_version clauses of a marker; null when there are none or they are joined by `or` (not read). */
function clausesOf(marker: string | undefined): Clause[] | null {
	if (!marker || /\bor\b/.test(marker)) {
		return null;
	}

	const clauses: Clause[] = [];
	for (const match of marker.matchAll(clausePattern)) {
		const [, full, op, version] = match;
		const [major, minor] = version.split('.').map(Number);
		if (full || Number.isNaN(minor)) {
			clauses.push({op, version});
		} else if (op === '>') {
			// python_version is "3.12", never "3.12.1": `> "3.12"` starts at 3.13, `<= "3.12"` ends with 3.12.
			clauses.push({op: '>=', version: `${major}.${minor + 1}`});
		} else if (op === '<=') {
			clauses.push({op: '<', version: `${major}.${minor + 1}`});
		} else if (op === '!=') {
			clauses.push({op, version: `${major}.${minor}.*`});
		} else {
			clauses.push({op, version});
		}
	}

	return clauses.length > 0 ? clauses : null;
}

const spec = (clauses: Clause[]) => clauses.map(clause => `${clause.op}${clause.version}`).join(',');
// Clauses that shut out older Pythons: a backport's `python_version < "3.11"` only shuts out newer ones, on purpose.
const lowerBounds = (clauses: Clause[]) => clauses.filter(clause => !['<', '<=', '!='].includes(clause.op));

/** The marker's python_version range as a specifier (`>=3.12,<4.0`), or null when it has none we read. */
export function markerPythonSpec(marker: string | undefined): string | null {
	const clauses = clausesOf(marker);
	return clauses ? spec(clauses) : null;
}

/** The requirements that pip would skip on `minor` because their marker asks for a newer Python. */
export function excludedByMarkers(packages: PythonPackage[], minor: string): PythonPackage[] {
	return packages.filter(pkg => {
		const lower = lowerBounds(clausesOf(pkg.marker) ?? []);
		return lower.length > 0 && !minorSatisfies(minor, spec(lower));
	});
}

/** The oldest supported minor that every one of these requirements' markers allows, or null. */
export function oldestAllowed(packages: PythonPackage[]): string | null {
	return supportedMinors.find(minor => packages.every(pkg => {
		const clauses = clausesOf(pkg.marker);
		return !clauses || minorSatisfies(minor, spec(clauses));
	})) ?? null;
}

export type MarkerPython = {
	/** The oldest supported minor the markers allow. */
	version: string;
	/** Every supported minor they allow. */
	allowed: string[];
	source: string;
};

/**
 * The Python the markers point to, when more than half the requirements carry one that shuts
 * out some supported minors: the oldest minor they allow (the lock was made for its range, and
 * its pins are likelier to have wheels for the older end). Null when the markers say nothing.
 */
export function pythonFromMarkers(packages: PythonPackage[]): MarkerPython | null {
	const marked = packages.filter(pkg => clausesOf(pkg.marker) !== null);
	if (marked.length * 2 <= packages.length) {
		return null;
	}

	const allowed = supportedMinors.filter(minor => excludedByMarkers(packages, minor).length * 2 < packages.length);
	if (allowed.length === 0 || allowed.length === supportedMinors.length) {
		return null;
	}

	// Name the most common marker's lower bound, as the files write it.
	const counts = new Map<string, {count: number; pkg: PythonPackage}>();
	for (const pkg of marked) {
		const shown = lowerBounds(clausesOf(pkg.marker) ?? []).map(clause => `python_version ${clause.op} ${clause.version}`).join(' and ');
		if (shown !== '') {
			counts.set(shown, {count: (counts.get(shown)?.count ?? 0) + 1, pkg: counts.get(shown)?.pkg ?? pkg});
		}
	}

	const [shown, {pkg}] = [...counts.entries()].sort((a, b) => b[1].count - a[1].count)[0] ?? ['', {pkg: marked[0]}];
	return {version: allowed[0], allowed, source: `${pkg.file} markers (${shown || pkg.marker})`};
}
