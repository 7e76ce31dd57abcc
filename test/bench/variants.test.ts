import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {benchChart, niceScale} from '../../bench/chart.js';
import type {BenchResults} from '../../bench/results.js';
import {variantOrder, variantsFor} from '../../bench/variants.js';
import {scanProject} from '../../source/analysis/index.js';
import {buildkitNeed} from '../../source/engine/index.js';

const fixtures = path.join(import.meta.dirname, '..', '..', 'bench', 'fixtures');

describe('the five variants of a bench fixture', () => {
	it('single-file: the issue\'s naive file, the article\'s recipe on slim, docker-init-style with BuildKit, and dockwiz\'s proposals', async () => {
		const report = await scanProject(path.join(fixtures, 'single-file'));
		const variants = variantsFor(report);
		expect(variants.map(v => v.name)).toEqual(variantOrder);
		const [naive, article, init, slim, distroless] = variants;
		expect(naive.dockerfile).toBe('FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n');
		expect(naive.dockerignore).toBeNull();
		expect(article.dockerfile).toBe('FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --upgrade pip && pip install -r requirements.txt && rm -rf ~/.cache/pip\nCOPY . .\nCMD ["python", "app.py"]\n');
		expect(article.dockerignore).toContain('.git');
		expect(buildkitNeed(init.dockerfile)).toBe('`RUN --mount`');
		expect(init.dockerfile).toContain('python -m pip install -r requirements.txt gunicorn');
		expect(init.dockerfile.indexOf('USER appuser')).toBeLessThan(init.dockerfile.indexOf('COPY . .'));
		expect(init.dockerfile).toContain("CMD gunicorn 'app:app' --bind=0.0.0.0:5000");
		expect(slim.dockerfile).toMatch(/^FROM python:3\.11-slim AS builder$/m);
		expect(distroless.dockerfile).toContain('gcr.io/distroless/python3-debian12');
	});

	it('native-ext: the local C extension is copied or mounted before the install, with a compiler in the single-stage files', async () => {
		const report = await scanProject(path.join(fixtures, 'native-ext'));
		expect(report.nativeNeeds.map(need => need.package)).toEqual(['fastsum']);
		const [naive, article, init] = variantsFor(report);
		expect(naive.dockerfile).not.toContain('apt-get');
		expect(article.dockerfile).toContain('COPY fastsum ./fastsum/');
		expect(article.dockerfile).toContain('apt-get install -y --no-install-recommends build-essential python3-dev');
		expect(init.dockerfile).toContain('--mount=type=bind,source=fastsum,target=fastsum,rw');
		// gunicorn is in its requirements already.
		expect(init.dockerfile).toContain('python -m pip install -r requirements.txt\n');
	});

	it('pyproject-app: the templates install the project with `pip install .` and say why the code comes first', async () => {
		const report = await scanProject(path.join(fixtures, 'pyproject-app'));
		const [naive, article, init] = variantsFor(report);
		expect(naive.dockerfile).toContain('RUN pip install .\n');
		expect(article.dockerfile).toMatch(/COPY \. \.\nRUN .*pip install \. /);
		expect(init.dockerfile).toContain('python -m pip install /tmp/project gunicorn');
		expect(article.notes.join(' ')).toContain('pip install .');
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
});
