import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, buildkitNeed, packContext, type Engine} from '../../source/engine/index.js';
import {walkContext} from '../../source/analysis/context-walk.js';
import type {ContextFile, EngineEvent} from '../../source/types.js';
import {collect, engineOrFail, fixtureCopy, leftovers, runLabel} from './engine-helpers.js';

let engine: Engine;
let root: string;
let files: ContextFile[];
const label = runLabel();
const tag = `dockwiz-after:buildkit-test-${label.value}`;

beforeAll(async () => {
	engine = await engineOrFail();
	root = fixtureCopy();
	files = (await walkContext(root, null)).included;
});

afterAll(async () => {
	await engine.docker.getImage(tag).remove().catch(() => undefined);
	fs.rmSync(root, {recursive: true, force: true});
});

function request(dockerfile: string) {
	return {
		side: 'after' as const,
		phase: 'build' as const,
		context: () => packContext(root, files, new Map([['Dockerfile', dockerfile]])),
		tag,
		nocache: true,
		network: 'host',
		builder: 'buildkit' as const,
		needsBuildkit: buildkitNeed(dockerfile) !== null,
		timeoutSeconds: 300,
	};
}

describe('BuildKit builds', () => {
	it('builds a Dockerfile that needs it, its trace decoded into the same events', async () => {
		const dockerfile = `FROM python:3.11-slim\nLABEL ${label.line}\nWORKDIR /app\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt && echo "installed for ${label.value}"\nCOPY app.py .\n`;
		expect(buildkitNeed(dockerfile)).toBe('`RUN --mount`');
		const {events, onEvent} = collect();
		const outcome = await buildImage(engine, request(dockerfile), onEvent, new AbortController().signal);
		expect(outcome.error).toBeNull();
		expect(outcome).toMatchObject({ok: true, builder: 'buildkit', aborted: false});
		expect(outcome.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(outcome.contextBytes).toBeGreaterThan(1024);
		const steps = events.filter((e): e is Extract<EngineEvent, {type: 'step'}> => e.type === 'step');
		// LABEL is metadata for BuildKit, not a step.
		expect(steps.map(s => `${s.index}/${s.total}`)).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
		expect(steps.some(s => s.instruction.startsWith('RUN --mount=type=cache'))).toBe(true);
		const logs = events.filter(e => e.type === 'log').map(e => e.type === 'log' && e.line);
		expect(logs, JSON.stringify(logs)).toContain(`installed for ${label.value}`);
	});

	it('reports a failing step as ok: false with the engine\'s message', async () => {
		const {onEvent} = collect();
		const outcome = await buildImage(engine, request(`FROM python:3.11-slim\nLABEL ${label.line}\nRUN --mount=type=tmpfs,target=/scratch exit 7\n`), onEvent, new AbortController().signal);
		expect(outcome.ok).toBe(false);
		expect(outcome.error).toMatch(/exit code: 7/);
		await engine.docker.getImage(tag).remove().catch(() => undefined);
		expect((await leftovers(engine, label)).containers).toEqual([]);
	});
});
