// The Dockerfiles the benchmark compares for one project: three a user would otherwise write or
// generate (the peers, as their users get them, every change listed), and dockwiz's two proposals.
import {localRequirementFolder} from '../source/analysis/local-package-needs.js';
import {dockerInitDockerfileText, dockerInitDockerignoreText, offlineDockerfile, requirementsForDockerInit} from './docker-init-template.js';
import {defaultChoices, propose} from '../source/advice/index.js';
import type {BaseFlavor, ProjectReport} from '../source/types.js';

export type VariantName = 'naive' | 'article' | 'docker-init' | 'docker-init-edited' | 'dockwiz-slim' | 'dockwiz-distroless';

/** Which builds and runs a figure of the results needs for this variant (the rest are not made). */
export type MeasurePlan = {
	/** The warm rebuild after a code edit (targets: slim/naive, slim/docker-init). */
	warm: boolean;
	/** The dependency-change rebuild (targets: slim/naive, slim/docker-init). */
	dependency: boolean;
	/** First answer in every run (a target compares it), or one container for the HTTP column only. */
	firstAnswerEveryRun: boolean;
	/** A second cold build right after the first, its pip cache mount left full: reported on its own. */
	warmCacheCold: boolean;
	/** Built in the first run only: no target uses its times (its size, layers and HTTP answer are the same every run). */
	firstRunOnly?: boolean;
};

export type Variant = {
	name: VariantName;
	/** What the table and chart call it. */
	label: string;
	/** The Dockerfile built (for docker init: offline, without its `# syntax=` line; see fileAsUsersGetIt). */
	dockerfile: string;
	/** null: the project's own (none in the fixtures), so everything is sent. */
	dockerignore: string | null;
	/** Files added to or replaced in the context stream (never on disk), e.g. the requirements.txt docker init asks for. */
	contextFiles: Record<string, string>;
	/** What the reader should know about this variant for this project. */
	notes: string[];
	/** Every difference between what was built and what its users get (empty for dockwiz's own proposals). */
	deviations: string[];
	/** For a peer: the file exactly as its users get it, when it differs from the one built. */
	fileAsUsersGetIt?: string;
	/** A peer that cannot build this project as its users get it: hand-edited rows and failed as-is rows are kept out of the "no worse" targets. */
	peer?: {asIs: boolean; handEdited: boolean};
	measure: MeasurePlan;
};

/** The five rows of every project, in the table's and chart's order (a hand-edited docker init row may follow docker init's). */
export const variantOrder: VariantName[] = ['naive', 'article', 'docker-init', 'dockwiz-slim', 'dockwiz-distroless'];

/** Python the stand-in images have; the fixtures ask for nothing else. */
export const benchPython = '3.11';

/** Where the templates install a project's dependencies from. */
type Install = {
	/** `pip install` arguments. */
	args: string;
	/** Files and folders the install reads (copied or mounted before it), or null when it needs the whole project. */
	inputs: string[] | null;
	/** Local packages that compile a C extension (then the single-stage templates install a compiler). */
	compiles: boolean;
	/** Local folders requirements.txt names (`./fastsum`). */
	locals: string[];
};

function installFor(report: ProjectReport): Install {
	const compiles = report.nativeNeeds.length > 0;
	const locals = report.dependencies.packages.map(item => localRequirementFolder(item)).filter((folder): folder is string => folder !== null).map(folder => folder.replace(/^\.\//, ''));
	if (report.dependencies.manager === 'pip') {
		const file = report.dependencies.files.find(candidate => candidate.endsWith('requirements.txt')) ?? 'requirements.txt';
		return {args: `-r ${file}`, inputs: [file, ...locals], compiles, locals};
	}

	// pyproject.toml: `pip install .` builds the project, so it needs all of it.
	return {args: '.', inputs: null, compiles, locals};
}

/** Compiler and headers for a C extension; on the official images python3-dev is redundant but harmless. */
const compilerPackages = 'build-essential python3-dev';

const buildEverything: MeasurePlan = {warm: true, dependency: true, firstAnswerEveryRun: true, warmCacheCold: false};
const coldOnly: MeasurePlan = {warm: false, dependency: false, firstAnswerEveryRun: false, warmCacheCold: false};
/** Rows no target compares with (the article's recipe, a hand-edited docker init): one cold build, in the first run. */
const firstRunOnly: MeasurePlan = {...coldOnly, firstRunOnly: true};

/** 1. What a first attempt looks like: the article's naive Dockerfile with the WORKDIR it needs. */
export function naiveDockerfile(report: ProjectReport): string {
	const install = installFor(report);
	return [`FROM python:${benchPython}`, 'WORKDIR /app', 'COPY . .', `RUN pip install ${install.args}`, 'CMD python app.py', ''].join('\n');
}

/** The article's "optimized" Dockerfile as printed (see ../shared/DESIGN.md): it does not run as printed. */
export const articleAsPrinted = ['FROM python:3.11-alpine', 'COPY requirements.txt .', 'RUN pip install --upgrade pip && pip install -r requirements.txt && rm -rf ~/.cache/pip', 'COPY . /app/app.py', 'CMD ["python", "app.py"]', ''].join('\n');

/**
 * 2. The article's recipe on slim: its small-base idea, dependency files copied first, one RUN
 * that drops pip's cache, and a .dockerignore, with the changes it needs to run at all (listed
 * in articleDeviations).
 */
export function articleDockerfile(report: ProjectReport): string {
	const install = installFor(report);
	const system = install.compiles ? `apt-get update && apt-get install -y --no-install-recommends ${compilerPackages} && rm -rf /var/lib/apt/lists/* && ` : '';
	const run = `RUN ${system}pip install --upgrade pip && pip install ${install.args} && rm -rf ~/.cache/pip`;
	const lines = [`FROM python:${benchPython}-slim`, 'WORKDIR /app'];
	if (install.inputs === null) {
		lines.push('COPY . .', run);
	} else {
		lines.push(...install.inputs.map(input => `COPY ${input} ${input.includes('/') || !input.includes('.') ? `./${input}/` : '.'}`), run, 'COPY . .');
	}

	lines.push('CMD ["python", "app.py"]', '');
	return lines.join('\n');
}

export function articleDeviations(report: ProjectReport): string[] {
	const install = installFor(report);
	return [
		'`FROM python:3.11-alpine` → `FROM python:3.11-slim`: no alpine image can be had offline (so no size claim against the article: its base differs).',
		'`WORKDIR /app` added: as printed the recipe has none, so its RUN and CMD run in `/`.',
		'`COPY . /app/app.py` → `COPY . .`: as printed the whole context lands in a folder named app.py and `python app.py` fails.',
		...(install.inputs === null ? ['pyproject.toml project: `COPY requirements.txt .` and `pip install -r requirements.txt` → `COPY . .` and `pip install .` (the project has no requirements.txt).'] : []),
		...install.locals.map(folder => `\`COPY ${folder} ./${folder}/\` added before the install: requirements.txt names ./${folder}.`),
		...(install.compiles ? [`\`apt-get install ${compilerPackages}\` added to the install RUN: pip compiles a C extension, and slim has no compiler.`] : []),
		'`pip install --upgrade pip` kept; it changes nothing offline (the index serves the pip the image has).',
	];
}

export const articleDockerignore = ['__pycache__', '*.pyc', '*.pyo', '*.pyd', '.Python', 'env', 'venv', '.venv', '.git', '.env', '*.log', ''].join('\n');

/** docker init's answer to "What is the command to run your app?" for this project. */
export function dockerInitCommand(wsgiTarget: string, port: number): string {
	return `gunicorn ${wsgiTarget} --bind=0.0.0.0:${port}`;
}

/** The project's dependencies as requirement lines (for a project without requirements.txt). */
function requirementLines(report: ProjectReport): Array<{name: string; line: string}> {
	return report.dependencies.packages.map(item => ({name: item.name, line: item.url ? item.url : `${item.name}${item.extras.length > 0 ? `[${item.extras.join(',')}]` : ''}${item.spec}${item.marker ? ` ; ${item.marker}` : ''}`}));
}

/**
 * 3. `docker init`'s Python template as it writes it, with the answers its prompts ask for and the
 * requirements.txt it tells users to write (dependencies and gunicorn), sent in the context stream.
 */
export function dockerInitVariant(report: ProjectReport, port: number, wsgiTarget: string, existingRequirements: string | null): Variant {
	const written = dockerInitDockerfileText({pythonVersion: benchPython, port, command: dockerInitCommand(wsgiTarget, port)});
	const offline = offlineDockerfile(written);
	const install = installFor(report);
	const requirements = requirementsForDockerInit(existingRequirements, requirementLines(report));
	const contextFiles: Record<string, string> = requirements === null ? {} : {'requirements.txt': requirements};
	const deviations = [`\`${offline.removed ?? ''}\` removed: offline, BuildKit cannot resolve the frontend image docker/dockerfile:1 and the build fails at once; the engine's built-in frontend reads the same instructions (RUN --mount included). Online, resolving it adds a registry round trip to every build that the times here do not have.`];
	if (requirements !== null) {
		deviations.push(existingRequirements === null
			? `requirements.txt written in the context stream (the project has none; docker init's prompt asks for one listing the dependencies and gunicorn): ${requirements.trim().split('\n').join(', ')}.`
			: 'gunicorn appended to requirements.txt in the context stream, as docker init\'s prompt asks (the project\'s file does not list it).');
	}

	const notes: string[] = [];
	const canBuild = install.locals.length === 0 && !install.compiles;
	if (!canBuild) {
		notes.push(`cannot build this project as users get it: its install bind-mounts only requirements.txt, which names ${install.locals.map(folder => `./${folder}`).join(', ')}${install.compiles ? `, and slim has no compiler for the C extension` : ''}; kept out of the "no worse than docker init" targets.`);
	}

	return {
		name: 'docker-init',
		label: 'docker init',
		dockerfile: offline.text,
		dockerignore: dockerInitDockerignoreText,
		contextFiles,
		notes,
		deviations,
		fileAsUsersGetIt: written,
		peer: {asIs: true, handEdited: false},
		measure: canBuild ? {...buildEverything, firstAnswerEveryRun: false, warmCacheCold: true} : coldOnly,
	};
}

/**
 * 3b. docker init's file hand-edited so a project with a local C extension builds: the compiler
 * installed in its only stage and the local package bind-mounted beside requirements.txt. Shown
 * for information; no target compares with it.
 */
export function dockerInitEditedVariant(report: ProjectReport, base: Variant): Variant | null {
	const install = installFor(report);
	if (install.locals.length === 0 && !install.compiles) {
		return null;
	}

	let dockerfile = base.dockerfile;
	const deviations = [...base.deviations];
	if (install.compiles) {
		dockerfile = dockerfile.replace('# Download dependencies', `RUN apt-get update && apt-get install -y --no-install-recommends ${compilerPackages} && rm -rf /var/lib/apt/lists/*\n\n# Download dependencies`);
		deviations.push(`\`RUN apt-get update && apt-get install -y --no-install-recommends ${compilerPackages} && rm -rf /var/lib/apt/lists/*\` added before the install: slim has no compiler; it stays in the image (one stage).`);
	}

	// pip builds a local package in its folder: that mount is writable (the writes are discarded).
	const mounts = install.locals.map(folder => `    --mount=type=bind,source=${folder},target=${folder},rw \\\n`).join('');
	dockerfile = dockerfile.replace('    --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n', match => `${match}${mounts}`);
	deviations.push(...install.locals.map(folder => `\`--mount=type=bind,source=${folder},target=${folder},rw\` added to the install: requirements.txt names ./${folder}.`));
	return {...base, name: 'docker-init-edited', label: 'docker init, hand-edited', dockerfile, notes: ['hand-edited so that it builds (every change listed); no target compares with it.'], deviations, fileAsUsersGetIt: base.fileAsUsersGetIt, peer: {asIs: false, handEdited: true}, measure: firstRunOnly};
}

function dockwiz(report: ProjectReport, flavor: BaseFlavor): Variant {
	const proposal = propose(report, defaultChoices(report, {base: flavor, python: benchPython}));
	return {
		name: flavor === 'slim' ? 'dockwiz-slim' : 'dockwiz-distroless',
		label: `dockwiz ${flavor}`,
		dockerfile: proposal.dockerfile,
		dockerignore: proposal.dockerignore,
		contextFiles: {},
		notes: proposal.warnings,
		deviations: [],
		measure: flavor === 'slim' ? buildEverything : {...coldOnly, firstAnswerEveryRun: true},
	};
}

/** The variants for one project, in the table's order; existingRequirements: the project's requirements.txt, if any. */
export function variantsFor(report: ProjectReport, existingRequirements: string | null = null): Variant[] {
	const choices = defaultChoices(report, {base: 'slim', python: benchPython});
	const install = installFor(report);
	const pyproject = install.inputs === null ? ['pyproject.toml: `pip install .` needs the whole project, so the dependencies cannot be installed before the code is copied.'] : [];
	const compiler = install.compiles ? [`a C extension: ${compilerPackages} installed in the only stage, so the compiler stays in the image.`] : [];
	const init = dockerInitVariant(report, choices.port, choices.wsgiTarget, existingRequirements);
	const edited = dockerInitEditedVariant(report, init);
	return [
		{name: 'naive', label: 'naive', dockerfile: naiveDockerfile(report), dockerignore: null, contextFiles: {}, notes: [], deviations: ['The article\'s naive Dockerfile with `WORKDIR /app` added (as printed it has none and fails), `COPY . /app` written `COPY . .` (the same place), and `pip install .` for a pyproject.toml project.'], measure: buildEverything},
		{name: 'article', label: "article's recipe on slim", dockerfile: articleDockerfile(report), dockerignore: articleDockerignore, contextFiles: {}, notes: [...pyproject, ...compiler], deviations: articleDeviations(report), fileAsUsersGetIt: articleAsPrinted, peer: {asIs: false, handEdited: true}, measure: firstRunOnly},
		init,
		...(edited ? [edited] : []),
		dockwiz(report, 'slim'),
		dockwiz(report, 'distroless'),
	];
}
