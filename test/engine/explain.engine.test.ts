import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {imageBytes, type ImageBytes} from '../../source/analysis/image-bytes.js';
import {walkContext} from '../../source/analysis/context-walk.js';
import {buildImage, packContext, type Engine} from '../../source/engine/index.js';
import {exportImageLayers} from '../../source/engine/image-export.js';
import {stepsBytes} from '../../source/engine/step-bytes.js';
import type {Explanation, LayerBreakdown} from '../../source/explain-types.js';
import {sumCheckOf} from '../../source/report/explain-summary.js';
import type {Proposal} from '../../source/types.js';
import {createWork} from '../../source/work.js';
import {engineOrFail, fixtureCopy, freePort, runLabel} from './engine-helpers.js';

const mib = 1_048_576;
const site = 'usr/local/lib/python3.11/site-packages';
const record = ['known_pkg/__init__.py,sha256=aaa,3000', 'known_pkg/data.bin,sha256=bbb,5000', 'known_pkg-1.0.dist-info/RECORD,,', ''].join('\n');
const appPy = 'print("known answer")\n';

// An image whose every byte is known: 1 MiB written then deleted (1 MiB wasted), a 1000-byte
// file overwritten by a 500-byte one (1000 wasted), a package of 3000 + 5000 bytes and its RECORD.
const knownSteps = (label: string) => `FROM debian:12-slim
LABEL ${label}
RUN head -c ${mib} /dev/zero > /big.bin
RUN rm /big.bin
RUN head -c 1000 /dev/zero > /over.txt
`;
const knownDockerfile = (label: string) => `${knownSteps(label)}RUN head -c 500 /dev/zero > /over.txt
COPY site/ /${site}/
WORKDIR /app
COPY app.py .
`;

describe('where the bytes are: an image with a known answer', () => {
	let engine: Engine;
	let root: string;
	let bytes: ImageBytes;
	// An intermediate step (the first lines, its layers shared with the whole image) and the whole image, read as --explain reads its steps.
	let steps: Array<LayerBreakdown | null>;
	// The base image's own bytes: a stand-in base may itself overwrite a file (its own waste), which the answers add to.
	let base: LayerBreakdown;
	const aboveBase = (wasted: LayerBreakdown['wasted']) => wasted.filter(entry => !base.wasted.some(inBase => inBase.path === entry.path));
	const label = runLabel();
	const tag = `dockwiz-known-answer:${label.value}`;
	const stepTag = `dockwiz-known-answer:${label.value}-step`;

	beforeAll(async () => {
		engine = await engineOrFail();
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-known-'));
		fs.mkdirSync(path.join(root, 'site', 'known_pkg'), {recursive: true});
		fs.mkdirSync(path.join(root, 'site', 'known_pkg-1.0.dist-info'));
		fs.writeFileSync(path.join(root, 'site', 'known_pkg', '__init__.py'), 'x'.repeat(3000));
		fs.writeFileSync(path.join(root, 'site', 'known_pkg', 'data.bin'), Buffer.alloc(5000, 7));
		fs.writeFileSync(path.join(root, 'site', 'known_pkg-1.0.dist-info', 'RECORD'), record);
		fs.writeFileSync(path.join(root, 'app.py'), appPy);
		fs.writeFileSync(path.join(root, 'Dockerfile'), knownDockerfile(label.line));
		const walk = await walkContext(root, null);
		const build = async (imageTag: string) => {
			const built = await buildImage(engine, {side: 'after', phase: 'build', context: () => packContext(root, walk.included), tag: imageTag, nocache: false, builder: 'classic', needsBuildkit: false, timeoutSeconds: 300}, () => undefined, new AbortController().signal);
			if (!built.ok || !built.imageId) throw new Error(built.error ?? 'build failed');
			return built.imageId;
		};

		const whole = await build(tag);
		fs.writeFileSync(path.join(root, 'Dockerfile'), knownSteps(label.line));
		const step = await build(stepTag);
		bytes = imageBytes(await exportImageLayers(engine, tag, 'debian:12-slim'));
		const [baseBytes, ...stepBytes] = await stepsBytes(engine, [{imageId: (await engine.adapter.inspectImage('debian:12-slim')).id, baseImage: null}, {imageId: step, baseImage: 'debian:12-slim'}, {imageId: whole, baseImage: 'debian:12-slim'}], 10);
		if (!baseBytes) throw new Error('the base image was not read');
		base = baseBytes;
		steps = stepBytes;
	});

	afterAll(async () => {
		await engine?.adapter.removeImage(stepTag).catch(() => undefined);
		await engine?.adapter.removeImage(tag).catch(() => undefined);
		fs.rmSync(root, {recursive: true, force: true});
	});

	it('counts the deleted MiB and the overwritten 1000 bytes as wasted, exactly', () => {
		expect(bytes.wastedBytes).toBe(base.wastedBytes + mib + 1000);
		expect(aboveBase(bytes.wasted)).toEqual([{path: '/big.bin', bytes: mib}, {path: '/over.txt', bytes: 1000}]);
	});

	it('sizes the package from its RECORD, exactly', () => {
		expect(bytes.packages).toEqual([{name: 'known_pkg', version: '1.0', sizeBytes: 3000 + 5000 + record.length, files: 3}]);
	});

	it('puts every byte above the base in its category, exactly', () => {
		expect(bytes.categories['Python packages']).toBe(3000 + 5000 + record.length);
		expect(bytes.categories['app files']).toBe(appPy.length);
		expect(bytes.categories.other).toBe(mib + 1000 + 500);
		expect(bytes.categories['base image']).toBeGreaterThan(10_000_000);
		expect(bytes.totalBytes).toBe(Object.values(bytes.categories).reduce((sum, value) => sum + value, 0));
	});

	it('an intermediate step, read from the same export as the whole image, has its own known answer', () => {
		const [step, whole] = steps;
		// Only the deleted MiB is wasted yet (the 1000-byte file is not overwritten until a later step), no package, no app.
		expect(step?.wastedBytes).toBe(base.wastedBytes + mib);
		expect(aboveBase(step?.wasted ?? [])).toEqual([{path: '/big.bin', bytes: mib}]);
		expect(step?.packages).toEqual([]);
		expect(step?.categories).toMatchObject({other: mib + 1000, 'Python packages': 0, 'app files': 0, 'base image': base.totalBytes});
		expect(step?.totalBytes).toBe(bytes.categories['base image'] + mib + 1000);
		// The whole image composed from the shared export reads exactly as when exported on its own.
		expect(whole).toEqual({...bytes, packages: bytes.packages.slice(0, 10), wasted: bytes.wasted.slice(0, 10)});
	});
});

// The demo fixture explained end to end once: every step built, measured and run. Its before
// runs on the slim image, which keeps this test near two minutes (the full image's steps are
// what the demo run measures); the slim step is then rightly left out.
describe('--explain: the demo fixture, step by step', () => {
	let root: string;
	let explanation: Explanation;
	let proposal: Proposal;
	let seconds = 0;

	beforeAll(async () => {
		root = fixtureCopy();
		const port = await freePort();
		fs.writeFileSync(path.join(root, 'app.py'), fs.readFileSync(path.join(root, 'app.py'), 'utf8').replace('port=5000', `port=${port}`));
		fs.mkdirSync(path.join(root, '.git', 'objects'), {recursive: true});
		fs.writeFileSync(path.join(root, '.git', 'objects', 'pack'), 'g'.repeat(200_000));
		fs.writeFileSync(path.join(root, 'Dockerfile'), fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace('FROM python:3.11\n', 'FROM python:3.11-slim\n'));
		const work = createWork({dir: root, demo: false, yes: true, json: true, build: true, write: false, dryRun: true, base: 'slim', python: undefined, runs: 1, network: 'host', keepImages: false, report: undefined, explain: true, mode: 'json'});
		const report = await work.scan(() => undefined, new AbortController().signal);
		proposal = work.advise(report, {flavor: 'slim', python: '3.11', port, wsgiTarget: report.wsgiTarget ?? 'app:app'}).proposal;
		const started = Date.now();
		explanation = await work.explain!(report, proposal, () => undefined, new AbortController().signal);
		seconds = (Date.now() - started) / 1000;
	});

	afterAll(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});

	it('builds every step, each answers HTTP, and the last is exactly the proposal', () => {
		expect(explanation.steps.map(step => step.error)).toEqual(explanation.steps.map(() => null));
		expect(explanation.steps.every(step => step.answered)).toBe(true);
		expect(explanation.steps.map(step => step.change)).toEqual([
			'Before: your Dockerfile',
			'The proposed .dockerignore',
			'Dependency files copied and installed (into /opt/venv) before the code',
			'No pip cache (--no-cache-dir)',
			'Multi-stage build: only the venv reaches the runtime image',
			'Non-root user and production server (the proposal as a whole)',
		]);
		expect(explanation.notes).toContain('Slim base: the before already runs on python:3.11-slim.');
		expect(explanation.steps.at(-1)).toMatchObject({dockerfile: proposal.dockerfile, dockerignore: proposal.dockerignore});
		expect(explanation.seconds).toBeLessThanOrEqual(seconds + 1);
	});

	it('the steps\' size deltas add up to the first-to-last difference', () => {
		const check = sumCheckOf(explanation, null);
		expect(check?.adds).toBe(true);
		expect(check?.firstToLastBytes).toBe((explanation.steps.at(-1)!.sizeBytes ?? 0) - (explanation.steps[0].sizeBytes ?? 0));
	});

	it('the .dockerignore step shrinks the context, and the dependency step makes the rebuild faster', () => {
		const [before, ignore, depsFirst] = explanation.steps;
		expect(ignore.contextBytes).toBeLessThan((before.contextBytes ?? 0) - 150_000);
		expect(depsFirst.rebuildSeconds).toBeLessThan(ignore.rebuildSeconds ?? 0);
	});

	it('reads where every step\'s bytes are; the first and last are the before and after', () => {
		for (const step of explanation.steps) expect(step.bytes?.totalBytes).toBeGreaterThan(0);
		expect(explanation.layers.before).toEqual(explanation.steps[0].bytes);
		expect(explanation.layers.after).toEqual(explanation.steps.at(-1)!.bytes);
		// The .dockerignore step keeps the 200 kB .git out of the image (and copies the .dockerignore itself in).
		const [before, ignore] = explanation.steps;
		expect((before.bytes?.categories['app files'] ?? 0) - (ignore.bytes?.categories['app files'] ?? 0)).toBeGreaterThanOrEqual(200_000 - proposal.dockerignore.length);
	});

	it('reads where the bytes are before and after, with Flask among the packages', () => {
		const {before, after} = explanation.layers;
		expect(before?.packages.some(item => item.name.toLowerCase() === 'flask')).toBe(true);
		expect(after?.packages.some(item => item.name.toLowerCase() === 'flask')).toBe(true);
		expect(after?.categories['app files']).toBeGreaterThan(0);
		expect(after?.categories['package-manager caches']).toBe(0);
		// The last line that matches a file decides: a later `.git` line, if any, takes it.
		const git = explanation.context.rules.filter(rule => /^\.git\/?$/.test(rule.pattern));
		expect(git.reduce((sum, rule) => sum + rule.bytes, 0)).toBe(200_000);
	});
});
