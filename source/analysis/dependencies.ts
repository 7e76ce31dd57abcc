import {access, readdir} from 'node:fs/promises';
import path from 'node:path';
import type {DependencyManager, Finding, PythonPackage} from '../types.js';
import {readLockFile, type LockFacts} from './lock-files.js';
import {readPipfile, readPipfileLock, readPyproject, type VersionConstraint} from './manifests.js';
import {folderInProject} from './project-reader.js';
import {readRequirementsFiles} from './requirements-files.js';

export type Dependencies = {
	manager: DependencyManager;
	/** The files the manager installs from (relative POSIX paths), e.g. requirements.txt and what it includes. */
	files: string[];
	packages: PythonPackage[];
	/** Python constraints the manifests state (requires-python, Pipfile python_version). */
	pythonConstraints: VersionConstraint[];
	/** Where each manager-deciding fact came from, for the scan's progress messages. */
	managerEvidence: string;
	/** Exact releases a lock file pins (poetry.lock, uv.lock, Pipfile.lock), by normalized name. */
	locked: Map<string, string>;
	/** poetry.lock or uv.lock with the wheels it lists, when there is one. */
	lock: LockFacts | null;
};

async function exists(root: string, relPath: string): Promise<boolean> {
	try {
		await access(path.join(root, relPath));
		return true;
	} catch {
		return false;
	}
}

// When there is no requirements.txt, the production file of a requirements/ folder is the one to install.
const requirementsFolderPreference = ['production.txt', 'prod.txt', 'base.txt', 'common.txt', 'main.txt', 'requirements.txt'];

async function mainRequirementsFile(root: string): Promise<string | null> {
	if (await exists(root, 'requirements.txt')) {
		return 'requirements.txt';
	}

	let names: string[] = [];
	try {
		// A requirements/ folder that is a link out of the project is not listed.
		names = (await folderInProject(root, 'requirements')) ? await readdir(path.join(root, 'requirements')) : [];
	} catch {
		names = [];
	}

	const inFolder = requirementsFolderPreference.find(name => names.includes(name));
	if (inFolder) {
		return `requirements/${inFolder}`;
	}

	let rootNames: string[] = [];
	try {
		rootNames = await readdir(root);
	} catch {
		rootNames = [];
	}

	const production = rootNames.filter(name => /^requirements[-_.]?(prod|production|base|main)\.txt$/i.test(name)).sort();
	return production[0] ?? null;
}

function dedupe(packages: PythonPackage[]): PythonPackage[] {
	const seen = new Set<string>();
	return packages.filter(pkg => {
		if (seen.has(pkg.name)) {
			return false;
		}

		seen.add(pkg.name);
		return true;
	});
}

export async function readDependencies(root: string, problems: Finding[]): Promise<Dependencies> {
	const [lock, requirementsFile, pyproject, pipfile, pipfileLock, hasPoetryLock, hasUvLock, hasPdmLock, hasSetupPy, hasSetupCfg, hasPipfileLockFile] = await Promise.all([
		readLockFile(root, problems),
		mainRequirementsFile(root),
		readPyproject(root, problems),
		readPipfile(root, problems),
		readPipfileLock(root, problems),
		exists(root, 'poetry.lock'),
		exists(root, 'uv.lock'),
		exists(root, 'pdm.lock'),
		exists(root, 'setup.py'),
		exists(root, 'setup.cfg'),
		exists(root, 'Pipfile.lock'),
	]);
	const hasPyproject = await exists(root, 'pyproject.toml');
	const hasPipfile = await exists(root, 'Pipfile');
	const requirements = requirementsFile ? await readRequirementsFiles(root, [requirementsFile], problems) : {files: [], packages: []};
	const pyprojectFiles = hasPyproject ? ['pyproject.toml'] : [];
	const setupFiles = [...(hasSetupPy ? ['setup.py'] : []), ...(hasSetupCfg ? ['setup.cfg'] : [])];

	let manager: DependencyManager = 'none';
	let files: string[] = [];
	let managerEvidence = 'no dependency file found';
	let primary: PythonPackage[] = [];
	if (hasPoetryLock || (pyproject?.usesPoetry && !requirementsFile)) {
		manager = 'poetry';
		files = [...pyprojectFiles, ...(hasPoetryLock ? ['poetry.lock'] : [])];
		managerEvidence = hasPoetryLock ? 'poetry.lock' : '[tool.poetry] in pyproject.toml';
		primary = pyproject?.packages ?? [];
	} else if (hasUvLock) {
		manager = 'uv';
		files = [...pyprojectFiles, 'uv.lock'];
		managerEvidence = 'uv.lock';
		primary = pyproject?.packages ?? [];
	} else if (hasPdmLock) {
		manager = 'pdm';
		files = [...pyprojectFiles, 'pdm.lock'];
		managerEvidence = 'pdm.lock';
		primary = pyproject?.packages ?? [];
	} else if (hasPipfile || hasPipfileLockFile) {
		manager = 'pipenv';
		files = [...(hasPipfile ? ['Pipfile'] : []), ...(hasPipfileLockFile ? ['Pipfile.lock'] : [])];
		managerEvidence = hasPipfile ? 'Pipfile' : 'Pipfile.lock';
		primary = pipfile?.packages ?? [];
	} else if (requirementsFile) {
		manager = 'pip';
		files = requirements.files;
		managerEvidence = requirementsFile;
		primary = requirements.packages;
	} else if (pyproject?.usesUv || pyproject?.usesPdm || pyproject?.hasProjectTable || hasPyproject) {
		manager = pyproject?.usesUv ? 'uv' : pyproject?.usesPdm ? 'pdm' : 'pyproject';
		files = [...pyprojectFiles, ...setupFiles];
		managerEvidence = 'pyproject.toml';
		primary = pyproject?.packages ?? [];
	} else if (setupFiles.length > 0) {
		// A setup.py/setup.cfg project installs with `pip install .`, as a pyproject one does.
		manager = 'pyproject';
		files = setupFiles;
		managerEvidence = setupFiles[0];
	}

	// Other manifests still tell about packages (a WSGI server, native needs); `files` holds the manager's own only.
	const pythonConstraints = [pipfile?.python, pipfileLock?.python, pyproject?.requiresPython].filter((c): c is VersionConstraint => Boolean(c));
	const locked = new Map([...(pipfileLock?.releases ?? []), ...(lock?.packages.map(item => [item.name, item.release] as const) ?? [])]);
	return {
		manager,
		files,
		packages: dedupe([...primary, ...requirements.packages, ...(pyproject?.packages ?? []), ...(pipfile?.packages ?? [])]),
		pythonConstraints,
		managerEvidence,
		locked,
		lock,
	};
}
