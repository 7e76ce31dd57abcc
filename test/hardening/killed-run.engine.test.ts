// A run killed outright (SIGKILL, power loss) cleans nothing up. Simulated on the real engine:
// what a run whose process is gone made (a classic image its journal names, a BuildKit image
// and a container its labels name), next to the same of a run still alive. The next
// measurement removes the dead run's and keeps the live run's.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, measure, newRunIdentity, packContext, runLabels, type Engine, type RunIdentity} from '../../source/engine/index.js';
import {noteCreated, openRun} from '../../source/engine/leftover-journal.js';
import type {EngineEvent} from '../../source/types.js';
import {engineOrFail, fixtureCopy, leftovers, sameSidesPlan, runLabel as testRunLabel} from '../engine/engine-helpers.js';

const label = testRunLabel();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-killed-'));
const journalFile = path.join(work, 'cache', 'leftovers.json');
let engine: Engine;
let root: string;
const alive = spawn('sleep', ['600'], {stdio: 'ignore'});

type Made = {image: string; intermediates: string[]; buildkitImage: string; container: string};

async function build(identity: RunIdentity, name: string, builder: 'classic' | 'buildkit'): Promise<{id: string; created: string[]; tag: string}> {
	const dockerfile = `FROM debian:12-slim\nLABEL ${label.line}\nRUN echo ${name} ${builder} > /made-by\nCMD ["true"]\n`;
	const tag = `dockwiz-after:tmp-${name}${label.value}-1-${builder}`;
	const outcome = await buildImage(engine, {
		side: 'after',
		phase: 'build',
		context: () => packContext(root, [], new Map([['Dockerfile', dockerfile]])),
		tag,
		nocache: true,
		builder,
		needsBuildkit: builder === 'buildkit',
		timeoutSeconds: 120,
		labels: runLabels(identity),
	}, () => undefined, new AbortController().signal);
	if (!outcome.ok || !outcome.imageId) throw new Error(outcome.error ?? 'the build failed');
	return {id: outcome.imageId, created: outcome.createdImages, tag};
}

/** What a run leaves when killed after its builds: a classic image (known by the journal), a BuildKit image and a container (known by their labels). */
async function makeAs(identity: RunIdentity, name: string): Promise<Made> {
	// As the run does: the temporary tag is written down before the build, the images as the stream names them.
	await noteCreated(journalFile, engine.info.endpoint, identity.runId, {images: [`dockwiz-after:tmp-${name}${label.value}-1-classic`]});
	const classic = await build(identity, name, 'classic');
	await noteCreated(journalFile, engine.info.endpoint, identity.runId, {images: classic.created});
	const buildkit = await build(identity, name, 'buildkit');
	const container = await engine.adapter.createContainer({image: 'debian:12-slim', name: `dockwiz-${name}-${label.value}`, labels: {...runLabels(identity), [label.key]: label.value}});
	await noteCreated(journalFile, engine.info.endpoint, identity.runId, {containers: [container]});
	return {image: classic.id, intermediates: classic.created.filter(id => !classic.id.replace(/^sha256:/, '').startsWith(id)), buildkitImage: buildkit.id, container};
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
	for (const builder of ['classic', 'buildkit']) await engine.adapter.removeImage(`dockwiz-after:tmp-alive${label.value}-1-${builder}`).catch(() => undefined);
	alive.kill();
	fs.rmSync(work, {recursive: true, force: true});
	fs.rmSync(root, {recursive: true, force: true});
});

describe('what a killed run left', () => {
	it('is removed by the next measurement, while a live run\'s is kept', async () => {
		expect(dead.intermediates.length).toBeGreaterThan(0);
		const events: EngineEvent[] = [];
		const dockerfile = `FROM debian:12-slim\nLABEL ${label.line}\nCMD ["true"]\n`;
		await measure(engine, await sameSidesPlan(root, dockerfile, {journalFile}), event => events.push(event), new AbortController().signal);

		const warnings = events.flatMap(e => (e.type === 'warning' ? [e.message] : []));
		expect(warnings.some(w => /^Removed \d+ image\(s\) or container\(s\) an earlier run left/.test(w)), warnings.join('\n')).toBe(true);
		expect(await exists('image', dead.image)).toBe(false);
		expect(await exists('image', dead.buildkitImage)).toBe(false);
		for (const id of dead.intermediates) expect(await exists('image', id)).toBe(false);
		expect(await exists('container', dead.container)).toBe(false);

		expect(await exists('image', live.image)).toBe(true);
		expect(await exists('image', live.buildkitImage)).toBe(true);
		for (const id of live.intermediates) expect(await exists('image', id)).toBe(true);
		expect(await exists('container', live.container)).toBe(true);
		const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Record<string, {runs?: Record<string, unknown>}>;
		expect(Object.keys(journal[engine.info.endpoint].runs ?? {})).toEqual([`alive-${label.value}`]);
	}, 300_000);

	it('leaves nothing of this test behind once the live run\'s things are removed', async () => {
		await engine.adapter.removeContainer(live.container, {force: true});
		for (const builder of ['classic', 'buildkit']) await engine.adapter.removeImage(`dockwiz-after:tmp-alive${label.value}-1-${builder}`);
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
	});
});
