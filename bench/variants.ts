// The five Dockerfiles the benchmark compares for one project: three a user would otherwise
// write or generate (templates here), and dockwiz's two proposals.
import {localRequirementFolder} from '../source/analysis/local-package-needs.js';
import {defaultChoices, propose} from '../source/advice/index.js';
import type {BaseFlavor, ProjectReport} from '../source/types.js';

export type VariantName = 'naive' | 'article' | 'docker-init' | 'dockwiz-slim' | 'dockwiz-distroless';

export type Variant = {
	name: VariantName;
	/** What the table and chart call it. */
	label: string;
	dockerfile: string;
	/** null: the project's own (none in the fixtures), so everything is sent. */
	dockerignore: string | null;
	/** What the reader should know about this variant for this project. */
	notes: string[];
};

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
};

function installFor(report: ProjectReport): Install {
	const compiles = report.nativeNeeds.length > 0;
	if (report.dependencies.manager === 'pip') {
		const file = report.dependencies.files.find(candidate => candidate.endsWith('requirements.txt')) ?? 'requirements.txt';
		const locals = report.dependencies.packages.map(item => localRequirementFolder(item)).filter((folder): folder is string => folder !== null).map(folder => folder.replace(/^\.\//, ''));
		return {args: `-r ${file}`, inputs: [file, ...locals], compiles};
	}

	// pyproject.toml: `pip install .` builds the project, so it needs all of it.
	return {args: '.', inputs: null, compiles};
}

/** Compiler and headers for a C extension; on the official images python3-dev is redundant but harmless. */
const compilerPackages = 'build-essential python3-dev';

/** 1. What a first attempt looks like (the issue's list, verbatim). */
export function naiveDockerfile(report: ProjectReport): string {
	const install = installFor(report);
	return [`FROM python:${benchPython}`, 'WORKDIR /app', 'COPY . .', `RUN pip install ${install.args}`, 'CMD python app.py', ''].join('\n');
}

/**
 * 2. The article's recipe: a small base (slim: no alpine image can be had offline), the
 * dependency files copied first, one RUN that drops pip's cache, and a .dockerignore.
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

export const articleDockerignore = ['__pycache__', '*.pyc', '*.pyo', '*.pyd', '.Python', 'env', 'venv', '.venv', '.git', '.env', '*.log', ''].join('\n');

/**
 * 3. What `docker init` generates for Python: one stage on python:X.Y-slim, a BuildKit cache
 * mount for pip with the requirements bind-mounted, an unprivileged user, the code copied
 * after the dependencies, gunicorn. No `# syntax=` line: its frontend image cannot be pulled offline,
 * and the engine's built-in frontend understands RUN --mount.
 */
export function dockerInitDockerfile(report: ProjectReport, port: number, wsgiTarget: string): string {
	const install = installFor(report);
	const hasGunicorn = report.dependencies.packages.some(item => item.name === 'gunicorn');
	const lines = [
		`ARG PYTHON_VERSION=${benchPython}`,
		'FROM python:${PYTHON_VERSION}-slim AS base',
		'ENV PYTHONDONTWRITEBYTECODE=1',
		'ENV PYTHONUNBUFFERED=1',
		'WORKDIR /app',
		'ARG UID=10001',
		'RUN adduser \\\n    --disabled-password \\\n    --gecos "" \\\n    --home "/nonexistent" \\\n    --shell "/sbin/nologin" \\\n    --no-create-home \\\n    --uid "${UID}" \\\n    appuser',
	];
	if (install.compiles) {
		lines.push(`RUN apt-get update && apt-get install -y --no-install-recommends ${compilerPackages} && rm -rf /var/lib/apt/lists/*`);
	}

	// pip builds a local package in its folder: those mounts are writable (the writes are discarded).
	const mounts = install.inputs === null
		? ['--mount=type=bind,target=/tmp/project,rw']
		: install.inputs.map(input => `--mount=type=bind,source=${input},target=${input}${input.endsWith('.txt') ? '' : ',rw'}`);
	const args = install.inputs === null ? '/tmp/project' : install.args;
	lines.push(
		`RUN --mount=type=cache,target=/root/.cache/pip \\\n${mounts.map(mount => `    ${mount} \\\n`).join('')}    python -m pip install ${args}${hasGunicorn ? '' : ' gunicorn'}`,
		'USER appuser',
		'COPY . .',
		`EXPOSE ${port}`,
		`CMD gunicorn '${wsgiTarget}' --bind=0.0.0.0:${port}`,
		'',
	);
	return lines.join('\n');
}

/** docker init's .dockerignore for Python (its main lines). */
export const dockerInitDockerignore = [
	'**/.DS_Store', '**/__pycache__', '**/.venv', '**/.classpath', '**/.dockerignore', '**/.env', '**/.git', '**/.gitignore',
	'**/.project', '**/.settings', '**/.toolstarget', '**/.vs', '**/.vscode', '**/*.*proj.user', '**/*.dbmdl', '**/*.jfm',
	'**/bin', '**/charts', '**/docker-compose*', '**/compose.y*ml', '**/Dockerfile*', '**/node_modules', '**/npm-debug.log',
	'**/obj', '**/secrets.dev.yaml', '**/values.dev.yaml', 'LICENSE', 'README.md', '',
].join('\n');

function dockwiz(report: ProjectReport, flavor: BaseFlavor): Variant {
	const proposal = propose(report, defaultChoices(report, {base: flavor, python: benchPython}));
	return {
		name: flavor === 'slim' ? 'dockwiz-slim' : 'dockwiz-distroless',
		label: `dockwiz ${flavor}`,
		dockerfile: proposal.dockerfile,
		dockerignore: proposal.dockerignore,
		notes: proposal.warnings,
	};
}

/** The five variants for one project, in the table's order. */
export function variantsFor(report: ProjectReport): Variant[] {
	const choices = defaultChoices(report, {base: 'slim', python: benchPython});
	const install = installFor(report);
	const pyproject = install.inputs === null ? ['pyproject.toml: `pip install .` needs the whole project, so the dependencies cannot be installed before the code is copied.'] : [];
	const compiler = install.compiles ? [`a C extension: ${compilerPackages} installed in the only stage, so the compiler stays in the image.`] : [];
	return [
		{name: 'naive', label: 'naive', dockerfile: naiveDockerfile(report), dockerignore: null, notes: []},
		{name: 'article', label: "article's recipe", dockerfile: articleDockerfile(report), dockerignore: articleDockerignore, notes: ['python:3.11-slim instead of the article\'s alpine (no alpine image offline).', ...pyproject, ...compiler]},
		{name: 'docker-init', label: 'docker-init-style', dockerfile: dockerInitDockerfile(report, choices.port, choices.wsgiTarget), dockerignore: dockerInitDockerignore, notes: [...pyproject.map(note => note.replace('copied', 'copied (the project is bind-mounted for the install)')), ...compiler]},
		dockwiz(report, 'slim'),
		dockwiz(report, 'distroless'),
	];
}
