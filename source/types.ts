// The shared vocabulary of dockwiz: analysis produces a ProjectReport, advice turns it
// into findings and a Proposal, the engine emits EngineEvents and returns BuildResults,
// and report/ assembles all of it into the JSON contract of DESIGN.md.
// Sizes are bytes, times are seconds, ratios are after/before.

import type {FailureHint} from './advice/failure-hints/hint.js';
import type {Budget, BudgetLimits, OutputFormat, RuleSettings} from './ci/types.js';
export type {Budget, BudgetLimits, BudgetName, OutputFormat, RuleSettings} from './ci/types.js';
import type {Explanation, ExplainEvent} from './explain-types.js';
export type Severity = 'error' | 'warning' | 'info';
/** The base image flavors, in the order the flags, the help and the wizard list them. */
export const baseFlavors = ['slim', 'distroless', 'alpine'] as const;
export type BaseFlavor = (typeof baseFlavors)[number];
export type Mode = 'tui' | 'plain' | 'json';
/** When base images are pulled: only when not on the engine (the default), every time, or never. */
export const pullModes = ['missing', 'always', 'never'] as const;
export type PullMode = (typeof pullModes)[number];

/** Resolved command-line options (see options.ts). */
export type Options = {
	dir: string;
	demo: boolean;
	/** Which bundled demo `--demo NAME` asked for (absent: the Flask one). */
	demoApp?: string;
	yes: boolean;
	json: boolean;
	build: boolean;
	write: boolean;
	dryRun: boolean;
	base: BaseFlavor;
	python: string | undefined;
	runs: number;
	network: string | undefined;
	keepImages: boolean;
	report: string | undefined;
	/** --explain: measure each change in turn, and where the bytes are. */
	explain?: boolean;
	mode: Mode;
	/** --ci: no prompts, no writes; budgets decide the exit code (3 when one is exceeded). */
	ci?: boolean;
	/** --format; absent means the plain summary (or JSON with --json). */
	format?: OutputFormat;
	/** The budgets --ci checks (flags over the config file). */
	budgets?: BudgetLimits;
	/** Rules ignored or re-graded, trusted registries (config file). */
	rules?: RuleSettings;
	/** The port the proposal serves on, from the config file (the scan's otherwise). */
	port?: number;
	/** The config file read, relative to the project (`.dockwiz.toml`, `pyproject.toml`). */
	configFile?: string;
	/** Absent: `missing`. */
	pull?: PullMode;
	/** --logs: the JSON report carries each side's whole build log and its container's log. */
	logs?: boolean;
};

// ---------------------------------------------------------------- analysis

/** Where a fact came from, so the UI and report can show the evidence. */
export type Evidence = {
	file: string;
	line?: number;
	detail: string;
};

export type WsgiCandidate = {
	/** gunicorn's form: `app:app`, `pkg.module:application`, `pkg:create_app()`. */
	target: string;
	kind: 'instance' | 'factory' | 'hint';
	/** Higher ranks first. */
	score: number;
	evidence: Evidence[];
	/** Folder to import from (gunicorn's --pythonpath), relative to the project, when not its root: `src`, `backend`. */
	chdir?: string;
	/** The folder the project's own start command runs the server in (its `--chdir`), when it names one. */
	workdir?: string;
	/** For `module:factory()`: the factory's parameters without a default (gunicorn's call fails with TypeError). */
	needsArguments?: string[];
};

export type Framework = 'flask' | 'django' | 'fastapi' | 'unknown';

export type DependencyManager = 'pip' | 'poetry' | 'uv' | 'pipenv' | 'pdm' | 'pyproject' | 'none';

export type PythonPackage = {
	/** PEP 503 normalized name. */
	name: string;
	/** Version specifier as written, e.g. `>=2.0,<3`; empty when unpinned. */
	spec: string;
	extras: string[];
	marker?: string;
	/** URL, VCS or local path requirement instead of a name from an index. */
	url?: string;
	file: string;
	line?: number;
};

export type NativeNeed = {
	package: string;
	reason: string;
	/** Debian packages needed to build it (builder stage only). */
	buildPackages: string[];
	/** Debian packages the built extension needs at run time. */
	runtimePackages: string[];
	/** Where the need came from: a Python requirement (the default), a program the code runs, the existing Dockerfile's install lines. */
	kind?: 'package' | 'program' | 'dockerfile';
	/** Old-release package names the existing Dockerfile used, as `old -> new` (bookworm's name). */
	renamed?: string[];
};

export type ContextEntry = {
	path: string;
	bytes: number;
};

export type ContextAudit = {
	bytes: number;
	files: number;
	ignoredBytes: number;
	ignoredFiles: number;
	largest: ContextEntry[];
	/** Paths only; a secret's content is never read into a report. */
	secrets: string[];
};

/** One entry of the build context, as the walker found it (shared by the audit and the packer). */
export type ContextFile = {
	/** Relative POSIX path, as Docker names it in the context tar. */
	path: string;
	kind: 'file' | 'dir' | 'symlink';
	/** 0 for directories and links. */
	bytes: number;
	/** Permission bits. */
	mode: number;
	/** For links: the target as written (links are packed as links, never followed). */
	linkTarget?: string;
};

export type ProjectFile = {
	path: string;
	text: string;
};

/** `file`: a regular file (or for `name/`, a folder) inside the project, which COPY finds. */
export type NamedFileKind = 'file' | 'folder' | 'missing' | 'dangling link' | 'outside' | 'not a regular file';

export type ProjectReport = {
	root: string;
	framework: Framework;
	/** What other framework was found, when it was not Flask (for a clear message). */
	frameworkEvidence: Evidence[];
	/** The best candidate's target, or null when none was found. */
	wsgiTarget: string | null;
	/** An ASGI app's target as the server is given it from the project folder (`main:app`, `app.main:create_app()`); absent or null when none. */
	asgiTarget?: string | null;
	/** The targets found, best first: ASGI ones when the framework serves ASGI (asgiTarget set). */
	wsgiCandidates: WsgiCandidate[];
	/** The ASGI server the project uses and how it starts it (absent for WSGI apps). */
	asgi?: AsgiServerFacts;
	python: {version: string; source: string};
	dependencies: {
		manager: DependencyManager;
		files: string[];
		packages: PythonPackage[];
		/** Exact releases a lock file pins (poetry.lock, uv.lock, Pipfile.lock), by normalized name. */
		locked?: Record<string, string>;
	};
	server: 'gunicorn' | 'waitress' | 'uwsgi' | 'uvicorn' | 'hypercorn' | null;
	port: number;
	portSource: string;
	nativeNeeds: NativeNeed[];
	dockerfile: ProjectFile | null;
	dockerignore: ProjectFile | null;
	/** The build context under the existing .dockerignore (or none). */
	context: ContextAudit;
	/** Application source files (relative POSIX paths), e.g. for the warm-rebuild edit. */
	sourceFiles: string[];
	/** Python files that start Flask's development server (`app.run(...)`); absent when not scanned. */
	devServerFiles?: string[];
	/** Shell scripts the existing Dockerfile's ENTRYPOINT runs, and whether each ends by running its arguments (`exec "$@"`). */
	startScripts?: {path: string; execsArguments: boolean}[];
	/** Large files in the context that no source, template or config file names. */
	unreferencedLargeFiles?: ContextEntry[];
	/** Problems met while reading (unreadable, binary, malformed files), as findings. */
	problems: Finding[];
	/** What each file a proposal may COPY by name is (`name/`: a folder); absent when not checked. */
	namedFiles?: Record<string, NamedFileKind>;
	/** What the app needs when it starts, beyond its packages (see StartupFacts). */
	startup?: StartupFacts;
	/** A Django project's settings, as read from its files (see analysis/django-project.ts). */
	django?: DjangoFacts;
};

/** What a Django project's manage.py, wsgi/asgi modules and settings say. */
export type DjangoFacts = {
	/** manage.py's path, or null when there is none. */
	manage: string | null;
	/** The folder the project imports from (manage.py's folder): '' for the project root. */
	base: string;
	/** The DJANGO_SETTINGS_MODULE the server uses, and where it was set. */
	settingsModule: string | null;
	settingsSource: string;
	/** The settings files read, the module's own file last (split settings: base.py first). */
	settingsFiles: string[];
	/** WSGI_APPLICATION / ASGI_APPLICATION as the settings write them (`mysite.wsgi.application`). */
	wsgiApplication: string | null;
	asgiApplication: string | null;
	/** STATIC_ROOT as written (`BASE_DIR / "staticfiles"`), null when unset; the project folder it names, when it is one. */
	staticRoot: string | null;
	staticRootFolder: string | null;
	staticUrl: string | null;
	/** whitenoise's middleware is in MIDDLEWARE: gunicorn then serves the collected files itself. */
	whitenoise: boolean;
	/** channels or daphne in INSTALLED_APPS: the app is served over ASGI. */
	channels: boolean;
	/** The proposal runs `collectstatic --noinput` at build time (STATIC_ROOT is set). */
	collectstatic: boolean;
	/** Variables the settings read without a default (SECRET_KEY's first): collectstatic needs them at build time. */
	buildEnv: string[];
	/** The variable ALLOWED_HOSTS is read from and its separator, when it is read from one. */
	allowedHostsEnv: {name: string; separator: string} | null;
	/** ALLOWED_HOSTS as written admits a probe of 127.0.0.1 (`*`, `127.0.0.1`, `localhost`). */
	allowedHostsAdmitLocal: boolean;
	/** Apps with a migrations/ folder (`polls/migrations`). */
	migrations: string[];
	evidence: Evidence[];
};

/** How an ASGI app is served today: the server named by the project's command (or its dependencies) and the flags it passes. */
export type AsgiServerFacts = {
	/** `gunicorn`: gunicorn with uvicorn workers (`-k uvicorn.workers.UvicornWorker`). */
	server: 'uvicorn' | 'gunicorn' | 'hypercorn' | null;
	/** Where the server was found (a command, a dependency). */
	evidence: Evidence[];
	/** The worker count the project's own command passes (`--workers 4`), when it does. */
	workers: number | null;
	/** Whether the project's command passes `--reload` (development only). */
	reload: boolean;
	/** `uvicorn.run(..., reload=True)` in the code: what `python that_file.py` would start (analysis/asgi-reload.ts). */
	scriptReloads?: Evidence[];
};

/** What starting the app in a container needs, read from its code, gunicorn config and start script. */
export type StartupFacts = {
	/** Code that imports pkg_resources (setuptools' module; setuptools 82 no longer has it). */
	pkgResources: Evidence[];
	/** Places the app writes at run time: folders (`instance`, `/data`) or files in system folders (`/var/log/app.log`). */
	writablePaths: Array<{path: string; kind: 'folder' | 'file'; evidence: Evidence}>;
	/** ./gunicorn.conf.py: gunicorn loads it by itself from its working directory. */
	gunicornConfig: GunicornConfigFacts | null;
	/** The start script the existing Dockerfile runs (ENTRYPOINT/CMD `./boot.sh`). */
	startScript: StartScriptFacts | null;
	/** The Procfile's `release:` commands (a platform runs them before each deploy; an image never does). */
	releaseSteps?: StartStep[];
	/** Environment variables the app reads without a default when gunicorn imports it (`os.environ["DBUSER"]`): unset, it exits with KeyError. */
	requiredEnv?: Array<{name: string; evidence: Evidence}>;
	/** Database set-up commands the app defines (`init-db`, `db upgrade`): a fresh container has no tables until one runs. */
	initCommands?: InitCommand[];
	/** Folders (`src`) holding packages the root's modules import that are not importable from the project root. */
	importRoots?: Array<{folder: string; packages: string[]; evidence: Evidence}>;
};

export type InitCommand = {
	/** The command's name: `init-db`, `create_db`, `db upgrade`. */
	name: string;
	/** `flask`: `flask --app TARGET NAME`; `script`: `python SCRIPT NAME` (a FlaskGroup in that file). */
	runner: 'flask' | 'script';
	script?: string;
	evidence: Evidence;
};

export type GunicornConfigFacts = {
	file: string;
	/** The `bind` line, when the file sets one. */
	bind: {line: number; text: string; fromPort: boolean; public: boolean} | null;
	/** What breaks the container if gunicorn loads the file: each with its line. */
	breaks: Array<{line: number; detail: string}>;
	/** Settings it sets (workers, timeout...), for the change that says what is kept. */
	settings: string[];
};

export type StartStep = {line: number; command: string; kind: 'migrate' | 'translations' | 'wait' | 'init-db' | 'other'};

export type StartScriptFacts = {
	file: string;
	/** The shell that runs it: its #! line's, or bash when it uses bash-only syntax under #!/bin/sh. */
	shell: 'sh' | 'bash';
	/** The bash-only syntax that made it bash under a #!/bin/sh line (`[[ ... ]]` at line 6). */
	bashisms?: string[];
	/** Commands it runs before the server. */
	steps: StartStep[];
	/** It ends with `exec "$@"`: the image's CMD is the server it starts. */
	execsArguments: boolean;
	/** The server command it runs itself, when it does. */
	server: string | null;
	/** Loops, conditions or functions: its steps cannot be run one by one outside it. */
	controlFlow: boolean;
};

// ---------------------------------------------------------------- advice

export type Finding = {
	/** hadolint's id where the rule is the same (DL3042), else DW###. */
	rule: string;
	severity: Severity;
	line: number | null;
	message: string;
	fix: string;
	/** The file it is about, when not the Dockerfile. */
	file?: string;
};

export type Change = {
	title: string;
	why: string;
	impact: 'size' | 'speed' | 'security' | 'correctness';
	/** The rule this change fixes, when it fixes one. */
	rule?: string;
};

export type ProposalChoices = {
	flavor: BaseFlavor;
	python: string;
	port: number;
	wsgiTarget: string;
	/** The engine builds with BuildKit: the proposal may use cache mounts (absent or false: classic-builder features only). */
	cacheMounts?: boolean;
};

export type Proposal = {
	dockerfile: string;
	dockerignore: string;
	changes: Change[];
	/** Warnings about the choices (alpine and musl, a missing WSGI target...). */
	warnings: string[];
	choices: ProposalChoices;
	/** Unified diffs against the existing files ('' when there was none). */
	diff: {dockerfile: string; dockerignore: string};
};

// ---------------------------------------------------------------- engine

export type Side = 'before' | 'after';
export type BuildPhase = 'build' | 'rebuild';

export type EngineInfo = {
	endpoint: string;
	engineVersion: string;
	apiVersion: string;
	builders: string[];
	/** For a remote engine: where the smoke test reached its containers (engine/app-host.ts). */
	appHost?: string;
};

export type EngineEvent =
	| {type: 'engine'; info: EngineInfo}
	| {type: 'phase'; phase: 'pull' | 'build' | 'rebuild' | 'smoke' | 'cleanup'; side?: Side; run?: number; runs?: number}
	| {type: 'pull'; image: string; layer?: string; status: string; currentBytes?: number; totalBytes?: number; pull?: PullEventExtras}
	| {type: 'step'; side: Side; phase: BuildPhase; index: number; total: number; instruction: string}
	| {type: 'log'; side: Side; line: string}
	| {type: 'built'; side: Side; phase: BuildPhase; ok: boolean; seconds: number; error?: string}
	| {type: 'smoke'; side: Side; status: 'start' | 'ok' | 'fail'; httpStatus?: number; seconds?: number}
	| {type: 'warning'; message: string};

/** On dockwiz's own pull events: the layer sizes the registry told (at the start), the outcome (at the end). */
export type PullEventExtras = {layerBytes?: Record<string, number>; record?: PullRecord; message?: string};

/** A proposed base image and whether the build will have to pull it (with what the registry says it weighs). */
export type BaseImageNote = {image: string; present: boolean; downloadBytes: number | null};

/** One base image's pull, in `builds.pulls`: `bytes` downloaded, `seconds` spent (0 when it was present). */
export type PullRecord = {image: string; status: 'present' | 'pulled' | 'failed'; bytes: number; seconds: number};

export type Spread = {median: number; min: number; max: number; runs: number[]};

export type SmokeResult = {
	ok: boolean;
	status: number | null;
	startupSeconds: number | null;
	/** From the container's start to its first HTTP answer: the median over --runs (each run starts a new container). */
	firstAnswerSeconds?: number | null;
	/** The container's last log lines, kept when it failed. */
	logTail?: string[];
	error?: string;
	/** What the log shows went wrong, with the fix (report/assemble.ts reads them off the log). */
	hints?: FailureHint[];
	/** Environment variables the app requires, given placeholder values for this run only. */
	placeholderEnv?: string[];
	/** The container's whole log, bounded (moved into BuildResult.logs when collected). */
	log?: string[];
};

/** The phases of one side, in order: sending the context, the base images, the cold build, the warm rebuild, the smoke run. */
export const sidePhases = ['context', 'pull', 'build', 'rebuild', 'smoke'] as const;
export type SidePhase = (typeof sidePhases)[number];
export type PhaseStatus = 'passed' | 'failed' | 'not run';

/** Why a side failed, in the user's words: the phase, the failing step and the last lines of its output. */
export type SideError = {
	phase: SidePhase;
	/** The failing build step's number (`Step 4/7`), when a build step failed. */
	step: number | null;
	/** The failing step's instruction (`RUN pip install .`), or null. */
	instruction: string | null;
	/** The step's or the container's exit code, when known. */
	exitCode: number | null;
	message: string;
	/** The last lines of the failing step's output, or of the container's log (masked). */
	logTail: string[];
};

/** Whole logs, kept bounded: the oldest lines go first, and `cutLines` says how many went. */
export type SideLogs = {build: string[]; container: string[]; cutLines: number};

export type BuildResult = {
	/** Every phase passed. */
	ok: boolean;
	image: string;
	sizeBytes: number | null;
	layers: number | null;
	buildSeconds: number | null;
	rebuildSeconds: number | null;
	/** A rebuild with the cache after one package is added to the dependency file (in the stream); null when not measured. */
	dependencyRebuildSeconds?: number | null;
	/** What that rebuild added where, or why it was not measured. */
	dependencyChange?: DependencyChangeResult;
	/** Bytes of the build context sent; null when no build sent one (never measured, not empty). */
	contextBytes: number | null;
	/** The user the image runs as ('root' when unset). */
	user: string | null;
	smoke: SmokeResult | null;
	/** Which phases ran and how they ended. */
	phases?: Record<SidePhase, PhaseStatus>;
	error: SideError | null;
	/** A failed build's likely cause and its fix, read off the error (report/assemble.ts). */
	hints?: FailureHint[];
	/** With --runs N > 1: every run, and the median/min/max reported above. */
	spread?: {buildSeconds: Spread; rebuildSeconds: Spread; dependencyRebuildSeconds?: Spread; firstAnswerSeconds?: Spread};
	/** Whether this side is the naive baseline dockwiz wrote (no Dockerfile existed). */
	baseline?: boolean;
	/** The image's history, newest first: what each instruction added. */
	history?: Array<{createdBy: string; sizeBytes: number}>;
	/** The whole build and container logs (in the JSON only with --logs). */
	logs?: SideLogs;
};

export type DependencyChangeResult = {measured: boolean; packageName: string | null; file: string | null; reason?: string};

export type Builds = {before: BuildResult; after: BuildResult; pulls?: PullRecord[]};

export type Summary = {
	sizeRatio: number | null;
	buildTimeRatio: number | null;
	rebuildTimeRatio: number | null;
	dependencyRebuildTimeRatio?: number | null;
};

/** The JSON report: its top-level keys are a contract (DESIGN.md). */
export type DockwizReport = {
	project: {
		root: string;
		framework: Framework;
		/** Why that framework: the files and lines that showed it. */
		frameworkEvidence?: Evidence[];
		wsgiTarget: string | null;
		asgiTarget: string | null;
		django?: {settingsModule: string | null; staticRoot: string | null; collectstatic: boolean; whitenoise: boolean};
		python: {version: string; source: string};
		dependencies: {manager: DependencyManager; files: string[]; packages: string[]};
		server: string | null;
		port: number;
	};
	context: ContextAudit & {proposed?: ContextAudit};
	findings: Finding[];
	proposal: {dockerfile: string; dockerignore: string; changes: Change[]; warnings: string[]};
	builds: Builds | null;
	summary: Summary | null;
	/** --ci only: each budget checked, with its limit and the measured value. */
	budgets?: Budget[];
	/** The engine that measured (absent with --no-build). */
	engine?: {endpoint: string; engineVersion: string; apiVersion: string; appHost?: string};
	/** With --explain (or the Summary's key): the measured waterfall and byte breakdown. */
	explain?: Explanation;
};

// ---------------------------------------------------------------- the work the UI sequences

export type WriteOutcome = {
	/** Files written (relative to the project). */
	written: string[];
	/** Backups made of what was replaced. */
	backups: string[];
	/** Files left alone because they already had this content. */
	unchanged: string[];
};

export type Measurement = {builds: Builds; summary: Summary; /** The engine that measured. */ engine?: EngineInfo};

/** The proposed files the user may edit before a rebuild. */
export type EditableFile = 'Dockerfile' | '.dockerignore';

export type EditOutcome = {ok: true; text: string; changed: boolean} | {ok: false; message: string};

/**
 * The work passed into the UI as async functions (the UI never reaches Docker or the disk):
 * components sequence it and display its progress.
 */
export type Work = {
	scan(onProgress: (message: string) => void, signal: AbortSignal): Promise<ProjectReport>;
	advise(report: ProjectReport, choices: ProposalChoices): {findings: Finding[]; proposal: Proposal};
	/** `sides`: measure only these (the after alone, after an edit); a side left out comes back empty. */
	measure(report: ProjectReport, proposal: Proposal, onEvent: (event: EngineEvent) => void, signal: AbortSignal, sides?: Side[]): Promise<Measurement>;
	/** Opens a proposed file in the user's editor ($VISUAL, $EDITOR); resolves to the text saved. */
	editText?(file: EditableFile, text: string): Promise<EditOutcome>;
	write(report: ProjectReport, proposal: Proposal): Promise<WriteOutcome>;
	/** Writes the Markdown report; resolves to the path written. */
	saveReport(path: string, report: DockwizReport): Promise<string>;
	/** The build context the proposed .dockerignore would send (the report's `context.proposed`). */
	auditProposed(report: ProjectReport, proposal: Proposal): Promise<ContextAudit>;
	/** Measures each change in turn and reads where the bytes are (--explain); absent where it cannot run. */
	explain?(report: ProjectReport, proposal: Proposal, onEvent: (event: ExplainEvent | EngineEvent) => void, signal: AbortSignal): Promise<Explanation>;
	/** The proposed Dockerfile's base images: on the engine or not, and their download size (no engine: none). */
	baseImageNotes?(dockerfile: string): Promise<BaseImageNote[]>;
	/** The builders the engine offers (`buildkit`, `classic`), or null when none answers; asked before advising when building. */
	engineBuilders?(): Promise<string[] | null>;
};

/** An error a user can hit: a message that says what to do next, and the exit code. */
export class UserError extends Error {
	constructor(
		message: string,
		readonly exitCode: number = 2,
	) {
		super(message);
		this.name = 'UserError';
	}
}
