import type {NativeNeed, PythonPackage} from '../types.js';
import type {ProgramCall} from './program-calls.js';
import {programPackages, systemPackageTable, wheelsSince, type SystemPackageEntry} from './system-packages.js';
import {onlyBelow, pinnedRelease} from './version-spec.js';

/** Requirements whose marker limits them to another OS are not installed in a Linux image. */
function installsOnLinux(pkg: PythonPackage): boolean {
	const marker = pkg.marker ?? '';
	return !/(sys_platform|platform_system|os_name)\s*==\s*["'](win32|cygwin|darwin|Windows|Darwin|nt)["']/.test(marker);
}

const vcsClients: Record<string, string> = {git: 'git', hg: 'mercurial', svn: 'subversion', bzr: 'bzr'};

/** The releases a requirement can resolve to: the lock's exact release when there is one. */
function specOf(pkg: PythonPackage, locked: ReadonlyMap<string, string>): string {
	const release = locked.get(pkg.name);
	return release ? `==${release}` : pkg.spec;
}

/** Whether an entry applies to this requirement at all (its extras, the releases it covers). */
function applies(entry: SystemPackageEntry, pkg: PythonPackage, spec: string): boolean {
	if (!entry.names.includes(pkg.name) || (entry.when && !entry.when(pkg.extras))) {
		return false;
	}

	if (entry.before && !onlyBelow(spec, entry.before)) {
		return false;
	}

	const release = pinnedRelease(spec);
	return !(entry.since && release && onlyBelow(`==${release}`, entry.since));
}

/** What one entry asks of the image for this requirement, or null when the wheel needs nothing. */
function needFor(entry: SystemPackageEntry, pkg: PythonPackage, spec: string, python: string): NativeNeed | null {
	const firstWheel = wheelsSince(entry, python);
	const compiles = entry.build.length > 0 && (firstWheel === undefined || onlyBelow(spec, firstWheel));
	if (compiles) {
		return {package: pkg.name, reason: entry.reason, buildPackages: entry.build, runtimePackages: entry.runtime, kind: 'package'};
	}

	if (entry.runtime.length > 0 && (entry.build.length === 0 || entry.runtimeFromWheel)) {
		return {package: pkg.name, reason: entry.reason, buildPackages: [], runtimePackages: entry.runtime, kind: 'package'};
	}

	return null;
}

/**
 * The Debian packages the requirements need, from the table in system-packages.ts: to compile
 * them where no wheel serves `python`, and what they load or run at run time. `locked`: the
 * exact releases a lock file pins, by name.
 */
export function nativeNeeds(packages: PythonPackage[], python = '3.11', locked: ReadonlyMap<string, string> = new Map()): NativeNeed[] {
	const needs: NativeNeed[] = [];
	const seen = new Set<string>();
	for (const pkg of packages) {
		if (!installsOnLinux(pkg) || seen.has(pkg.name)) {
			continue;
		}

		const vcs = /^(git|hg|svn|bzr)\+/.exec(pkg.url ?? '')?.[1];
		if (vcs) {
			seen.add(pkg.name);
			needs.push({package: pkg.name, reason: 'a requirement installed from version control needs its client in the build', buildPackages: [vcsClients[vcs]], runtimePackages: [], kind: 'package'});
			continue;
		}

		const spec = specOf(pkg, locked);
		const entry = systemPackageTable.find(candidate => applies(candidate, pkg, spec));
		const need = entry ? needFor(entry, pkg, spec, python) : null;
		if (need) {
			seen.add(pkg.name);
			needs.push(need);
		}
	}

	return needs;
}

/** The Debian packages that install the programs the code runs, one need per program. */
export function programNeeds(modules: {file: string; programs: ProgramCall[]}[]): NativeNeed[] {
	const needs = new Map<string, NativeNeed>();
	for (const {file, programs} of modules) {
		for (const {program, line, via} of programs) {
			if (!needs.has(program)) {
				needs.set(program, {package: program, reason: `${file}:${line} runs ${program} (${via})`, buildPackages: [], runtimePackages: [programPackages[program]], kind: 'program'});
			}
		}
	}

	return [...needs.values()];
}
