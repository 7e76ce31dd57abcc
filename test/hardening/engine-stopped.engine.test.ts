// The engine stopped in the middle of a build. Never the shared engine: a private dockerd of
// our own, stopped from the test and started again. The build ends with a message naming
// what happened and what to do, and once the engine is back the next run removes what the
// stopped one could not: nothing of ours remains.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connectEngine, measure, type Engine, type MeasurePlan} from '../../source/engine/index.js';
import type {EngineEvent} from '../../source/types.js';
import {sameSidesPlan} from '../engine/engine-helpers.js';
import {PrivateEngine} from './private-engine.js';

const engine = new PrivateEngine('stop');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-stopped-'));
const journalFile = path.join(work, 'cache', 'leftovers.json');
const base = 'debian:12-slim';
let baseId = '';

async function connect(): Promise<Engine> {
	const connected = await connectEngine({DOCKER_HOST: engine.host, HOME: work});
	if (!connected.ok) throw new Error(connected.message);
	return connected.engine;
}

/** Everything on the private engine but the base image is ours. */
function ours(): {images: string[]; containers: string[]} {
	const images = engine.docker(['images', '-a', '-q', '--no-trunc']).split('\n').filter(id => id !== '' && id !== baseId);
	const containers = engine.docker(['ps', '-a', '-q']).split('\n').filter(Boolean);
	return {images: [...new Set(images)], containers};
}

beforeAll(async () => {
	await engine.start();
	engine.loadFromMain(base);
	baseId = engine.docker(['image', 'inspect', '--format', '{{.Id}}', base]).trim();
	fs.mkdirSync(path.join(work, 'project'));
	fs.writeFileSync(path.join(work, 'project', 'app.py'), 'print("hi")\n');
}, 300_000);

afterAll(async () => {
	await engine.destroy();
	fs.rmSync(work, {recursive: true, force: true});
}, 120_000);

const plan = async (dockerfile: string): Promise<MeasurePlan> => sameSidesPlan(path.join(work, 'project'), dockerfile, {journalFile});

describe('the engine stopped in the middle of a build', () => {
	it('ends the build with a message that names the engine and what to do', async () => {
		const slow = `FROM ${base}\nLABEL dockwiz.hardening=stopped\nRUN echo one > /one\nRUN echo two > /two\nRUN sleep 120\nCMD ["true"]\n`;
		const events: EngineEvent[] = [];
		let stopping: Promise<void> | undefined;
		const started = performance.now();
		const result = await measure(await connect(), await plan(slow), event => {
			events.push(event);
			if (event.type === 'step' && event.instruction === 'RUN sleep 120' && !stopping) {
				// Two steps committed, the third running: stop the engine as `systemctl stop docker` would.
				stopping = new Promise(resolve => setTimeout(resolve, 1500)).then(async () => engine.stop());
			}
		}, new AbortController().signal);
		await stopping;
		expect(stopping).toBeDefined();
		const message = `The Docker engine (${engine.host}) stopped answering during the build. Start it again, then rerun dockwiz; what this run could not remove is removed on the next run.`;
		expect(result.builds.before.error?.message).toBe(message);
		expect(result.builds.after.error?.message).toBe(message);
		expect(result.builds.before.ok || result.builds.after.ok).toBe(false);
		// The after side never started a build on a stopping engine.
		expect(events.filter(e => e.type === 'step' && e.side === 'after')).toEqual([]);
		expect((performance.now() - started) / 1000).toBeLessThan(120);
	}, 300_000);

	it('once the engine is back, the next run removes what the stopped one left: nothing of ours remains', async () => {
		await engine.start();
		const leftBehind = ours();
		const quick = `FROM ${base}\nLABEL dockwiz.hardening=stopped-next\nCMD ["true"]\n`;
		const events: EngineEvent[] = [];
		await measure(await connect(), await plan(quick), event => events.push(event), new AbortController().signal);
		const warnings = events.filter(e => e.type === 'warning').map(e => (e.type === 'warning' ? e.message : ''));
		if (leftBehind.images.length + leftBehind.containers.length > 0) {
			expect(warnings.some(w => /^Removed \d+ image\(s\) or container\(s\) an earlier run left/.test(w)), JSON.stringify(leftBehind)).toBe(true);
		}

		expect(ours()).toEqual({images: [], containers: []});
		expect(fs.existsSync(journalFile)).toBe(false);
		process.stderr.write(`[hardening] engine stopped mid-build: ${leftBehind.images.length} image(s), ${leftBehind.containers.length} container(s) left while it was down; after the next run: 0\n`);
	}, 300_000);
});
