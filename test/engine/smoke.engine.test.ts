import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, packContext, smokeTest, type Engine} from '../../source/engine/index.js';
import type {EngineEvent} from '../../source/types.js';
import {collect, engineOrFail, fixtureCopy, freePort, leftovers, runLabel} from './engine-helpers.js';

const label = runLabel();
const tag = `dockwiz-after:smoke-test-${label.value}`;
let engine: Engine;
let root: string;
let port: number;

beforeAll(async () => {
	engine = await engineOrFail();
	root = fixtureCopy();
	port = await freePort();
	// Tests talk to 127.0.0.1 only (never a bridge address): the container shares the host's
	// network and listens on loopback at a free port. The published-port path is not tested here.
	const dockerfile = `FROM python:3.11-slim\nLABEL ${label.line}\nCMD ["python3", "-m", "http.server", "${port}", "--bind", "127.0.0.1"]\n`;
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

describe('smokeTest on the host network', () => {
	it('gets an answer on 127.0.0.1 at the app\'s port', async () => {
		const {events, onEvent} = collect();
		const result = await smokeTest(engine, {image: tag, side: 'after', port, network: 'host', timeoutSeconds: 30}, onEvent, new AbortController().signal);
		expect(result.error).toBeUndefined();
		expect(result).toMatchObject({ok: true, status: 200});
		expect(result.startupSeconds).toBeGreaterThan(0);
		expect(events.map(e => e.type === 'smoke' && e.status)).toEqual(['start', 'ok']);
		expect((await leftovers(engine, label)).containers).toEqual([]);
	});

	it('fails with the last log lines when nothing answers in time, and removes the container', async () => {
		const events: EngineEvent[] = [];
		// The app answers on its port; probing another free port never gets an answer.
		const other = await freePort();
		const result = await smokeTest(engine, {image: tag, side: 'after', port: other, network: 'host', timeoutSeconds: 3}, e => events.push(e), new AbortController().signal);
		expect(result.ok).toBe(false);
		expect(result.error).toContain(`No HTTP answer on port ${other} within 3 s`);
		expect(result.logTail).toBeDefined();
		expect(events.at(-1)).toMatchObject({type: 'smoke', status: 'fail'});
		expect((await leftovers(engine, label)).containers).toEqual([]);
	});
});
