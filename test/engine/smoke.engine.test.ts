import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, packContext, smokeTest, type Engine} from '../../source/engine/index.js';
import type {EngineEvent} from '../../source/types.js';
import {collect, engineOrFail, fixtureCopy, leftovers, runLabel} from './engine-helpers.js';

const label = runLabel();
const tag = `dockwiz-after:smoke-test-${label.value}`;
let engine: Engine;
let root: string;

beforeAll(async () => {
	engine = await engineOrFail();
	root = fixtureCopy();
	// Listens on all interfaces of its own network namespace: reachable only through a published port.
	const dockerfile = `FROM python:3.11-slim\nLABEL ${label.line}\nCMD ["python3", "-m", "http.server", "8000", "--bind", "0.0.0.0"]\n`;
	const outcome = await buildImage(engine, {
		side: 'after',
		phase: 'build',
		context: () => packContext(root, [], new Map([['Dockerfile', dockerfile]])),
		tag,
		nocache: false,
		builder: 'classic',
		needsBuildkit: false,
		timeoutSeconds: 120,
	}, () => undefined, new AbortController().signal);
	if (!outcome.ok) {
		throw new Error(outcome.error ?? 'build failed');
	}
});

afterAll(async () => {
	await engine.docker.getImage(tag).remove().catch(() => undefined);
	fs.rmSync(root, {recursive: true, force: true});
});

describe('smokeTest on the default network', () => {
	it('publishes the port on 127.0.0.1 only and gets an answer there', async () => {
		const {events, onEvent} = collect();
		const result = await smokeTest(engine, {image: tag, side: 'after', port: 8000, timeoutSeconds: 30}, onEvent, new AbortController().signal);
		expect(result.error).toBeUndefined();
		expect(result).toMatchObject({ok: true, status: 200});
		expect(result.startupSeconds).toBeGreaterThan(0);
		expect(events.map(e => e.type === 'smoke' && e.status)).toEqual(['start', 'ok']);
		expect((await leftovers(engine, label)).containers).toEqual([]);
	});

	it('fails with the last log lines when nothing answers in time, and removes the container', async () => {
		const events: EngineEvent[] = [];
		// The app answers on 8000; probing 9000 never gets an answer.
		const result = await smokeTest(engine, {image: tag, side: 'after', port: 9000, timeoutSeconds: 3}, e => events.push(e), new AbortController().signal);
		expect(result.ok).toBe(false);
		expect(result.error).toContain('No HTTP answer on port 9000 within 3 s');
		expect(result.logTail).toBeDefined();
		expect(events.at(-1)).toMatchObject({type: 'smoke', status: 'fail'});
		expect((await leftovers(engine, label)).containers).toEqual([]);
	});
});
