// A run killed outright (SIGKILL, power loss) cleans nothing up. Simulated on the real engine:
// a labelled image and container of a run whose process is gone, with the journal entry it
// wrote before creating them, next to those of a run still alive. The next measurement removes
// the dead run's and keeps the live run's.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, measure, newRunIdentity, packContext, runLabels, type Engine, type RunIdentity} from '../../source/engine/index.js';
import {noteCreated, openRun} from '../../source/engine/leftover-journal.js';
import type {EngineEvent} from '../../source/types.js';
import {engineOrFail, fixtureCopy, freePort, leftovers, runLabel as testRunLabel} from '../engine/engine-helpers.js';

const label = testRunLabel();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-killed-'));
const journalFile = path.join(work, 'cache', 'leftovers.json');
let engine: Engine;
let root: string;
const alive = spawn('sleep', ['600'], {stdio: 'ignore'});

type Made = {image: string; intermediates: string[]; container: string};

async function makeAs(identity: RunIdentity, name: string): Promise<Made> {
	const dockerfile = `FROM debian:12-slim\nLABEL ${label.line}\nRUN echo ${name} > /made-by\nCMD ["true"]\n`;
	const outcome = await buildImage(engine, {
		side: 'after',
		phase: 'build',
		context: () => packContext(root, [], new Map([['Dockerfile', dockerfile]])),
		tag: `dockwiz-after:tmp-${name}${label.value}-1-cold`,
		nocache: true,
		builder: 'classic',
		needsBuildkit: false,
		timeoutSeconds: 120,
		labels: runLabels(identity),
	}, () => undefined, new AbortController().signal);
	if (!outcome.ok || !outcome.imageId) throw new Error(outcome.error ?? 'the build failed');
	const container = await engine.adapter.createContainer({image: 'debian:12-slim', name: `dockwiz-${name}-${label.value}`, labels: {...runLabels(identity), [label.key]: label.value}});
	// As the run would have: the journal learns what it created as it goes.
	await noteCreated(journalFile, engine.info.endpoint, identity.runId, {images: outcome.createdImages, containers: [container]});
	return {image: outcome.imageId, intermediates: outcome.createdImages.filter(id => !outcome.imageId!.replace(/^sha256:/, '').startsWith(id)), container};
}

const exists = async (what: 'image' | 'container', id: string) =>
	what === 'image' ? engine.adapter.inspectImage(id).then(() => true, () => false) : engine.adapter.inspectContainer(id).then(() => true, () => false);

let dead: Made;
let live: Made;

beforeAll(async () => {
	engine = await engineOrFail();
	root = fixtureCopy();
	const here = newRunIdentity();
	// A pid that just ended: a process that ran and exited.
	const ended = spawnSync(process.execPath, ['-e', '']).pid;
	const killed: RunIdentity = {runId: `killed-${label.value}`, pid: ended, host: here.host, bootId: here.bootId};
	const running: RunIdentity = {runId: `alive-${label.value}`, pid: alive.pid!, host: here.host, bootId: here.bootId};
	for (const identity of [killed, running]) await openRun(journalFile, engine.info.endpoint, identity);
	dead = await makeAs(killed, 'killed');
	live = await makeAs(running, 'alive');
}, 300_000);

afterAll(async () => {
	await engine.adapter.removeContainer(live.container, {force: true}).catch(() => undefined);
	await engine.adapter.removeImage(`dockwiz-after:tmp-alive${label.value}-1-cold`).catch(() => undefined);
	alive.kill();
	fs.rmSync(work, {recursive: true, force: true});
	fs.rmSync(root, {recursive: true, force: true});
});

describe('what a killed run left', () => {
	it('is removed by the next measurement, while a live run\'s is kept', async () => {
		expect(dead.intermediates.length).toBeGreaterThan(0);
		const events: EngineEvent[] = [];
		const dockerfile = `FROM debian:12-slim\nLABEL ${label.line}\nCMD ["true"]\n`;
		await measure(engine, {
			root,
			before: {dockerfile, dockerignore: null, baseline: false},
			after: {dockerfile, dockerignore: '.git\n'},
			editFile: 'app.py',
			port: await freePort(),
			runs: 1,
			network: 'host',
			keepImages: false,
			smokeTimeoutSeconds: 3,
			journalFile,
		}, event => events.push(event), new AbortController().signal);

		const warnings = events.flatMap(e => (e.type === 'warning' ? [e.message] : []));
		expect(warnings.some(w => /^Removed \d+ image\(s\) or container\(s\) an earlier run left/.test(w)), warnings.join('\n')).toBe(true);
		expect(await exists('image', dead.image)).toBe(false);
		for (const id of dead.intermediates) expect(await exists('image', id)).toBe(false);
		expect(await exists('container', dead.container)).toBe(false);

		expect(await exists('image', live.image)).toBe(true);
		for (const id of live.intermediates) expect(await exists('image', id)).toBe(true);
		expect(await exists('container', live.container)).toBe(true);
		const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Record<string, {runs?: Record<string, unknown>}>;
		expect(Object.keys(journal[engine.info.endpoint].runs ?? {})).toEqual([`alive-${label.value}`]);
	}, 300_000);

	it('leaves nothing of this test behind once the live run\'s things are removed', async () => {
		await engine.adapter.removeContainer(live.container, {force: true});
		await engine.adapter.removeImage(`dockwiz-after:tmp-alive${label.value}-1-cold`);
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
	});
});
