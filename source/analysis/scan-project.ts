import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {UserError, type Finding, type ProjectFile, type ProjectReport, type PythonPackage} from '../types.js';
import {auditContext} from './context-audit.js';
import {readDependencies, type Dependencies} from './dependencies.js';
import {readDockerfile, type DockerfileFacts} from './dockerfile-facts.js';
import {decideFramework} from './framework.js';
import {readDefaultGunicornConfig} from './gunicorn-config.js';
import {readHints, type PortHint} from './hints.js';
import {unreadablePatterns} from './ignore-rules.js';
import {localPackageNeeds} from './local-package-needs.js';
import {dockerfileNeeds} from './dockerfile-packages.js';
import {maskSecrets, maskStrings} from './mask-secrets.js';
import {nativeNeeds, programNeeds} from './native-needs.js';
import {problem} from './problems.js';
import {findPythonFiles, maxSourceBytes, readProblem, readProjectText} from './project-files.js';
import {readProjectFile} from './project-reader.js';
import {analyseModule, type ModuleFacts} from './python-module.js';
import {decodePythonSource} from './python-source.js';
import {defaultPort} from './defaults.js';
import {defaultPython, minorFromImage, minorOf, minorSatisfies, newestSatisfying} from './python-version.js';
import {readReleaseSteps, readStartScript} from './start-script.js';
import {mergeWritablePaths} from './startup-code.js';
import {rankWsgiCandidates} from './wsgi-target.js';
import {scriptReloads} from './asgi-reload.js';
import {asgiRunPorts, asgiServerFacts, rankAsgiCandidates} from './asgi-target.js';
import {requiredEnvironment} from './required-env.js';
import {initCommands} from './init-commands.js';
import {declaredPackageFolders, neededImportRoots} from './import-roots.js';
import {newestInstallable} from './python-wheels.js';
import {pythonFromMarkers} from './python-markers.js';
import {unreferencedLargeFiles} from './large-files.js';
import {namedFileKinds} from './named-files.js';
import {formatBytes} from '../report/format.js';
import {djangoInitCommands, scanDjango} from './django-scan.js';

async function checkRoot(root: string): Promise<void> {
	let stats;
	try {
		stats = await stat(root);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UserError(
			code === 'ENOENT'
				? `The folder ${root} does not exist. Run dockwiz in your project's folder, or pass its path: dockwiz path/to/project`
				: `The folder ${root} cannot be read (${code ?? 'error'}). Check its permissions, or pass another folder.`,
		);
	}

	if (!stats.isDirectory()) {
		throw new UserError(`${root} is a file, not a folder. Pass the folder that holds your project: dockwiz ${path.dirname(root)}`);
	}

	try {
		await readdir(root);
	} catch (error) {
		throw new UserError(`The folder ${root} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions, or run dockwiz as a user who can read it.`);
	}
}

async function readModules(root: string, problems: Finding[]): Promise<ModuleFacts[]> {
	const files = await findPythonFiles(root, problems);
	const names = new Set(files.map(f => f.path));
	const modules: (ModuleFacts | null)[] = await Promise.all(
		files.map(async ({path: file}) => {
			const read = await readProjectFile(root, file, maxSourceBytes);
			const refused = readProblem(file, read, {what: 'too large to be application code; it was not analysed', fix: 'If it is data, move it out of the source tree or add it to .dockerignore.', severity: 'info'});
			if (refused) {
				problems.push(refused);
				return null;
			}

			if (read.kind !== 'ok') {
				return null;
			}

			const decoded = decodePythonSource(read.bytes);
			if ('error' in decoded) {
				problems.push(problem('DW902', file, null, `${file} ${decoded.error}; it was not analysed.`, 'Save it as UTF-8 text, or remove it if it is not source.'));
				return null;
			}

			const facts = analyseModule(file, decoded.text, names);
			const issue = facts.issues[0];
			if (issue) {
				problems.push(problem('DW903', file, issue.line, `${file} line ${issue.line}: ${issue.message}; Python will likely refuse this file.`, 'Fix the syntax error; the container would fail when importing this module.'));
			}

			return facts;
		}),
	);
	return modules.filter((m): m is ModuleFacts => m !== null);
}

function choosePython(dependencies: Dependencies, pins: {version: string | null; source: string}[], dockerfile: DockerfileFacts | null): ProjectReport['python'] {
	for (const pin of pins) {
		if (pin.version) {
			return {version: pin.version, source: pin.source};
		}
	}

	const constraint = dependencies.pythonConstraints[0];
	const markers = pythonFromMarkers(dependencies.packages);
	const pythonFrom = dockerfile?.from.map(f => ({minor: minorFromImage(f.image), image: f.image})).find(f => f.minor !== null);
	if (pythonFrom?.minor && (!constraint || minorSatisfies(pythonFrom.minor, constraint.spec)) && (!markers || markers.allowed.includes(pythonFrom.minor))) {
		return {version: pythonFrom.minor, source: `Dockerfile (FROM ${pythonFrom.image})`};
	}

	if (constraint) {
		// A pin-like constraint (Pipfile python_version "3.11") names the minor itself.
		const pinned = /^\d+\.\d+(\.\d+)?$/.test(constraint.spec.trim()) ? minorOf(constraint.spec) : null;
		const installable = pinned ? null : newestInstallable(constraint.spec, {lock: dependencies.lock, locked: dependencies.locked, packages: dependencies.packages});
		const chosen = pinned ?? installable?.minor ?? newestSatisfying(constraint.spec);
		if (chosen) {
			// The newest Python a range allows is not always one its pins have wheels for: say why an older one was taken.
			return {version: chosen, source: `${constraint.file} (${constraint.detail}${installable?.note ? `; ${installable.note}` : ''})`};
		}
	}

	if (markers) {
		// Every line of an exported lock saying `python_version >= "3.12"`: on 3.11 pip would install none of them.
		return {version: markers.version, source: markers.source};
	}

	return {...defaultPython};
}

async function pythonPins(root: string, problems: Finding[]): Promise<{version: string | null; source: string}[]> {
	const firstLine = (text: string | null) => text?.split(/\r?\n/).map(l => l.trim()).find(l => l !== '' && !l.startsWith('#')) ?? null;
	const pythonVersionFile = firstLine(await readProjectText(root, '.python-version', problems));
	const runtime = firstLine(await readProjectText(root, 'runtime.txt', problems));
	const toolVersions = (await readProjectText(root, '.tool-versions', problems))
		?.split(/\r?\n/)
		.map(line => /^\s*python\s+(\S+)/.exec(line)?.[1])
		.find(Boolean);
	return [
		{version: pythonVersionFile ? minorOf(pythonVersionFile) : null, source: '.python-version'},
		{version: runtime ? minorOf(runtime) : null, source: 'runtime.txt'},
		{version: toolVersions ? minorOf(toolVersions) : null, source: '.tool-versions'},
	];
}

/** The shell scripts an ENTRYPOINT names, read from the project, and whether each ends by running its arguments. */
async function readStartScripts(root: string, dockerfile: DockerfileFacts | null, problems: Finding[]): Promise<ProjectReport['startScripts']> {
	const words = dockerfile?.entrypoint?.command.split(/\s+/) ?? [];
	const scripts: NonNullable<ProjectReport['startScripts']> = [];
	for (const word of words.filter(candidate => /\.sh$/.test(candidate))) {
		// The image path (/app/docker-entrypoint.sh, /usr/local/bin/start.sh) is usually the project path or its name.
		const relative = word.replace(/^\.?\//, '');
		for (const candidate of [...new Set([relative, relative.replace(/^(app|code|srv|usr\/local\/bin|usr\/bin)\//, ''), path.posix.basename(relative)])]) {
			const text = await readProjectText(root, candidate, problems);
			if (text !== null) {
				// The last command that runs: `exec "$@"` (or `exec "${@}"`, `exec $@`) hands over to the CMD.
				const commands = text.split(/\r?\n/).map(line => line.trim()).filter(line => line !== '' && !line.startsWith('#'));
				scripts.push({path: candidate, execsArguments: /^exec\s+("\$\{?@\}?"|\$@)\s*$/.test(commands.at(-1) ?? '')});
				break;
			}
		}
	}

	return scripts;
}

/** What a lock pins besides the declared requirements (a lock installs its transitive pins too: cffi, greenlet...). */
function lockedOnly(dependencies: Dependencies): PythonPackage[] {
	const declared = new Set(dependencies.packages.map(pkg => pkg.name));
	const file = dependencies.lock?.file ?? 'Pipfile.lock';
	return [...dependencies.locked].filter(([name]) => !declared.has(name)).map(([name, release]): PythonPackage => ({name, spec: `==${release}`, extras: [], file}));
}

function chooseServer(packages: PythonPackage[]): ProjectReport['server'] {
	const names = new Set(packages.map(p => p.name));
	if (names.has('gunicorn')) {
		return 'gunicorn';
	}

	if (names.has('waitress')) {
		return 'waitress';
	}

	return names.has('uwsgi') || names.has('pyuwsgi') ? 'uwsgi' : null;
}

function choosePort(hints: PortHint[], modules: ModuleFacts[]): {port: number; portSource: string} {
	const fromCode: PortHint[] = modules.flatMap(m =>
		m.runCalls.filter(r => r.port !== null).map(r => ({port: r.port as number, weight: 2, evidence: {file: m.file, line: r.line, detail: `app.run(port=${r.port})`}})),
	);
	const best = [...hints, ...fromCode].sort((a, b) => b.weight - a.weight)[0];
	if (!best) {
		return {port: defaultPort, portSource: 'default'};
	}

	const where = best.evidence.line ? `${best.evidence.file}:${best.evidence.line}` : best.evidence.file;
	return {port: best.port, portSource: `${where} (${best.evidence.detail})`};
}

/** Test modules and `if __name__` scripts aside, the app's own files, the target's module first. */
function orderSourceFiles(modules: ModuleFacts[], targetModule: string | null): string[] {
	const files = modules.map(m => m.file).sort();
	const first = modules.find(m => m.module === targetModule)?.file;
	return first ? [first, ...files.filter(f => f !== first)] : files;
}

/** One finding per rule, file and line (a pipe is both unreadable and unsendable: say it once), in a stable order. */
function uniqueProblems(problems: Finding[]): Finding[] {
	const seen = new Set<string>();
	// Files are read in parallel: sort so that the report does not depend on which read finished first.
	const sorted = [...problems].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
	return sorted.filter(p => {
		const key = `${p.rule} ${p.file ?? ''} ${p.line ?? ''}`;
		if (seen.has(key)) {
			return false;
		}

		seen.add(key);
		return true;
	});
}

/**
 * Reads a project folder into a ProjectReport: never writes, never runs its code, needs no
 * Docker. A folder that is missing or unreadable is a UserError; every bad file inside is
 * a DW9xx finding in `problems`.
 */
export async function scanProject(dir: string, onProgress: (message: string) => void = () => undefined): Promise<ProjectReport> {
	// Progress lines quote what the project says (a start command, a version source): masked on the way out.
	const progress = (message: string) => onProgress(maskSecrets(message));
	const root = path.resolve(dir);
	await checkRoot(root);
	const problems: Finding[] = [];

	const dockerfileText = await readProjectText(root, 'Dockerfile', problems);
	const dockerignoreText = await readProjectText(root, '.dockerignore', problems);
	const dockerfile: ProjectFile | null = dockerfileText === null ? null : {path: 'Dockerfile', text: dockerfileText};
	const dockerignore: ProjectFile | null = dockerignoreText === null ? null : {path: '.dockerignore', text: dockerignoreText};
	for (const {line, pattern} of unreadablePatterns(dockerignoreText)) {
		problems.push(problem('DW910', '.dockerignore', line, `.dockerignore line ${line} (${pattern}) is not a pattern Docker can read: docker build stops with "syntax error in pattern".`, 'Close the [ ] class or escape the character (\\[), or delete the line; the proposed .dockerignore leaves it out.', 'error'));
	}

	const dockerfileFacts = dockerfileText === null ? null : readDockerfile(dockerfileText);
	if (dockerfile) {
		progress('Existing Dockerfile found');
	}

	const modules = await readModules(root, problems);
	progress(`${modules.length} Python ${modules.length === 1 ? 'module' : 'modules'} read`);
	const hints = await readHints(root, dockerfileFacts, problems);
	const wsgiCandidates = rankWsgiCandidates(modules, hints.targets);
	const dependencies = await readDependencies(root, problems);
	if (dependencies.manager !== 'none') {
		progress(`Dependencies: ${dependencies.manager} (${dependencies.managerEvidence}), ${dependencies.packages.length} ${dependencies.packages.length === 1 ? 'package' : 'packages'}`);
	}

	const decided = decideFramework(modules, dependencies.packages, wsgiCandidates);
	const django = decided.framework === 'django' || decided.framework === 'unknown' ? await scanDjango(root, modules, dockerfileFacts, dependencies.packages, problems) : null;
	const {framework, evidence: frameworkEvidence} = django ? {framework: 'django' as const, evidence: [...django.facts.evidence, ...decided.evidence.filter(item => item.detail.endsWith('is a dependency'))].slice(0, 10)} : decided;
	if (django) wsgiCandidates.splice(0, wsgiCandidates.length, ...django.candidates);
	const best = framework === 'flask' || django ? (wsgiCandidates[0] ?? null) : null;
	// FastAPI and Starlette serve ASGI: their targets come from the ASGI apps and the commands that run them.
	const asgiCandidates = framework === 'fastapi' ? rankAsgiCandidates(modules, hints.asgiTargets) : [];
	const asgiBest = asgiCandidates[0] ?? null;
	const reloads = framework === 'fastapi' ? scriptReloads(modules) : [];
	const asgi = framework === 'fastapi' ? {...asgiServerFacts(dependencies.packages, hints.asgiCommands), ...(reloads.length > 0 ? {scriptReloads: reloads} : {})} : undefined;
	if (django) {
		progress(`Django project found: ${django.facts.evidence.slice(0, 3).map(item => `${item.file}${item.line ? `:${item.line}` : ''} (${item.detail})`).join(', ')}`);
		progress(`Django serves ${django.asgiTarget ? `ASGI ${django.asgiTarget}` : `WSGI ${django.wsgiTarget ?? '(no WSGI application found)'}`}; settings ${django.facts.settingsModule ?? 'not found'}; STATIC_ROOT ${django.facts.staticRoot ?? 'not set'}${django.facts.whitenoise ? ', whitenoise' : ''}`);
	} else if (best) {
		progress(`Flask app found: ${best.target}${best.chdir ? ` (from ${best.chdir}/)` : ''}`);
	} else if (framework === 'fastapi') {
		const why = asgiBest?.evidence[0] ?? frameworkEvidence[0];
		progress(`FastAPI/Starlette (ASGI) app found: ${asgiBest ? asgiBest.target : 'no app object found'}${why ? ` (${why.file}${why.line ? `:${why.line}` : ''}: ${why.detail})` : ''}`);
	} else if (framework !== 'flask' && framework !== 'unknown') {
		progress(`${framework === 'django' ? 'Django' : 'FastAPI'} project found: dockwiz supports Flask today`);
	} else {
		progress('No Flask app found');
	}

	const python = choosePython(dependencies, await pythonPins(root, problems), dockerfileFacts);
	progress(python.source === 'default' ? `Python ${python.version} (default: nothing in the project names a version)` : `Python ${python.version} from ${python.source}`);
	const server = asgi ? asgi.server : chooseServer(dependencies.packages);
	if (asgi) {
		const where = asgi.evidence[0];
		progress(server ? `ASGI server: ${server}${where ? ` (${where.file}${where.line ? `:${where.line}` : ''}: ${where.detail})` : ''}` : 'No ASGI server among the dependencies');
	} else {
		progress(server ? `WSGI server: ${server}` : 'No WSGI server among the dependencies');
	}

	const {port, portSource} = choosePort(asgi ? [...hints.ports, ...asgiRunPorts(modules)] : hints.ports, modules);
	progress(portSource === 'default' ? `Port ${port} (default)` : `Port ${port} from ${portSource}`);
	const needs = [
		...nativeNeeds(dependencies.packages, python.version, dependencies.locked),
		// Only what compiles: a lock also pins development tools, whose run-time programs the image does not need.
		...nativeNeeds(lockedOnly(dependencies), python.version).filter(need => need.buildPackages.length > 0),
		...(await localPackageNeeds(root, dependencies.packages)),
		...programNeeds(modules),
		...dockerfileNeeds(dockerfileFacts?.installs ?? []),
	];
	const compiled = needs.filter(need => need.buildPackages.length > 0 && need.kind !== 'dockerfile');
	if (compiled.length > 0) {
		progress(`Needs system packages to install: ${compiled.map(n => n.package).join(', ')}`);
	}

	const loaded = needs.filter(need => need.runtimePackages.length > 0);
	if (loaded.length > 0) {
		progress(`Needs at run time: ${[...new Set(loaded.flatMap(need => need.runtimePackages))].join(', ')}`);
	}

	const startup = {
		pkgResources: modules.flatMap(m => m.startup.pkgResources),
		writablePaths: mergeWritablePaths(modules.flatMap(m => m.startup.writablePaths)),
		gunicornConfig: await readDefaultGunicornConfig(root, problems),
		startScript: dockerfileFacts ? await readStartScript(root, dockerfileFacts, problems) : null,
		releaseSteps: await readReleaseSteps(root, problems),
		requiredEnv: maskStrings(django ? django.requiredEnv : requiredEnvironment(modules, best?.target ?? asgiBest?.target ?? null)),
		initCommands: django ? djangoInitCommands(django.facts, django.firstMigration) : initCommands(modules, (await readProjectText(root, 'migrations/env.py', problems)) !== null),
		importRoots: neededImportRoots(modules, [], declaredPackageFolders({
			pyproject: await readProjectText(root, 'pyproject.toml', problems),
			setupCfg: await readProjectText(root, 'setup.cfg', problems),
			setupPy: await readProjectText(root, 'setup.py', problems),
		})),
	};
	for (const importRoot of startup.importRoots) {
		progress(`Imports ${importRoot.packages.join(', ')} from ${importRoot.folder}/ (${importRoot.evidence.file}:${importRoot.evidence.line ?? '?'})`);
	}

	if (startup.requiredEnv.length > 0) {
		progress(`Required at start (no default): ${startup.requiredEnv.map(item => item.name).join(', ')}`);
	}

	const audit = await auditContext(root, dockerignoreText);
	for (const walkProblem of audit.problems) {
		problems.push(problem('DW901', walkProblem.path || '.', null, `${walkProblem.path || 'The project folder'}: ${walkProblem.message}.`, 'Fix its permissions, or add it to .dockerignore; docker build fails on files it cannot read.'));
	}

	for (const link of audit.outsideLinks) {
		problems.push(problem('DW908', link, null, `${link} is a link that points outside the project; it is left out of the build context.`, 'Copy what it points to into the project, or add the link to .dockerignore.', 'info'));
	}

	progress(`Build context: ${audit.files} files, ${formatBytes(audit.bytes)}${audit.secrets.length > 0 ? `, ${audit.secrets.length} likely secrets` : ''}`);
	const unreferenced = await unreferencedLargeFiles(root, audit.largeFiles, audit.filePaths);
	if (unreferenced.length > 0) {
		progress(`Large files no source file names: ${unreferenced.map(entry => entry.path).join(', ')}`);
	}

	const namedFiles = await namedFileKinds(root, dependencies.files, dependencies.packages);
	return {
		root,
		framework,
		// Evidence quotes the project's lines (a Procfile command, an ENV): masked, as every output is.
		frameworkEvidence: maskStrings(frameworkEvidence),
		wsgiTarget: django ? django.wsgiTarget : best ? maskSecrets(best.target) : null,
		asgiTarget: django ? (django.asgiTarget ?? null) : asgiBest ? maskSecrets(asgiBest.target) : null,
		...(django ? {django: maskStrings(django.facts)} : {}),
		wsgiCandidates: maskStrings(asgi ? asgiCandidates : wsgiCandidates),
		...(asgi ? {asgi: maskStrings(asgi)} : {}),
		python: maskStrings(python),
		namedFiles,
		dependencies: {manager: dependencies.manager, files: dependencies.files, packages: dependencies.packages, ...(dependencies.locked.size > 0 ? {locked: Object.fromEntries(dependencies.locked)} : {})},
		server,
		port,
		portSource: maskSecrets(portSource),
		nativeNeeds: maskStrings(needs),
		dockerfile,
		dockerignore,
		context: {
			bytes: audit.bytes,
			files: audit.files,
			ignoredBytes: audit.ignoredBytes,
			ignoredFiles: audit.ignoredFiles,
			largest: audit.largest,
			secrets: audit.secrets,
		},
		sourceFiles: orderSourceFiles(modules, (best ?? asgiBest)?.target.split(':')[0] ?? null),
		devServerFiles: modules.filter(module => module.runCalls.length > 0).map(module => module.file).sort(),
		startScripts: await readStartScripts(root, dockerfileFacts, problems),
		unreferencedLargeFiles: unreferenced,
		problems: uniqueProblems(problems),
		startup,
	};
}
