import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {dependencyChangeFor} from '../../source/advice/dependency-change.js';
import {measure, type Engine} from '../../source/engine/index.js';
import type {Measurement} from '../../source/types.js';
import {makeReport} from '../advice/make-report.js';
import {collect, dockwizTags, engineOrFail, fixtureCopy, freePort, leftovers, runLabel} from './engine-helpers.js';

// Small images on the slim base, one small package from the index: the after side installs from
// requirements.txt; the before side names its package in the Dockerfile, so the added one never
// reaches its image and its dependency-change rebuild must come out "not measured".
describe('the dependency-change rebuild and the first answer, on the engine', () => {
	const label = runLabel();
	let engine: Engine;
	let root: string;
	let result: Measurement;
	const original = 'itsdangerous\n';

	beforeAll(async () => {
		engine = await engineOrFail();
		root = fixtureCopy({'requirements.txt': original});
		const port = await freePort();
		const serve = `CMD ["python3", "-m", "http.server", "${port}", "--bind", "127.0.0.1"]\n`;
		const report = makeReport({root, dependencies: {packages: [{name: 'itsdangerous', spec: '', extras: [], file: 'requirements.txt', line: 1}]}});
		result = await measure(engine, {
			root,
			before: {dockerfile: `FROM python:3.11-slim\nLABEL ${label.line}\nWORKDIR /srv\nRUN pip install --no-cache-dir itsdangerous\nCOPY . .\n${serve}`, dockerignore: null, baseline: false},
			after: {dockerfile: `FROM python:3.11-slim\nLABEL ${label.line}\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n${serve}`, dockerignore: '.git\n'},
			editFile: 'app.py',
			dependencyChange: dependencyChangeFor(report),
			port,
			runs: 2,
			network: 'host',
			keepImages: false,
		}, collect().onEvent, new AbortController().signal);
	}, 300_000);

	afterAll(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});

	it('measures the side that installs from requirements.txt, with the package checked in its image', () => {
		const {after} = result.builds;
		expect(after.ok).toBe(true);
		expect(after.dependencyChange).toEqual({measured: true, packageName: 'six', file: 'requirements.txt'});
		expect(after.dependencyRebuildSeconds).toBeGreaterThan(0);
		expect(after.spread?.dependencyRebuildSeconds?.runs).toHaveLength(2);
	});

	it('says why the side whose Dockerfile names its packages is not measured', () => {
		const {before} = result.builds;
		expect(before.ok).toBe(true);
		expect(before.dependencyRebuildSeconds).toBeNull();
		expect(before.dependencyChange?.reason).toBe('the image rebuilt after adding six to requirements.txt does not have it: this Dockerfile does not install from requirements.txt.');
		expect(result.summary.dependencyRebuildTimeRatio).toBeNull();
	});

	it('times the first answer of one container per run, from the start request', () => {
		for (const side of [result.builds.before, result.builds.after]) {
			expect(side.spread?.firstAnswerSeconds?.runs).toHaveLength(2);
			expect(side.smoke?.firstAnswerSeconds).toBe(side.spread?.firstAnswerSeconds?.median);
			expect(side.spread!.firstAnswerSeconds!.min).toBeGreaterThan(0);
		}
	});

	it('leaves the folder as it was and nothing on the engine', async () => {
		expect(fs.readFileSync(`${root}/requirements.txt`, 'utf8')).toBe(original);
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
		expect(await dockwizTags(engine)).toEqual([]);
	});
});
