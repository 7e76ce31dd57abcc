// --explain has its base images as the before/after measurement does: by the plan's --pull
// (never, missing, always), through the same code (ensurePlanBases), against the in-memory engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {PullSettings} from '../../source/engine/base-images.js';
import {measureExplain, type ExplainMeasurePlan} from '../../source/engine/explain-measure.js';
import {explainProposal} from '../../source/explain-work.js';
import type {PullMode} from '../../source/types.js';
import {createWork, measurePlanFor} from '../../source/work.js';
import {fixtureRoot, freePort} from './engine-helpers.js';
import {FakeAdapter} from './fake-adapter.js';

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-explain-pull-'));
afterAll(() => {
	fs.rmSync(workDir, {recursive: true, force: true});
});

let journals = 0;
// No registry is asked anything: no credentials, no download sizes.
const settings = (mode: PullMode): PullSettings => ({mode, credentials: async () => ({auth: null, source: null}), downloadSize: async () => null});
const slim = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n';

async function explainWith(mode: PullMode | undefined, present: boolean) {
	const fake = new FakeAdapter();
	fake.onPull = () => 'ok';
	if (present) fake.addImage({tags: ['python:3.11-slim']});
	const port = await freePort();
	fake.hostPort = port;
	const plan: ExplainMeasurePlan = {
		root: fixtureRoot,
		steps: [{change: 'Before: your Dockerfile', dockerfile: slim, dockerignore: null}, {change: 'The proposed .dockerignore', dockerfile: slim, dockerignore: '.git\n'}],
		editFile: 'app.py',
		port,
		network: 'host',
		smokeTimeoutSeconds: 2,
		journalFile: path.join(workDir, `journal-${++journals}`, 'leftovers.json'),
		...(mode ? {pull: settings(mode)} : {}),
	};
	const measured = await measureExplain({info: fake.info, adapter: fake}, plan, () => undefined, new AbortController().signal);
	return {measured, pulls: fake.calls.filter(call => call.startsWith('pull ')), builds: fake.builds.length};
}

describe('--explain honours --pull', () => {
	it('--pull never: a base image not on the engine is not pulled, and every step says how to get it', async () => {
		const {measured, pulls, builds} = await explainWith('never', false);
		expect(pulls).toEqual([]);
		expect(builds).toBe(0);
		for (const step of measured.steps) expect(step.error).toContain('--pull never forbids pulling it');
	});

	it('--pull always: the base image is pulled even though the engine has it, once for all steps', async () => {
		const {measured, pulls} = await explainWith('always', true);
		expect(pulls).toEqual(['pull python:3.11-slim']);
		expect(measured.steps.map(step => step.error)).toEqual([null, null]);
	});

	it('--pull missing (the default): an image on the engine is used as it is; a missing one is pulled', async () => {
		expect((await explainWith('missing', true)).pulls).toEqual([]);
		expect((await explainWith(undefined, true)).pulls).toEqual([]);
		expect((await explainWith('missing', false)).pulls).toEqual(['pull python:3.11-slim']);
	});

	it('the Work\'s --explain takes the pull mode from the options, as the measurement does', async () => {
		const fake = new FakeAdapter();
		fake.onPull = () => 'ok';
		const options = {dir: fixtureRoot, demo: false, yes: true, json: true, build: true, write: false, dryRun: true, base: 'slim', python: undefined, runs: 1, network: 'host', keepImages: false, report: undefined, explain: true, mode: 'json', pull: 'never'} as const;
		const work = createWork(options);
		const report = await work.scan(() => undefined, new AbortController().signal);
		const {proposal} = work.advise(report, {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: report.wsgiTarget ?? 'app:app'});
		const plan = {...measurePlanFor(report, proposal, options), journalFile: path.join(workDir, `journal-${++journals}`, 'leftovers.json')};
		const explanation = await explainProposal({info: fake.info, adapter: fake}, report, proposal, plan, () => undefined, new AbortController().signal);
		expect(fake.calls.filter(call => call.startsWith('pull '))).toEqual([]);
		expect(explanation.steps.length).toBeGreaterThan(1);
		for (const step of explanation.steps) expect(step.error).toContain('--pull never forbids pulling it');
	});
});
