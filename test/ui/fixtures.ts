// Fixtures for the UI tests: a demo-like project, its advice, a realistic engine event
// sequence and a fake Work (fakes belong in component tests only).

import type {
	Builds,
	EngineEvent,
	Finding,
	Measurement,
	ProjectReport,
	Proposal,
	ProposalChoices,
	Work,
	WriteOutcome,
} from '../../source/types.js';
import type {Options} from '../../source/types.js';
import {makeReport as makeBaseReport} from '../advice/make-report.js';

export function makeOptions(overrides: Partial<Options> = {}): Options {
	return {
		dir: '/tmp/flask-demo',
		demo: false,
		yes: false,
		json: false,
		build: true,
		write: false,
		dryRun: false,
		base: 'slim',
		python: undefined,
		runs: 1,
		network: undefined,
		keepImages: false,
		report: undefined,
		mode: 'tui',
		...overrides,
	};
}

export function makeReport(overrides: Partial<ProjectReport> = {}): ProjectReport {
	return makeBaseReport({
		root: '/tmp/flask-demo',
		python: {version: '3.11', source: 'Dockerfile FROM python:3.11'},
		port: 5000,
		portSource: 'app.py app.run(port=5000)',
		dockerfile: {path: 'Dockerfile', text: 'FROM python:3.11\nWORKDIR /app\nCOPY . /app\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n'},
		context: {bytes: 187_400_000, files: 5321, largest: [{path: 'data/dump.csv', bytes: 120_000_000}], secrets: ['.env']},
		...overrides,
	});
}

export const findings: Finding[] = [
	{rule: 'DL3042', severity: 'warning', line: 4, message: 'pip install keeps its cache in the image', fix: 'Add --no-cache-dir to pip install.'},
	{rule: 'DW001', severity: 'error', line: 3, message: 'COPY . before installing dependencies busts the cache on every edit', fix: 'Copy requirements.txt first, install, then copy the code.'},
	{rule: 'DW002', severity: 'error', line: null, message: '.env would be sent to the build and copied into the image', fix: 'Add .env to .dockerignore.', file: '.dockerignore'},
	{rule: 'DL3006', severity: 'info', line: 1, message: 'The base image is the full python:3.11 (over 1 GB)', fix: 'Use python:3.11-slim.'},
];

export function makeProposal(choices: ProposalChoices): Proposal {
	const dockerfile = [
		`FROM python:${choices.python}-${choices.flavor} AS build`,
		'WORKDIR /app',
		'COPY requirements.txt .',
		'RUN pip install --no-cache-dir -r requirements.txt gunicorn',
		'COPY . .',
		'USER app',
		`EXPOSE ${choices.port}`,
		`CMD ["gunicorn", "--bind", "0.0.0.0:${choices.port}", "${choices.wsgiTarget}"]`,
	].join('\n');
	return {
		dockerfile: `${dockerfile}\n`,
		dockerignore: '.git\n.venv\n__pycache__\n.env\ndata/\n',
		changes: [
			{title: 'Slim base image', why: 'python:3.11 carries compilers and headers the app never uses at run time.', impact: 'size'},
			{title: 'Dependencies before code', why: 'A code edit no longer reinstalls every package.', impact: 'speed', rule: 'DW001'},
			{title: 'Runs as a non-root user', why: 'A compromised app cannot write to the system.', impact: 'security'},
			{title: 'gunicorn serves the app', why: 'The Flask development server is not meant for production.', impact: 'correctness'},
		],
		warnings: choices.flavor === 'alpine' ? ['alpine uses musl: packages without musl wheels compile from source.'] : [],
		choices,
		diff: {
			dockerfile: '--- Dockerfile\n+++ Dockerfile (proposed)\n@@ -1,5 +1,8 @@\n-FROM python:3.11\n+FROM python:3.11-slim AS build\n WORKDIR /app\n',
			dockerignore: '',
		},
	};
}

export function makeBuilds(overrides: {afterOk?: boolean; afterSmokeOk?: boolean} = {}): Builds {
	const afterOk = overrides.afterOk ?? true;
	const afterSmokeOk = overrides.afterSmokeOk ?? true;
	return {
		before: {
			ok: true,
			image: 'dockwiz-before',
			sizeBytes: 1_090_000_000,
			layers: 11,
			buildSeconds: 50.3,
			rebuildSeconds: 21.4,
			contextBytes: 187_400_000,
			user: 'root',
			smoke: {ok: true, status: 200, startupSeconds: 1.3},
			error: null,
		},
		after: {
			ok: afterOk,
			image: 'dockwiz-after',
			sizeBytes: afterOk ? 152_000_000 : null,
			layers: afterOk ? 9 : null,
			buildSeconds: afterOk ? 18.2 : null,
			rebuildSeconds: afterOk ? 1.1 : null,
			contextBytes: 12_300,
			user: afterOk ? 'app' : null,
			smoke: afterOk ? {ok: afterSmokeOk, status: afterSmokeOk ? 200 : null, startupSeconds: afterSmokeOk ? 0.8 : null} : null,
			error: afterOk ? null : {phase: 'build', step: null, instruction: null, exitCode: null, message: 'pip install exited with code 1', logTail: []},
		},
	};
}

export function makeMeasurement(overrides: {afterOk?: boolean; afterSmokeOk?: boolean} = {}): Measurement {
	const builds = makeBuilds(overrides);
	const after = builds.after;
	return {
		builds,
		summary: {
			sizeRatio: after.sizeBytes === null ? null : after.sizeBytes / 1_090_000_000,
			buildTimeRatio: after.buildSeconds === null ? null : after.buildSeconds / 50.3,
			rebuildTimeRatio: after.rebuildSeconds === null ? null : after.rebuildSeconds / 21.4,
		},
	};
}

/** The sequence the engine emits for a measured pair of builds, in order. */
export const engineEvents: EngineEvent[] = [
	{type: 'engine', info: {endpoint: 'unix:///var/run/docker.sock', engineVersion: '20.10.24', apiVersion: '1.41', builders: ['classic']}},
	{type: 'phase', phase: 'pull'},
	{type: 'pull', image: 'python:3.11-slim', layer: 'a1', status: 'Downloading', currentBytes: 10_000_000, totalBytes: 40_000_000},
	{type: 'pull', image: 'python:3.11-slim', layer: 'a1', status: 'Download complete'},
	{type: 'phase', phase: 'build', side: 'before', run: 1, runs: 1},
	{type: 'step', side: 'before', phase: 'build', index: 1, total: 5, instruction: 'FROM python:3.11'},
	{type: 'step', side: 'before', phase: 'build', index: 4, total: 5, instruction: 'RUN pip install -r requirements.txt'},
	{type: 'log', side: 'before', line: 'Collecting flask'},
	{type: 'log', side: 'before', line: 'Successfully installed flask-3.0.0'},
	{type: 'built', side: 'before', phase: 'build', ok: true, seconds: 50.3},
	{type: 'phase', phase: 'build', side: 'after', run: 1, runs: 1},
	{type: 'step', side: 'after', phase: 'build', index: 4, total: 8, instruction: 'RUN pip install --no-cache-dir -r requirements.txt gunicorn'},
	{type: 'built', side: 'after', phase: 'build', ok: true, seconds: 18.2},
	{type: 'phase', phase: 'rebuild', side: 'before'},
	{type: 'step', side: 'before', phase: 'rebuild', index: 3, total: 5, instruction: 'COPY . /app'},
	{type: 'built', side: 'before', phase: 'rebuild', ok: true, seconds: 21.4},
	{type: 'phase', phase: 'rebuild', side: 'after'},
	{type: 'built', side: 'after', phase: 'rebuild', ok: true, seconds: 1.1},
	{type: 'phase', phase: 'smoke'},
	{type: 'smoke', side: 'before', status: 'start'},
	{type: 'smoke', side: 'before', status: 'ok', httpStatus: 200, seconds: 1.3},
	{type: 'smoke', side: 'after', status: 'start'},
	{type: 'smoke', side: 'after', status: 'ok', httpStatus: 200, seconds: 0.8},
	{type: 'phase', phase: 'cleanup'},
];

export type WorkCalls = {
	scan: number;
	advise: ProposalChoices[];
	measure: number;
	write: number;
	saveReport: string[];
	measureAborted: boolean;
	auditProposed: number;
};

export type FakeWorkOptions = {
	report?: ProjectReport;
	scanError?: Error;
	/** Events emitted by measure, one per tick; then it resolves with this measurement. */
	events?: EngineEvent[];
	measurement?: Measurement;
	/** measure never resolves on its own: it waits for the abort signal. */
	measureHangs?: boolean;
	writeOutcome?: WriteOutcome;
};

/** The build context under the proposed .dockerignore: .env, data/ and .git left out. */
export const proposedContext = {bytes: 48_200, files: 23, ignoredBytes: 187_351_800, ignoredFiles: 5298, largest: [{path: 'app.py', bytes: 9_100}], secrets: []};

const tick = () => new Promise(resolve => setTimeout(resolve, 1));

export function fakeWork(options: FakeWorkOptions = {}): {work: Work; calls: WorkCalls} {
	const calls: WorkCalls = {scan: 0, advise: [], measure: 0, write: 0, saveReport: [], measureAborted: false, auditProposed: 0};
	const work: Work = {
		async scan(onProgress) {
			calls.scan++;
			onProgress('Found app.py: a Flask app (app:app)');
			await tick();
			onProgress('Python 3.11 from the Dockerfile');
			await tick();
			if (options.scanError) throw options.scanError;
			return options.report ?? makeReport();
		},
		advise(_report, choices) {
			calls.advise.push(choices);
			return {findings, proposal: makeProposal(choices)};
		},
		async measure(_report, _proposal, onEvent, signal) {
			calls.measure++;
			for (const event of options.events ?? engineEvents) {
				if (signal.aborted) break;
				onEvent(event);
				await tick();
			}

			if (options.measureHangs) {
				await new Promise<void>(resolve => {
					if (signal.aborted) resolve();
					signal.addEventListener('abort', () => resolve());
				});
				// The real engine removes its containers here before rejecting.
				await tick();
				calls.measureAborted = true;
				throw new Error('aborted');
			}

			return options.measurement ?? makeMeasurement();
		},
		async write() {
			calls.write++;
			await tick();
			return options.writeOutcome ?? {written: ['Dockerfile', '.dockerignore'], backups: ['Dockerfile.bak'], unchanged: []};
		},
		async saveReport(path) {
			calls.saveReport.push(path);
			await tick();
			return path;
		},
		async auditProposed() {
			calls.auditProposed++;
			await tick();
			return proposedContext;
		},
	};
	return {work, calls};
}
