// The measurement's sequence, driven through the engine adapter against an in-memory fake:
// builder choice and fallback, abort at each phase with the clean-up order, the journal
// written before anything is created, and what is left when removals fail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {ContainerSpec} from '../../source/engine/adapter.js';
import {measure, MeasureAborted, type MeasurePlan} from '../../source/engine/measure.js';
import {newRunIdentity, runLabels} from '../../source/engine/run-identity.js';
import type {EngineEvent} from '../../source/types.js';
import {fixtureRoot, freePort, hostPlan} from './engine-helpers.js';
import {FakeAdapter} from './fake-adapter.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-orchestration-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

let journals = 0;
const naive = 'FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
const slim = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app.py .\nCMD ["gunicorn", "app:app"]\n';

async function setup(over: Partial<MeasurePlan> = {}): Promise<{fake: FakeAdapter; plan: MeasurePlan; events: EngineEvent[]; onEvent: (event: EngineEvent) => void}> {
	const fake = new FakeAdapter();
	fake.addImage({tags: ['python:3.11']});
	fake.addImage({tags: ['python:3.11-slim']});
	const port = await freePort();
	fake.hostPort = port;
	const events: EngineEvent[] = [];
	const plan = hostPlan(fixtureRoot, naive, slim, port, {smokeTimeoutSeconds: 2, journalFile: path.join(work, `journal-${++journals}`, 'leftovers.json'), ...over});
	return {fake, plan, events, onEvent: event => events.push(event)};
}

const engineOf = (fake: FakeAdapter) => ({info: fake.info, adapter: fake});
const warnings = (events: EngineEvent[]) => events.flatMap(e => (e.type === 'warning' ? [e.message] : []));
const removals = (fake: FakeAdapter) => fake.calls.filter(call => /^remove(?:Image|Container) /.test(call));
const tagOf = (call: string) => call.split(' ')[1];

/** Aborts the measurement when an event matches; returns the signal. */
function abortWhen(events: EngineEvent[], onEvent: (event: EngineEvent) => void, match: (event: EngineEvent) => boolean): {signal: AbortSignal; onEvent: (event: EngineEvent) => void} {
	const controller = new AbortController();
	return {
		signal: controller.signal,
		onEvent(event) {
			onEvent(event);
			if (match(event)) controller.abort(new Error('test'));
		},
	};
}

describe('a measurement through the adapter', () => {
	it('builds cold then warm, before then after, smokes both, and leaves nothing of its own', async () => {
		const {fake, plan, events, onEvent} = await setup();
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.before).toMatchObject({ok: true, sizeBytes: 50_000_000, layers: 3, user: 'root', smoke: {ok: true, status: 200}});
		expect(result.builds.after.ok).toBe(true);
		expect(result.summary.sizeRatio).toBe(1);
		expect(fake.calls.filter(call => call.startsWith('build ')).map(call => call.replace(/tmp-\w+-/, 'tmp-'))).toEqual([
			'build dockwiz-before:tmp-1-cold classic',
			'build dockwiz-after:tmp-1-cold classic',
			'build dockwiz-before:tmp-1-warm classic',
			'build dockwiz-after:tmp-1-warm classic',
		]);
		expect(events.filter(e => e.type === 'phase').map(e => (e.type === 'phase' ? `${e.phase}${e.side ? ` ${e.side}` : ''}` : ''))).toEqual([
			'pull', 'build before', 'build after', 'rebuild before', 'rebuild after', 'smoke before', 'smoke after', 'cleanup',
		]);
		expect(fake.ours()).toEqual([]);
		expect(fake.containers.size).toBe(0);
		expect(fs.existsSync(plan.journalFile!)).toBe(false);
	});

	it('a run that keeps nothing leaves alone the images an earlier --keep-images run kept (its own tags carry its nonce)', async () => {
		const {fake, plan, onEvent} = await setup({keepImages: true});
		const kept = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(kept.builds.after.ok).toBe(true);
		const keptIds = ['dockwiz-before:latest', 'dockwiz-after:latest'].map(tag => fake.findImage(tag)?.id);
		expect(keptIds.every(Boolean)).toBe(true);

		const second = await measure(engineOf(fake), {...plan, keepImages: false, journalFile: path.join(work, `journal-${++journals}`, 'leftovers.json')}, onEvent, new AbortController().signal);
		expect(second.builds.after.ok).toBe(true);
		expect(fake.calls.filter(call => call.startsWith('tag ')).slice(2).map(call => call.split(' ')[2].replace(/run-\w+$/, 'run-N'))).toEqual(['dockwiz-before:run-N', 'dockwiz-after:run-N']);
		expect(['dockwiz-before:latest', 'dockwiz-after:latest'].map(tag => fake.findImage(tag)?.id)).toEqual(keptIds);
	});

	it('labels its containers and BuildKit\'s images with its run and process, never a classic build (the label would be one more timed step)', async () => {
		for (const builder of ['buildkit', 'classic'] as const) {
			const {fake, plan, onEvent} = await setup({builder});
			const identity = newRunIdentity();
			const labelled: Array<Record<string, string>> = [];
			const start = fake.onStart;
			fake.onStart = container => {
				labelled.push(container.labels);
				return start(container);
			};

			await measure(engineOf(fake), plan, onEvent, new AbortController().signal, {identity});
			const expected = {'dockwiz.run': `${identity.runId}/${process.pid}/${identity.host}/${identity.bootId}`};
			expect(fake.builds.map(build => build.options.labels)).toEqual(Array.from({length: 4}, () => (builder === 'buildkit' ? expected : {})));
			expect(labelled).toEqual([{...expected, 'dockwiz.role': 'smoke'}, {...expected, 'dockwiz.role': 'smoke'}]);
		}
	});

	it('writes the run in the journal before it creates anything', async () => {
		const {fake, plan, onEvent} = await setup();
		const identity = newRunIdentity();
		const seen: unknown[] = [];
		fake.onBuild = () => {
			seen.push(JSON.parse(fs.readFileSync(plan.journalFile!, 'utf8')));
			return {kind: 'ok'};
		};

		await measure(engineOf(fake), plan, onEvent, new AbortController().signal, {identity});
		// The first build's tag is written down before that build starts.
		const tag = fake.builds[0].options.tag;
		expect(seen[0]).toEqual({[fake.info.endpoint]: {images: [], containers: [], runs: {[identity.runId]: expect.objectContaining({pid: process.pid, host: identity.host, images: [tag], containers: []})}}});
		// The second build's record already holds what the first made.
		const second = seen[1] as Record<string, {runs: Record<string, {images: string[]}>}>;
		expect(second[fake.info.endpoint].runs[identity.runId].images.length).toBeGreaterThanOrEqual(2);
		expect(fs.existsSync(plan.journalFile!)).toBe(false);
	});
});

describe('the builder', () => {
	it('fails both sides plainly when a Dockerfile needs BuildKit and the engine has none, building nothing', async () => {
		const {fake, plan, onEvent} = await setup({after: {dockerfile: `FROM python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask\n`, dockerignore: ''}});
		const classicOnly = new FakeAdapter({...fake.info, builders: ['classic']});
		const result = await measure(engineOf(classicOnly), plan, onEvent, new AbortController().signal);
		expect(result.builds.before.error?.message).toBe('The Dockerfile uses `RUN --mount`, which needs BuildKit, and this engine (API 1.41) does not offer it: update Docker.');
		expect(result.builds.after.error).toEqual(result.builds.before.error);
		expect(classicOnly.builds).toEqual([]);
		expect(result.summary).toEqual({sizeRatio: null, buildTimeRatio: null, rebuildTimeRatio: null, dependencyRebuildTimeRatio: null});
	});

	it('uses the classic builder, with a warning, when BuildKit is asked for and the engine has none', async () => {
		const {plan, events, onEvent} = await setup({builder: 'buildkit'});
		const classicOnly = new FakeAdapter({endpoint: 'unix:///fake.sock', engineVersion: '18.06', apiVersion: '1.38', builders: ['classic']});
		classicOnly.addImage({tags: ['python:3.11']});
		classicOnly.addImage({tags: ['python:3.11-slim']});
		classicOnly.hostPort = plan.port;
		const result = await measure(engineOf(classicOnly), plan, onEvent, new AbortController().signal);
		expect(result.builds.after.ok).toBe(true);
		expect(warnings(events)).toContain('This engine does not offer BuildKit; using the classic builder.');
		expect(new Set(classicOnly.builds.map(build => build.options.builder))).toEqual(new Set(['classic']));
	});

	it('falls back from a BuildKit that cannot start its session to classic, and keeps classic for every later build', async () => {
		const {fake, plan, events, onEvent} = await setup({builder: 'buildkit'});
		fake.onBuild = ({options}) => (options.builder === 'buildkit' ? {kind: 'error', message: 'failed to dial gRPC: cannot connect to the Docker daemon session'} : {kind: 'ok'});
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.before.ok && result.builds.after.ok).toBe(true);
		expect(fake.builds.map(build => build.options.builder)).toEqual(['buildkit', 'classic', 'classic', 'classic', 'classic']);
		expect(warnings(events).some(w => w.startsWith('BuildKit failed to start (failed to dial gRPC'))).toBe(true);
		expect(fake.ours()).toEqual([]);
	});

	it('never falls back when a Dockerfile needs BuildKit: the side fails with the engine\'s message', async () => {
		const needs = '# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nCOPY . /app\n';
		const {fake, plan, onEvent} = await setup({before: {dockerfile: needs, dockerignore: null, baseline: false}, after: {dockerfile: needs, dockerignore: ''}});
		fake.onBuild = () => ({kind: 'error', message: 'failed to dial gRPC: session gone'});
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.before).toMatchObject({ok: false, error: {phase: 'build', message: 'failed to dial gRPC: session gone'}});
		expect(fake.builds.map(build => build.options.builder)).toEqual(['buildkit', 'buildkit']);
	});
});

describe('an abort', () => {
	it('while pulling: nothing was built, nothing to remove, the run entry goes', async () => {
		const {fake, plan, events, onEvent} = await setup({after: {dockerfile: 'FROM python:3.12-slim\nCOPY . /app\n', dockerignore: ''}});
		fake.onPull = () => 'hang';
		const {signal, onEvent: aborting} = abortWhen(events, onEvent, e => e.type === 'pull' && e.status === 'pulling');
		await expect(measure(engineOf(fake), plan, aborting, signal)).rejects.toBeInstanceOf(MeasureAborted);
		expect(fake.builds).toEqual([]);
		expect(removals(fake)).toEqual([]);
		expect(events.at(-1)).toEqual({type: 'phase', phase: 'cleanup'});
		expect(fs.existsSync(plan.journalFile!)).toBe(false);
	});

	it('during a cold build: the step\'s container, then the images that build committed, newest first', async () => {
		const {fake, plan, events, onEvent} = await setup();
		fake.onBuild = ({index}) => (index === 0 ? {kind: 'hang'} : {kind: 'ok'});
		const {signal, onEvent: aborting} = abortWhen(events, onEvent, e => e.type === 'step' && e.instruction.startsWith('RUN'));
		await expect(measure(engineOf(fake), plan, aborting, signal)).rejects.toBeInstanceOf(MeasureAborted);
		const calls = removals(fake);
		expect(calls[0]).toMatch(/^removeContainer \w{12} force$/);
		expect(calls.slice(1)).toEqual([expect.stringMatching(/^removeImage \w{12} noprune$/)]);
		expect(fake.builds).toHaveLength(1);
		expect(fake.ours()).toEqual([]);
		expect(fake.containers.size).toBe(0);
	}, 15_000);

	it('during a warm rebuild: warm images before cold ones, then what the builds committed, newest first', async () => {
		const {fake, plan, events, onEvent} = await setup();
		// before cold, after cold, before warm; the after side's warm rebuild hangs.
		fake.onBuild = ({index}) => (index === 3 ? {kind: 'hang'} : {kind: 'ok'});
		const {signal, onEvent: aborting} = abortWhen(events, onEvent, e => e.type === 'step' && e.side === 'after' && e.phase === 'rebuild' && e.instruction.startsWith('RUN'));
		await expect(measure(engineOf(fake), plan, aborting, signal)).rejects.toBeInstanceOf(MeasureAborted);
		const tags = removals(fake).filter(call => call.startsWith('removeImage dockwiz-')).map(tagOf);
		expect(tags.map(tag => tag.replace(/tmp-\w+-/, 'tmp-'))).toEqual(['dockwiz-before:tmp-1-warm', 'dockwiz-before:tmp-1-cold', 'dockwiz-after:tmp-1-cold']);
		const lastTag = removals(fake).map(call => call.startsWith('removeImage dockwiz-')).lastIndexOf(true);
		expect(removals(fake).slice(lastTag + 1).every(call => call.endsWith(' noprune'))).toBe(true);
		expect(fake.ours()).toEqual([]);
		expect(events.some(e => e.type === 'phase' && e.phase === 'smoke')).toBe(false);
	}, 15_000);

	it('during a smoke run: the container first, then every image, the final tags included', async () => {
		const {fake, plan, events, onEvent} = await setup({keepImages: true});
		fake.onStart = () => ({kind: 'silent'});
		const {signal, onEvent: aborting} = abortWhen(events, onEvent, e => e.type === 'smoke' && e.status === 'start' && e.side === 'before');
		await expect(measure(engineOf(fake), plan, aborting, signal)).rejects.toBeInstanceOf(MeasureAborted);
		const calls = removals(fake);
		expect(calls[0]).toMatch(/^removeContainer \w{12} force$/);
		expect(calls.filter(call => call.startsWith('removeImage dockwiz-')).map(call => tagOf(call).replace(/tmp-\w+-/, 'tmp-'))).toEqual([
			'dockwiz-before:tmp-1-warm', 'dockwiz-after:tmp-1-warm', 'dockwiz-before:tmp-1-cold', 'dockwiz-after:tmp-1-cold',
		]);
		// --keep-images does not keep what an interrupted run made.
		expect(fake.ours()).toEqual([]);
		expect(fake.containers.size).toBe(0);
	}, 15_000);
});

describe('leftovers', () => {
	it('what an engine that stopped answering kept is written down, and the next run removes it', async () => {
		const {fake, plan, events, onEvent} = await setup();
		fake.onStart = () => {
			// The engine goes away after the builds: no removal gets an answer.
			fake.silent = true;
			return {kind: 'exit', code: 1, log: 'bye'};
		};

		const first = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(first.builds.before.ok).toBe(false);
		const journal = JSON.parse(fs.readFileSync(plan.journalFile!, 'utf8')) as Record<string, {images: string[]}>;
		const recorded = journal[fake.info.endpoint].images;
		expect(fake.ours().length).toBeGreaterThan(0);
		// The smoke containers the engine did not remove are written down too.
		expect(new Set((journal[fake.info.endpoint] as unknown as {containers: string[]}).containers)).toEqual(new Set(fake.containers.keys()));
		expect(fake.containers.size).toBe(2);
		// Every image left is named by a recorded tag or id.
		for (const image of fake.ours()) expect(recorded.some(entry => image.tags.includes(entry) || image.id.replace(/^sha256:/, '').startsWith(entry))).toBe(true);

		fake.silent = false;
		fake.onStart = () => ({kind: 'answer', status: 200});
		await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(warnings(events).some(w => /^Removed \d+ image\(s\) or container\(s\) an earlier run left/.test(w))).toBe(true);
		expect(fake.ours()).toEqual([]);
		expect(fake.containers.size).toBe(0);
		expect(fs.existsSync(plan.journalFile!)).toBe(false);
	});

	it('removes what a killed run left (its process is gone), keeps a live run\'s, and names what it cannot judge', async () => {
		const {fake, plan, events, onEvent} = await setup();
		const here = newRunIdentity();
		const labels = (runId: string, pid: number, host = here.host) => runLabels({runId, pid, host, bootId: here.bootId});
		const base = fake.addImage({tags: ['debian:12-slim']});
		const deadParent = fake.addImage({parent: base.id, createdSeconds: 100});
		const dead = fake.addImage({parent: deadParent.id, tags: ['dockwiz-after:tmp-x-1-cold'], labels: labels('killed', 999_001), createdSeconds: 101});
		const deadContainer = fake.addContainer({image: base.id, labels: labels('killed', 999_001), state: 'running'});
		const alive = fake.addImage({parent: base.id, labels: labels('alive', 999_002)});
		const aliveContainer = fake.addContainer({image: base.id, labels: labels('alive', 999_002), state: 'running'});
		const elsewhere = fake.addImage({parent: base.id, labels: labels('remote', 999_003, 'another-host')});
		// A kept measurement of a finished run: tagged for good, never a leftover.
		const kept = fake.addImage({parent: base.id, tags: ['dockwiz-after:release'], labels: labels('finished', 999_001)});
		// The killed run had written down an intermediate image it made (intermediates carry no labels).
		fs.mkdirSync(path.dirname(plan.journalFile!), {recursive: true});
		fs.writeFileSync(plan.journalFile!, JSON.stringify({[fake.info.endpoint]: {images: [], containers: [], runs: {
			killed: {pid: 999_001, host: here.host, bootId: here.bootId, startedAt: '2026-01-01T00:00:00Z', images: [deadParent.id], containers: []},
			alive: {pid: 999_002, host: here.host, bootId: here.bootId, startedAt: '2026-01-01T00:00:00Z', images: [alive.id], containers: []},
		}}}));

		const isRunning = (pid: number) => pid === 999_002 || pid === process.pid;
		await measure(engineOf(fake), plan, onEvent, new AbortController().signal, {identity: here, isRunning});
		for (const gone of [dead, deadParent]) expect(fake.images.has(gone.id.replace(/^sha256:/, ''))).toBe(false);
		expect(fake.containers.has(deadContainer.id)).toBe(false);
		for (const still of [alive, elsewhere, kept, base]) expect(fake.images.has(still.id.replace(/^sha256:/, ''))).toBe(true);
		expect(fake.containers.has(aliveContainer.id)).toBe(true);
		expect(warnings(events)).toContainEqual(expect.stringMatching(/^Removed \d+ image\(s\) or container\(s\) an earlier run left/));
		expect(warnings(events)).toContainEqual(expect.stringContaining('of dockwiz run remote (pid 999003 on another-host); its process runs on another host and cannot be checked from here, so they were left.'));
		const journal = JSON.parse(fs.readFileSync(plan.journalFile!, 'utf8')) as Record<string, {runs: Record<string, unknown>}>;
		expect(Object.keys(journal[fake.info.endpoint].runs)).toEqual(['alive']);
	});

	it('a run started after a reboot treats every run of the earlier boot as over', async () => {
		const {fake, plan, onEvent} = await setup();
		const here = {...newRunIdentity(), bootId: 'boot-now'};
		const old = fake.addImage({labels: runLabels({runId: 'before-reboot', pid: process.pid, host: here.host, bootId: 'boot-then'})});
		await measure(engineOf(fake), plan, onEvent, new AbortController().signal, {identity: here, isRunning: () => true});
		expect(fake.images.has(old.id.replace(/^sha256:/, ''))).toBe(false);
	});
});

describe('the smoke result', () => {
	it('carries the last log lines, credentials masked, when the container exits', async () => {
		const {fake, plan, onEvent} = await setup();
		const log = ['Traceback (most recent call last):', '  File "/app/app.py", line 3, in <module>', 'sqlalchemy.exc.OperationalError: could not connect to postgres://u:hunter2@db/x', 'AWS key AKIAABCDEFGHIJKLMNOP, API_TOKEN=abc123def456'].join('\n');
		fake.onStart = () => ({kind: 'exit', code: 3, log});
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.after.smoke).toMatchObject({ok: false, error: 'The container exited with code 3 before answering on port ' + plan.port + '.'});
		expect(result.builds.after.smoke?.logTail).toEqual([
			'Traceback (most recent call last):',
			'  File "/app/app.py", line 3, in <module>',
			'sqlalchemy.exc.OperationalError: could not connect to postgres://u:***@db/x',
			'AWS key ***, API_TOKEN=***',
		]);
		// What failed to run keeps what was measured.
		expect(result.builds.after.sizeBytes).toBe(50_000_000);
	});

	it('carries them too when the app answers with a server error, which still counts as answering', async () => {
		const {fake, plan, onEvent} = await setup();
		fake.onStart = () => ({kind: 'answer', status: 500, log: 'ERROR in app: Exception on / [GET]\nKeyError: \'SECRET_KEY\''});
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.before.smoke).toMatchObject({ok: true, status: 500, logTail: ['ERROR in app: Exception on / [GET]', 'KeyError: \'SECRET_KEY\'']});
	});

	it('has none when the app answers', async () => {
		const {fake, plan, onEvent} = await setup();
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.before.smoke).toEqual({ok: true, status: 200, startupSeconds: expect.any(Number), firstAnswerSeconds: expect.any(Number)});
	});
});

/** The specs of the containers created through the fake (they are removed after the smoke test). */
function recordContainers(fake: FakeAdapter): ContainerSpec[] {
	const specs: ContainerSpec[] = [];
	const create = fake.createContainer.bind(fake);
	fake.createContainer = async spec => {
		specs.push(spec);
		return create(spec);
	};

	return specs;
}

describe('the smoke test and the variables the app requires', () => {
	it('starts each side with the placeholders, and records which were given', async () => {
		const {fake, plan, onEvent} = await setup({smokeEnv: {DBUSER: 'dockwiz-smoke-placeholder', PORT: '8000'}});
		const specs = recordContainers(fake);
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.before.smoke?.placeholderEnv).toEqual(['DBUSER', 'PORT']);
		expect(result.builds.after.smoke?.placeholderEnv).toEqual(['DBUSER', 'PORT']);
		expect(specs.map(spec => spec.env)).toEqual([{DBUSER: 'dockwiz-smoke-placeholder', PORT: '8000'}, {DBUSER: 'dockwiz-smoke-placeholder', PORT: '8000'}]);
	});

	it('sets nothing when the app requires nothing', async () => {
		const {fake, plan, onEvent} = await setup();
		const specs = recordContainers(fake);
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.after.smoke?.placeholderEnv).toBeUndefined();
		expect(specs).toHaveLength(2);
		expect(specs.some(spec => spec.env)).toBe(false);
	});
});

describe('phases, the error in the user\'s words, and the logs', () => {
	it('names the failing step, its exit code and its last output lines; the later phases did not run', async () => {
		const {fake, plan, onEvent} = await setup();
		const pipError = ['Collecting flask==9.9', 'ERROR: Could not find a version that satisfies the requirement flask==9.9 (from versions: 3.0.3)', 'ERROR: No matching distribution found for flask==9.9'];
		fake.onBuild = call => (call.options.tag.startsWith('dockwiz-before') ? {kind: 'error', message: 'The command \'/bin/sh -c pip install -r requirements.txt\' returned a non-zero code: 1', output: pipError} : {kind: 'ok'});
		const {before, after} = (await measure(engineOf(fake), plan, onEvent, new AbortController().signal)).builds;
		expect(before.error).toEqual({
			phase: 'build',
			step: 3,
			instruction: 'RUN pip install -r requirements.txt',
			exitCode: 1,
			message: 'The command \'/bin/sh -c pip install -r requirements.txt\' returned a non-zero code: 1',
			logTail: pipError,
		});
		expect(before.phases).toEqual({context: 'passed', pull: 'passed', build: 'failed', rebuild: 'not run', smoke: 'not run'});
		expect(before.contextBytes).not.toBeNull();
		expect(before.sizeBytes).toBeNull();
		expect(before.logs?.build).toEqual(expect.arrayContaining(['Step 3/3 : RUN pip install -r requirements.txt', ...pipError]));
		expect(after).toMatchObject({ok: true, error: null, phases: {context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'passed'}});
	});

	it('keeps what a side whose container failed measured, and says so in phases and error', async () => {
		const {fake, plan, onEvent} = await setup();
		// Before is smoke-tested first, after second.
		let started = 0;
		fake.onStart = () => (++started === 2 ? {kind: 'exit', code: 3, log: 'booting\nKeyError: \'DBUSER\''} : {kind: 'answer', status: 200, log: 'listening'});
		const {after} = (await measure(engineOf(fake), plan, onEvent, new AbortController().signal)).builds;
		expect(after.ok).toBe(false);
		expect(after.phases).toEqual({context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'failed'});
		expect(after.error).toMatchObject({phase: 'smoke', exitCode: 3, logTail: ['booting', 'KeyError: \'DBUSER\'']});
		expect(after.sizeBytes).toBe(50_000_000);
		expect(after.buildSeconds).not.toBeNull();
		expect(after.logs?.container).toEqual(['booting', 'KeyError: \'DBUSER\'']);
	});

	it('measures the after side alone when asked, leaving the before untouched and unbuilt', async () => {
		const {fake, plan, onEvent} = await setup({sides: ['after']});
		const {before, after} = (await measure(engineOf(fake), plan, onEvent, new AbortController().signal)).builds;
		expect(fake.builds.map(call => call.options.tag).every(tag => tag.startsWith('dockwiz-after'))).toBe(true);
		expect(after.ok).toBe(true);
		expect(before).toMatchObject({ok: false, error: null, sizeBytes: null, contextBytes: null, phases: {context: 'not run', pull: 'not run', build: 'not run', rebuild: 'not run', smoke: 'not run'}});
	});
});

describe('the dependency-change rebuild', () => {
	const change = {ok: true as const, file: 'requirements.txt', kind: 'requirements' as const, packageName: 'six'};

	it('comes third in each run, is checked in the rebuilt image, and is reported with its median', async () => {
		const {fake, plan, events, onEvent} = await setup({dependencyChange: change, runs: 2});
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(fake.calls.filter(call => call.startsWith('build ')).map(call => call.replace(/tmp-\w+-/, 'tmp-'))).toEqual([
			'build dockwiz-before:tmp-1-cold classic',
			'build dockwiz-after:tmp-1-cold classic',
			'build dockwiz-before:tmp-1-warm classic',
			'build dockwiz-after:tmp-1-warm classic',
			'build dockwiz-before:tmp-1-dependency classic',
			'build dockwiz-after:tmp-1-dependency classic',
			'build dockwiz-before:tmp-2-cold classic',
			'build dockwiz-after:tmp-2-cold classic',
			'build dockwiz-before:tmp-2-warm classic',
			'build dockwiz-after:tmp-2-warm classic',
			'build dockwiz-before:tmp-2-dependency classic',
			'build dockwiz-after:tmp-2-dependency classic',
		]);
		expect(result.builds.after.dependencyChange).toEqual({measured: true, packageName: 'six', file: 'requirements.txt'});
		expect(result.builds.after.dependencyRebuildSeconds).toBeTypeOf('number');
		expect(result.builds.after.spread?.dependencyRebuildSeconds?.runs).toHaveLength(2);
		expect(result.summary.dependencyRebuildTimeRatio).toBeTypeOf('number');
		// Two smoke runs per side (one per --runs), the first answer a median of both.
		expect(events.filter(e => e.type === 'smoke' && e.status === 'ok' && e.side === 'after')).toHaveLength(2);
		expect(result.builds.after.spread?.firstAnswerSeconds?.runs).toHaveLength(2);
		expect(result.builds.after.smoke?.firstAnswerSeconds).toBe(result.builds.after.spread?.firstAnswerSeconds?.median);
		expect(events.some(e => e.type === 'log' && e.line.includes('six added to requirements.txt'))).toBe(true);
		expect(fake.ours()).toEqual([]);
	});

	it('is not measured when the rebuilt image lacks the package, and says why', async () => {
		const {fake, plan, onEvent} = await setup({dependencyChange: change});
		// The check (`python -c ...`) fails as Python does for a missing distribution.
		fake.onStart = container => container.command.startsWith('python') ? {kind: 'exit', code: 1, log: 'PackageNotFoundError'} : {kind: 'answer', status: 200};
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(result.builds.after.ok).toBe(true);
		expect(result.builds.after.dependencyRebuildSeconds).toBeNull();
		expect(result.builds.after.dependencyChange).toEqual({measured: false, packageName: 'six', file: 'requirements.txt', reason: expect.stringContaining('does not install from requirements.txt')});
		expect(result.summary.dependencyRebuildTimeRatio).toBeNull();
	});

	it('is not built when there is nothing to change, and the reason is kept', async () => {
		const {fake, plan, onEvent} = await setup({dependencyChange: {ok: false, reason: 'poetry.lock pins every package.'}});
		const result = await measure(engineOf(fake), plan, onEvent, new AbortController().signal);
		expect(fake.calls.filter(call => call.includes('-dependency'))).toEqual([]);
		expect(result.builds.before.dependencyChange).toEqual({measured: false, packageName: null, file: null, reason: 'poetry.lock pins every package.'});
	});
});
