// How the proposed image starts the app so that it works the first time on real projects:
// pkg_resources present when old packages import it, the app's folders owned by the user it
// runs as, PORT honoured, gunicorn's own config file used or bypassed on purpose, the import
// path set without moving the working directory, and the start script's steps kept.
import path from 'node:path/posix';
import type {GunicornConfigFacts, ProjectReport, ProposalChoices, PythonPackage, StartScriptFacts} from '../types.js';

/** setuptools 82 removed pkg_resources: older setuptools still has it. */
export const setuptoolsSpec = 'setuptools<82';

export type ConfigPlan = {facts: GunicornConfigFacts; mode: 'use' | 'bypass'};

export type StartScriptPlan = {
	facts: StartScriptFacts;
	/** entrypoint: the script runs, then the CMD (`exec "$@"`); inline: its steps run before the CMD;
	 * whole: the script runs with its own server; dropped: it cannot run here (named in a warning). */
	mode: 'entrypoint' | 'inline' | 'whole' | 'dropped';
	/** ENTRYPOINT words, when the script (or its steps) run. */
	entrypoint: string[] | null;
};

export type StartupPlan = {
	/** Why setuptools is installed into the venv (empty: it is not). */
	setuptoolsReasons: string[];
	/** Absolute paths made and owned by the app user: /app first, then the folders the app writes to. */
	ownedFolders: string[];
	/** Files in system folders the app writes to, made empty and owned by the app user. */
	ownedFiles: string[];
	/** gunicorn binds 0.0.0.0:$PORT itself when PORT is set and nothing else binds: no --bind then. */
	bindFromPort: boolean;
	config: ConfigPlan | null;
	/** `--pythonpath` for packages under src/ (comma-separated when several; the working directory stays /app). */
	pythonpath: string | null;
	/** `--chdir` when the project's own command starts the server in a subfolder. */
	chdir: string | null;
	startScript: StartScriptPlan | null;
	/** FLASK_APP for `flask` commands among the start-up steps (`flask db upgrade`). */
	flaskApp: string | null;
};

function major(version: string): number {
	return Number.parseInt(version, 10);
}

/** Whether a version spec allows only versions below `limit` (major): `==20.1.0`, `<21`, `~=20.0`, `^19.9`. */
export function onlyBelow(spec: string, limit: number): boolean {
	return spec.split(',').map(clause => clause.trim()).some(clause => {
		const exact = /^(?:===?\s*)?(\d+)(?:\.[\d*]+)*$/.exec(clause);
		if (exact) {
			return major(exact[1]) < limit;
		}

		const compatible = /^(?:~=|\^|~)\s*(\d+)/.exec(clause);
		if (compatible) {
			return major(compatible[1]) < limit;
		}

		const below = /^<\s*(\d+)(?:\.(\d+))?/.exec(clause);
		if (below) {
			return major(below[1]) < limit || (major(below[1]) === limit && Number(below[2] ?? 0) === 0);
		}

		const atMost = /^<=\s*(\d+)/.exec(clause);
		return atMost ? major(atMost[1]) < limit : false;
	});
}

// Packages whose versions below a major import pkg_resources at start (gunicorn < 21 loads its workers with it).
const pkgResourcesBelow: Record<string, number> = {gunicorn: 21};

function setuptoolsReasons(report: ProjectReport): string[] {
	const packages = report.dependencies.packages;
	if (packages.some(item => item.name === 'setuptools')) {
		return [];
	}

	const pinned = packages.filter((item: PythonPackage) => item.name in pkgResourcesBelow && onlyBelow(item.spec, pkgResourcesBelow[item.name]));
	const reasons = pinned.map(item => `${item.name}${item.spec} (${item.file}${item.line ? `:${item.line}` : ''}) imports pkg_resources at start`);
	for (const evidence of (report.startup?.pkgResources ?? []).slice(0, 3)) {
		reasons.push(`${evidence.file}:${evidence.line ?? '?'} imports pkg_resources`);
	}

	return reasons;
}

function configPlan(report: ProjectReport): ConfigPlan | null {
	const facts = report.startup?.gunicornConfig ?? null;
	if (!facts) {
		return null;
	}

	return {facts, mode: facts.breaks.length > 0 ? 'bypass' : 'use'};
}

function startScriptPlan(report: ProjectReport, choices: ProposalChoices): StartScriptPlan | null {
	const facts = report.startup?.startScript ?? null;
	if (!facts || (facts.steps.length === 0 && !facts.execsArguments)) {
		// A script that only starts the server is replaced by the proposed command: nothing is lost.
		return null;
	}

	if (choices.flavor === 'distroless') {
		return {facts, mode: 'dropped', entrypoint: null};
	}

	// The script's shell is named, so the file needs no exec bit and no #! line that matches the image.
	// Bash-only syntax under #!/bin/sh was written for Alpine's ash, which accepts most of it: on
	// Alpine it stays sh; on Debian (sh is dash) it needs bash, which the slim images have.
	const shell = choices.flavor === 'alpine' && facts.bashisms ? 'sh' : facts.shell;
	if (facts.execsArguments) {
		return {facts, mode: 'entrypoint', entrypoint: [shell, facts.file]};
	}

	if (!facts.controlFlow) {
		const steps = facts.steps.map(step => step.command).join(' && ');
		return {facts, mode: 'inline', entrypoint: [shell, '-c', `${steps} && exec "$@"`, facts.file]};
	}

	return /gunicorn/.test(facts.server ?? '') ? {facts, mode: 'whole', entrypoint: [shell, facts.file]} : {facts, mode: 'dropped', entrypoint: null};
}

function ownedPaths(report: ProjectReport): {folders: string[]; files: string[]} {
	const folders = ['/app'];
	const files: string[] = [];
	for (const entry of report.startup?.writablePaths ?? []) {
		const absolute = path.isAbsolute(entry.path) ? entry.path : path.join('/app', entry.path);
		if (entry.kind === 'file') {
			files.push(absolute);
		} else if (!folders.includes(absolute)) {
			folders.push(absolute);
		}
	}

	return {folders, files};
}

/**
 * gunicorn's --pythonpath (comma-separated): the target's own folder, then the folders whose
 * packages the project's modules import (src/ when the root's make_celery.py imports task_app
 * from src/task_app/). The working directory stays /app either way.
 */
function pythonpathFor(report: ProjectReport, workdir: string, importRoot: string): string | null {
	const folders: string[] = [];
	if (workdir === '' && importRoot !== '' && importRoot !== '.') {
		folders.push(importRoot);
	}

	for (const root of report.startup?.importRoots ?? []) {
		if (!folders.includes(root.folder) && root.folder !== workdir) {
			folders.push(root.folder);
		}
	}

	return folders.length > 0 ? folders.map(folder => path.join('/app', folder)).join(',') : null;
}

export function startupPlan(report: ProjectReport, choices: ProposalChoices): StartupPlan {
	const candidate = report.wsgiCandidates.find(item => item.target === choices.wsgiTarget);
	const clean = (folder: string | undefined) => folder?.replace(/^\.?\/+|\/+$/g, '') ?? '';
	const workdir = clean(candidate?.workdir);
	const importRoot = clean(candidate?.chdir);
	const config = configPlan(report);
	// A config that binds a fixed address wins over PORT; the command line's --bind wins over both.
	const bind = config?.mode === 'use' ? config.facts.bind : null;
	const {folders, files} = ownedPaths(report);
	return {
		setuptoolsReasons: setuptoolsReasons(report),
		ownedFolders: folders,
		ownedFiles: files,
		bindFromPort: bind === null || (bind.fromPort && bind.public),
		config,
		pythonpath: pythonpathFor(report, workdir, importRoot),
		chdir: workdir !== '' && workdir !== '.' ? path.join('/app', workdir) : null,
		startScript: startScriptPlan(report, choices),
		flaskApp: (report.startup?.startScript?.steps ?? []).some(step => /(^|\s|\/)flask\s/.test(step.command)) ? choices.wsgiTarget : null,
	};
}
