// Which Python a project's pins can install on without compiling: a range like `^3.12` or
// `>=3.12` must not pick a Python its locked packages have no wheels for yet. Evidence comes
// from the lock's own wheel file names (poetry.lock, uv.lock), Poetry's per-package
// python-versions, and for exact pins without file names (requirements.txt, Pipfile.lock) the
// first-wheel table of system-packages.ts.
import type {PythonPackage} from '../types.js';
import {servesMinor, type LockFacts} from './lock-files.js';
import {minorSatisfies, supportedMinors} from './python-version.js';
import {systemPackageTable, wheelsSince} from './system-packages.js';
import {onlyBelow, pinnedRelease} from './version-spec.js';

export type PinEvidence = {
	lock: LockFacts | null;
	/** Exact releases by name (lock files, `==` pins). */
	locked: ReadonlyMap<string, string>;
	packages: PythonPackage[];
};

/** A pin that keeps a minor from installing from wheels: `requires` when the package says so itself. */
export type Blocker = {pin: string; requires?: string};

/** The pins that keep `minor` from installing from wheels. */
export function wheelBlockers(minor: string, evidence: PinEvidence): Blocker[] {
	const blockers: Blocker[] = [];
	const fromLock = new Set<string>();
	for (const item of evidence.lock?.packages ?? []) {
		if (item.wheels) {
			fromLock.add(item.name);
		}

		if (!servesMinor(item.wheels, minor)) {
			blockers.push({pin: `${item.name} ${item.release}`});
		} else if (item.python && !minorSatisfies(minor, item.python)) {
			blockers.push({pin: `${item.name} ${item.release}`, requires: item.python});
		}
	}

	const releases = new Map(evidence.locked);
	for (const pkg of evidence.packages) {
		const release = pinnedRelease(pkg.spec);
		if (release && !releases.has(pkg.name)) {
			releases.set(pkg.name, release);
		}
	}

	for (const [name, release] of releases) {
		const entry = fromLock.has(name) ? undefined : systemPackageTable.find(candidate => candidate.names.includes(name) && candidate.wheelsSince);
		const first = entry ? wheelsSince(entry, minor) : undefined;
		if (first && onlyBelow(`==${release}`, first)) {
			blockers.push({pin: `${name} ${release}`});
		}
	}

	return blockers;
}

export type RangeChoice = {minor: string; note: string};

/**
 * The newest supported minor in `spec` that the pins can install on. Blockers shared by every
 * candidate say nothing about the choice (a package locked for another platform or an old
 * Python only) and are ignored. Null when no supported minor satisfies the range.
 */
export function newestInstallable(spec: string, evidence: PinEvidence): RangeChoice | null {
	const candidates = [...supportedMinors].reverse().filter(minor => minorSatisfies(minor, spec));
	if (candidates.length === 0) {
		return null;
	}

	const blockers = new Map(candidates.map(minor => [minor, wheelBlockers(minor, evidence)]));
	const shared = new Set(candidates.map(minor => new Set((blockers.get(minor) ?? []).map(blocker => blocker.pin))).reduce((all, pins) => new Set([...all].filter(pin => pins.has(pin)))));
	const relevant = (minor: string) => (blockers.get(minor) ?? []).filter(blocker => !shared.has(blocker.pin));
	const chosen = candidates.find(minor => relevant(minor).length === 0) ?? candidates[0];
	const skipped = candidates.slice(0, candidates.indexOf(chosen));
	if (skipped.length === 0) {
		return {minor: chosen, note: ''};
	}

	const byPin = new Map<string, Blocker>();
	for (const blocker of skipped.flatMap(minor => relevant(minor))) {
		byPin.set(blocker.pin, byPin.get(blocker.pin)?.requires ? (byPin.get(blocker.pin) as Blocker) : blocker);
	}

	const pins = [...byPin.values()].slice(0, 3);
	const noWheels = pins.filter(blocker => !blocker.requires).map(blocker => blocker.pin);
	const reasons = [
		...(noWheels.length > 0 ? [`${noWheels.join(', ')} ${noWheels.length === 1 ? 'has' : 'have'} no wheels for ${skipped.length === 1 ? 'it' : 'them'}`] : []),
		...pins.filter(blocker => blocker.requires).map(blocker => `${blocker.pin} requires Python ${blocker.requires}`),
	];
	return {minor: chosen, note: `${chosen}, not ${skipped.join(' or ')}: ${reasons.join('; ')}`};
}
