// Realistic inputs for the report tests: the demo app scanned, advised and measured.

import type {BuildResult, Finding, Measurement, ProjectReport, Proposal, SideError} from '../../source/types.js';
import {makeReport} from '../advice/make-report.js';

export const secretValue = 'sk-live-9f8e7d6c5b4a39281706';

export function sampleProject(): ProjectReport {
	return makeReport({
		root: '/tmp/dockwiz-demo-abc/flask-demo',
		python: {version: '3.11', source: 'Dockerfile FROM python:3.11'},
		dependencies: {
			packages: [
				{name: 'flask', spec: '', extras: [], file: 'requirements.txt', line: 1},
				{name: 'flask', spec: '>=3', extras: ['async'], file: 'requirements.txt', line: 2},
			],
		},
		port: 5000,
		portSource: 'app.py:12',
		dockerfile: {path: 'Dockerfile', text: 'FROM python:3.11\nWORKDIR /app\nCOPY . /app\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n'},
		dockerignore: {path: '.env', text: `SECRET_KEY=${secretValue}\n`},
		context: {
			bytes: 31_400_000,
			files: 3_412,
			largest: [{path: 'data/sample.csv', bytes: 25_000_000}, {path: '.git', bytes: 2_100_000}],
			secrets: ['.env'],
		},
		problems: [{rule: 'DW900', severity: 'info', line: null, message: 'data/blob.bin is binary; skipped', fix: 'Nothing to do', file: 'data/blob.bin'}],
	});
}

export const sampleFindings: Finding[] = [
	{rule: 'DW001', severity: 'error', line: 3, message: 'COPY . before pip install: every code edit reinstalls dependencies', fix: 'Copy requirements.txt first, install, then copy the code'},
	{rule: 'DW010', severity: 'warning', line: null, message: 'The build context sends .env | a secret', fix: 'Add .env to .dockerignore', file: '.dockerignore'},
];

export function sampleProposal(): Proposal {
	return {
		dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER app\nCMD ["gunicorn", "app:app"]\n',
		dockerignore: '.git\n.venv\n__pycache__\n.env\ndata/\n',
		changes: [
			{title: 'Slim base image', why: 'python:3.11-slim drops compilers and docs the app never uses', impact: 'size'},
			{title: 'Dependencies before code', why: 'a code edit no longer reinstalls Flask', impact: 'speed', rule: 'DW001'},
		],
		warnings: [],
		choices: {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'},
		diff: {dockerfile: '--- a/Dockerfile\n+++ b/Dockerfile\n', dockerignore: ''},
	};
}

export function sampleBuild(overrides: Partial<BuildResult> = {}): BuildResult {
	return {
		ok: true,
		image: 'dockwiz-before',
		sizeBytes: 1_090_000_000,
		layers: 12,
		buildSeconds: 50.3,
		rebuildSeconds: 20,
		contextBytes: 31_400_000,
		user: 'root',
		smoke: {ok: true, status: 200, startupSeconds: 0.8},
		error: null,
		...overrides,
	};
}

export function sampleMeasurement(): Measurement {
	return {
		builds: {
			before: sampleBuild(),
			after: sampleBuild({image: 'dockwiz-after', sizeBytes: 128_000_000, layers: 9, buildSeconds: 28.4, rebuildSeconds: 1.5, contextBytes: 4_200, user: 'app'}),
		},
		summary: {sizeRatio: 128 / 1090, buildTimeRatio: 28.4 / 50.3, rebuildTimeRatio: 1.5 / 20},
	};
}

/** A side's error as the engine reports it; a build's by default. */
export function sideError(message: string, overrides: Partial<SideError> = {}): SideError {
	return {phase: 'build', step: null, instruction: null, exitCode: null, message, logTail: [], ...overrides};
}
