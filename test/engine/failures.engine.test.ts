import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {measure, MeasureAborted, type Engine} from '../../source/engine/index.js';
import type {Measurement} from '../../source/types.js';
import {collect, dockwizTags, engineOrFail, fixtureCopy, freePort, hostPlan, leftovers, runLabel} from './engine-helpers.js';

let engine: Engine;
let root: string;
let port: number;

beforeAll(async () => {
	engine = await engineOrFail();
	root = fixtureCopy();
	port = await freePort();
});

afterAll(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

const plan = (before: string, after: string) => hostPlan(root, before, after, port);

// One measurement, two failures: a build that fails and an image that crashes on start.
describe('a failing build and a crashing image', () => {
	const label = runLabel();
	let result: Measurement;

	beforeAll(async () => {
		const failing = `FROM python:3.11-slim\nLABEL ${label.line}\nRUN echo "about to fail" && exit 3\n`;
		const crashing = `FROM python:3.11-slim\nLABEL ${label.line}\nCMD ["python", "-c", "import sys; print('crashing on purpose: no config'); sys.exit(4)"]\n`;
		result = await measure(engine, plan(failing, crashing), collect().onEvent, new AbortController().signal);
	});

	it('gives ok: false with the engine\'s message for the failing Dockerfile', () => {
		expect(result.builds.before.ok).toBe(false);
		expect(result.builds.before.error?.message).toMatch(/returned a non-zero code: 3/);
		expect(result.builds.before.smoke).toBeNull();
		expect(result.summary).toEqual({sizeRatio: null, buildTimeRatio: null, rebuildTimeRatio: null, dependencyRebuildTimeRatio: null});
	});

	it('names the failing step, its instruction, its exit code and its output, and which phases ran', () => {
		const {before} = result.builds;
		expect(before.error).toMatchObject({phase: 'build', step: 3, instruction: 'RUN echo "about to fail" && exit 3', exitCode: 3});
		expect(before.error?.logTail).toContain('about to fail');
		expect(before.phases).toEqual({context: 'passed', pull: 'passed', build: 'failed', rebuild: 'not run', smoke: 'not run'});
		expect(before.contextBytes).toBeGreaterThan(0);
	});

	it('gives smoke.ok: false with the last log lines for the crashing image', () => {
		const {after} = result.builds;
		expect(after.sizeBytes).toBeGreaterThan(0);
		expect(after.smoke?.ok).toBe(false);
		expect(after.smoke?.error).toMatch(/exited with code 4/);
		expect(after.smoke?.logTail).toContain('crashing on purpose: no config');
		expect(after.ok).toBe(false);
		// It built: what it measured stays, and the error is the container's.
		expect(after.phases).toEqual({context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'failed'});
		expect(after.error).toMatchObject({phase: 'smoke', exitCode: 4});
		expect(after.error?.logTail).toContain('crashing on purpose: no config');
		expect(after.layers).toBeGreaterThan(0);
		expect(after.buildSeconds).toBeGreaterThan(0);
		expect(after.logs?.container).toContain('crashing on purpose: no config');
	});

	it('leaves nothing behind', async () => {
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
		expect(await dockwizTags(engine)).toEqual([]);
	});
});

describe('a base image the engine does not have, with no registry', () => {
	it('fails that side with a clear error before any build', async () => {
		const {events, onEvent} = collect();
		const missing = 'dockwiz-no-such-base:0.0.1';
		const result = await measure(engine, plan(`FROM ${missing}\nCMD ["true"]\n`, `FROM ${missing}\nCMD ["true"]\n`), onEvent, new AbortController().signal);
		for (const side of [result.builds.before, result.builds.after]) {
			expect(side.ok).toBe(false);
			expect(side.error?.message).toContain(`Base image ${missing} is not on this engine and could not be pulled`);
			expect(side.error?.message).toContain(`docker pull ${missing}`);
		}

		expect(events.some(e => e.type === 'step')).toBe(false);
		expect(events.filter(e => e.type === 'pull').map(e => e.type === 'pull' && e.status)).toEqual(['pulling', 'failed']);
	});
});

describe('a build that outlives its timeout', () => {
	it('is stopped with a message, and leaves nothing behind', async () => {
		const label = runLabel();
		const slow = `FROM python:3.11-slim\nLABEL ${label.line}\nRUN sleep 60\n`;
		const started = performance.now();
		const result = await measure(engine, {...plan(slow, slow), buildTimeoutSeconds: 3}, collect().onEvent, new AbortController().signal);
		expect(result.builds.before.error?.message).toBe('The build took longer than 3 s and was stopped.');
		expect(result.builds.after.ok).toBe(false);
		// Unstopped, either side alone would take its 60 s sleep: anything below proves both were stopped.
		expect((performance.now() - started) / 1000).toBeLessThan(60);
		const left = await leftovers(engine, label);
		const details = await Promise.all(left.containers.map(id => engine.docker.getContainer(id).inspect().then(c => `${c.Config.Cmd?.join(' ')} ${c.State.Status}`)));
		expect({...left, details}).toEqual({images: [], containers: [], details: []});
	});
});

describe('an aborted build', () => {
	it('stops the build and leaves no container and no image of ours', async () => {
		const label = runLabel();
		const containersBefore = (await engine.docker.listContainers({all: true})).map(c => c.Id);
		const imagesBefore = (await engine.docker.listImages({all: true})).map(i => i.Id);
		// The slow step names this run: other runs on the shared engine may sleep 120 s too.
		const sleepStep = `RUN sleep 120 # ${label.value}`;
		const slow = `FROM python:3.11-slim\nLABEL ${label.line}\nRUN echo first > /first.txt\nRUN echo second > /second.txt\n${sleepStep}\nCMD ["true"]\n`;
		const controller = new AbortController();
		let sawSleep = false;
		const started = performance.now();
		const run = measure(engine, plan(slow, slow), event => {
			if (event.type === 'step' && event.instruction === sleepStep && !sawSleep) {
				sawSleep = true;
				// Abort while the container of the slow step runs, after two steps were committed.
				setTimeout(() => controller.abort(), 1500);
			}
		}, controller.signal);
		await expect(run).rejects.toBeInstanceOf(MeasureAborted);
		expect(sawSleep).toBe(true);
		// Unaborted, the build would sleep 120 s a side.
		expect((performance.now() - started) / 1000).toBeLessThan(110);

		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
		expect(await dockwizTags(engine)).toEqual([]);
		// Whole lists: nothing new carries our label or was made from our steps.
		const newContainers = (await engine.docker.listContainers({all: true})).filter(c => !containersBefore.includes(c.Id));
		expect(newContainers.filter(c => c.Labels?.[label.key] === label.value || c.Command.includes(`sleep 120 # ${label.value}`))).toEqual([]);
		const newImages = (await engine.docker.listImages({all: true})).filter(i => !imagesBefore.includes(i.Id));
		expect(newImages.filter(i => i.Labels?.[label.key] === label.value)).toEqual([]);
	});
});

describe('a build aborted while the engine copies files in', () => {
	// Aborted as the copy starts, midway and near its end: the engine commits the copy's image
	// seconds after the cancel (removing its parent first used to leave it as an orphan).
	it.each([0, 900, 1800])('leaves no image, the one the engine commits after the cancel included (abort %i ms into the copy)', async delay => {
		const label = runLabel();
		const imagesBefore = (await engine.docker.listImages({all: true})).map(i => i.Id);
		// Big enough that the copy and its commit take the engine a while after the cancel.
		const big = `big-${label.value}.bin`;
		fs.writeFileSync(`${root}/${big}`, Buffer.alloc(192 * 1024 * 1024, 7));
		try {
			const copying = `FROM python:3.11-slim\nLABEL ${label.line}\nWORKDIR /app\nCOPY ${big} ./\nRUN sleep 120\n`;
			const controller = new AbortController();
			let sawCopy = false;
			const run = measure(engine, plan(copying, copying), event => {
				if (event.type === 'step' && event.instruction.startsWith('COPY') && !sawCopy) {
					sawCopy = true;
					setTimeout(() => controller.abort(), delay);
				}
			}, controller.signal);
			await expect(run).rejects.toBeInstanceOf(MeasureAborted);
			expect(sawCopy).toBe(true);
		} finally {
			fs.rmSync(`${root}/${big}`, {force: true});
		}

		// Anything the engine still had in flight would land within seconds.
		await new Promise(resolve => setTimeout(resolve, 5000));
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
		// The whole list: each step's image carries the label the first step set.
		const newImages = (await engine.docker.listImages({all: true})).filter(i => !imagesBefore.includes(i.Id));
		expect(newImages.filter(i => i.Labels?.[label.key] === label.value)).toEqual([]);
	});
});
