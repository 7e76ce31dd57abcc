import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {benchChart, niceScale} from '../../bench/chart.js';
import type {BenchResults} from '../../bench/results.js';
import {dockerInitDockerfileText, dockerInitDockerignoreText} from '../../bench/docker-init-template.js';
import {dependencyEdit, parseReclaimed} from '../../bench/measure-variants.js';
import {variantOrder, variantsFor} from '../../bench/variants.js';
import {scanProject} from '../../source/analysis/index.js';
import {buildkitNeed} from '../../source/engine/index.js';

const fixtures = path.join(import.meta.dirname, '..', '..', 'bench', 'fixtures');

const read = (fixture: string, file: string) => fs.readFileSync(path.join(fixtures, fixture, file), 'utf8');

describe('the variants of a bench fixture', () => {
	it('single-file: the naive file, the article\'s recipe on slim, docker init as written with gunicorn added to requirements.txt, and dockwiz\'s proposals', async () => {
		const report = await scanProject(path.join(fixtures, 'single-file'));
		const variants = variantsFor(report, read('single-file', 'requirements.txt'));
		expect(variants.map(v => v.name)).toEqual(variantOrder);
		const [naive, article, init, slim, distroless] = variants;
		expect(naive.dockerfile).toBe('FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n');
		expect(naive.dockerignore).toBeNull();
		expect(article.label).toBe("article's recipe on slim");
		expect(article.dockerfile).toBe('FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --upgrade pip && pip install -r requirements.txt && rm -rf ~/.cache/pip\nCOPY . .\nCMD ["python", "app.py"]\n');
		expect(article.deviations.join('\n')).toContain('`COPY . /app/app.py` → `COPY . .`');
		expect(article.fileAsUsersGetIt).toContain('FROM python:3.11-alpine');
		// docker init: its text with only the syntax line removed, and the requirements.txt its prompt asks for.
		expect(init.fileAsUsersGetIt).toBe(dockerInitDockerfileText({pythonVersion: '3.11', port: 5000, command: 'gunicorn app:app --bind=0.0.0.0:5000'}));
		expect(init.dockerfile).toBe(init.fileAsUsersGetIt!.replace('# syntax=docker/dockerfile:1\n', ''));
		expect(init.dockerignore).toBe(dockerInitDockerignoreText);
		expect(init.contextFiles).toEqual({'requirements.txt': 'flask>=2.2,<3\ngunicorn\n'});
		expect(init.peer).toEqual({asIs: true, handEdited: false});
		expect(init.measure).toEqual({warm: true, dependency: true, firstAnswerEveryRun: false, warmCacheCold: true});
		expect(buildkitNeed(init.dockerfile)).toBe('`RUN --mount`');
		expect(slim.dockerfile).toMatch(/^FROM python:3\.11-slim AS builder$/m);
		expect(slim.measure).toEqual({warm: true, dependency: true, firstAnswerEveryRun: true, warmCacheCold: false});
		expect(distroless.dockerfile).toContain('gcr.io/distroless/python3-debian12');
		expect(distroless.measure.warm).toBe(false);
	});

	it('native-ext: docker init as written cannot build it (kept out of the targets), and a hand-edited row mounts ./fastsum and installs a compiler', async () => {
		const report = await scanProject(path.join(fixtures, 'native-ext'));
		expect(report.nativeNeeds.map(need => need.package)).toEqual(['fastsum']);
		const variants = variantsFor(report, read('native-ext', 'requirements.txt'));
		expect(variants.map(v => v.name)).toEqual(['naive', 'article', 'docker-init', 'docker-init-edited', 'dockwiz-slim', 'dockwiz-distroless']);
		const [naive, article, init, edited] = variants;
		expect(naive.dockerfile).not.toContain('apt-get');
		expect(article.dockerfile).toContain('COPY fastsum ./fastsum/');
		expect(article.dockerfile).toContain('apt-get install -y --no-install-recommends build-essential python3-dev');
		// gunicorn is in its requirements already: nothing written.
		expect(init.contextFiles).toEqual({});
		expect(init.notes.join(' ')).toContain('cannot build this project as users get it');
		expect(init.measure).toEqual({warm: false, dependency: false, firstAnswerEveryRun: false, warmCacheCold: false});
		expect(edited.label).toBe('docker init, hand-edited');
		expect(edited.peer).toEqual({asIs: false, handEdited: true});
		expect(edited.dockerfile).toContain('    --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n    --mount=type=bind,source=fastsum,target=fastsum,rw \\\n    python -m pip install -r requirements.txt');
		expect(edited.dockerfile).toContain('RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev');
		expect(edited.deviations).toHaveLength(3);
	});

	it('pyproject-app: docker init installs from the requirements.txt its prompt asks for, written from [project].dependencies', async () => {
		const report = await scanProject(path.join(fixtures, 'pyproject-app'));
		const [naive, article, init] = variantsFor(report, null);
		expect(naive.dockerfile).toContain('RUN pip install .\n');
		expect(article.dockerfile).toMatch(/COPY \. \.\nRUN .*pip install \. /);
		expect(init.contextFiles).toEqual({'requirements.txt': 'flask>=2.2,<3\nwaitress>=2.1\ngunicorn\n'});
		expect(init.dockerfile).toContain('python -m pip install -r requirements.txt\n');
		expect(init.deviations.join(' ')).toContain('requirements.txt written in the context stream');
		expect(article.notes.join(' ')).toContain('pip install .');
	});
});

describe('dependencyEdit', () => {
	it('adds the package where the variant\'s user would: docker init\'s requirements.txt, or the project\'s file', () => {
		const change = {ok: true as const, file: 'pyproject.toml', kind: 'pep621' as const, packageName: 'six'};
		expect(dependencyEdit({contextFiles: {'requirements.txt': 'flask\ngunicorn\n'}}, change, 'PYPROJECT')).toEqual({file: 'requirements.txt', text: 'flask\ngunicorn\nsix\n'});
		expect(dependencyEdit({contextFiles: {}}, change, 'PYPROJECT')).toEqual({file: 'pyproject.toml', text: 'PYPROJECT'});
	});

	it('reads the bytes a cache-mount prune freed', () => {
		expect(parseReclaimed('ID\nabc\nTotal reclaimed space: 243.9MB\n')).toBe(243_900_000);
		expect(parseReclaimed('Total reclaimed space: 0B')).toBe(0);
		expect(parseReclaimed('')).toBe(0);
	});
});

describe('the chart', () => {
	it('picks round axis tops', () => {
		expect(niceScale(870)).toEqual({top: 1000, step: 500});
		expect(niceScale(9.3)).toEqual({top: 10, step: 5});
		expect(niceScale(0)).toEqual({top: 1, step: 0.25});
	});

	it('draws a bar per variant and project in each of the two panels, a cross for a failed one', () => {
		const variant = (name: (typeof variantOrder)[number], sizeBytes: number | null) => ({
			name, label: name, ok: sizeBytes !== null, error: null, sizeBytes, layers: 3, contextBytes: 1, user: 'root', httpStatus: 200,
			coldSeconds: {median: 5, min: 5, max: 5, runs: [5]}, warmSeconds: sizeBytes === null ? null : {median: 1, min: 1, max: 1, runs: [1]}, dockerfile: '', dockerignore: null, notes: [],
		});
		const results: BenchResults = {
			date: '2026-11-27 12:00 UTC',
			runs: 1,
			machine: {cpu: 'cpu', cores: 2, memoryBytes: 1, os: 'Linux', engineVersion: '20.10', apiVersion: '1.41', builder: 'BuildKit', network: 'host'},
			fixtures: ['a', 'b'].map(name => ({name, shape: name, wsgiTarget: 'app:app', manager: 'pip', port: 5000, editFile: 'app.py', variants: variantOrder.map((v, i) => variant(v, v === 'article' ? null : (i + 1) * 100e6))})),
		};
		const svg = benchChart(results);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg.match(/<\/title><\/rect>/g)).toHaveLength(2 * 2 * 4);
		expect(svg.match(/>×</g)).toHaveLength(4);
		expect(svg).toContain('dockwiz distroless');
	});

	it('leaves a build the bench did not make blank (no cross), and a project without a variant too', () => {
		const variant = (name: (typeof variantOrder)[number], warm: boolean) => ({
			name, label: name, ok: true, error: null, sizeBytes: 100e6, layers: 3, contextBytes: 1, user: 'root', httpStatus: 200,
			coldSeconds: {median: 5, min: 5, max: 5, runs: [5]}, warmSeconds: warm ? {median: 1, min: 1, max: 1, runs: [1]} : null, dockerfile: '', dockerignore: null, notes: [],
		});
		const results: BenchResults = {
			date: '2026-12-01 05:00 UTC',
			runs: 5,
			machine: {cpu: 'cpu', cores: 2, memoryBytes: 1, os: 'Linux', engineVersion: '20.10', apiVersion: '1.41', builder: 'BuildKit', network: 'host'},
			fixtures: [
				{name: 'a', shape: 'a', wsgiTarget: 'app:app', manager: 'pip', port: 5000, editFile: 'app.py', variants: variantOrder.map(v => variant(v, v !== 'article'))},
				{name: 'b', shape: 'b', wsgiTarget: 'app:app', manager: 'pip', port: 5000, editFile: 'app.py', variants: [variant('docker-init', true), variant('dockwiz-slim', true)]},
			],
		};
		const svg = benchChart(results);
		expect(svg.match(/>×</g)).toBeNull();
		// Sizes: 5 + 2 bars; warm rebuilds: 4 + 2.
		expect(svg.match(/<\/title><\/rect>/g)).toHaveLength(7 + 6);
	});
});
