// Fix in place on the real engine: the after's container crashes (the app needs DBUSER), the
// user's editor (a script standing in for it) adds the variable to the proposed Dockerfile,
// and the after side alone is rebuilt: it ends with a container that answers HTTP, while the
// before's first measurement stands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {measure, type Engine} from '../../source/engine/index.js';
import {editInEditor} from '../../source/flow/edit-in-editor.js';
import {remeasureAfter, type Opened} from '../../source/flow/steps.js';
import type {Measurement, Work} from '../../source/types.js';
import {collect, dockwizTags, engineOrFail, fixtureCopy, freePort, hostPlan, leftovers, runLabel} from './engine-helpers.js';

let engine: Engine;
let root: string;
let port: number;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-fix-in-place-'));
const label = runLabel();

beforeAll(async () => {
	engine = await engineOrFail();
	port = await freePort();
	// An app that reads DBUSER at import, without a default: unset, it exits with a KeyError.
	root = fixtureCopy({'serve.py': `import http.server, os\nuser = os.environ["DBUSER"]\nhttp.server.test(HandlerClass=http.server.SimpleHTTPRequestHandler, port=${port}, bind="127.0.0.1")\n`});
});

afterAll(() => {
	fs.rmSync(root, {recursive: true, force: true});
	fs.rmSync(scratch, {recursive: true, force: true});
});

const dockerfile = (env: string) => `FROM python:3.11-slim\nLABEL ${label.line}\nWORKDIR /app\nCOPY serve.py app.py ./\n${env}CMD ["python", "serve.py"]\n`;

const planFor = (after: string) => hostPlan(root, dockerfile('ENV DBUSER=before\n'), after, port);

describe('editing a crashing after side and rebuilding it alone', () => {
	let first: Measurement;

	beforeAll(async () => {
		first = await measure(engine, planFor(dockerfile('')), collect().onEvent, new AbortController().signal);
	}, 300_000);

	it('first: the after built but its container crashed, with its log', () => {
		expect(first.builds.before.smoke?.status).toBe(200);
		expect(first.builds.after.ok).toBe(false);
		expect(first.builds.after.error).toMatchObject({phase: 'smoke', exitCode: 1});
		expect(first.builds.after.error?.logTail).toContain("KeyError: 'DBUSER'");
		expect(first.builds.after.sizeBytes).toBeGreaterThan(0);
	});

	it('then: the edited Dockerfile is rebuilt alone and its container answers', async () => {
		const editor = path.join(scratch, 'editor.sh');
		fs.writeFileSync(editor, '#!/bin/sh\nsed -i "s/^CMD/ENV DBUSER=app\\nCMD/" "$1"\n', {mode: 0o755});
		const edited = editInEditor('Dockerfile', dockerfile(''), {EDITOR: editor});
		expect(edited).toMatchObject({ok: true, changed: true});
		const text = edited.ok ? edited.text : '';
		expect(text).toContain('ENV DBUSER=app\nCMD');

		const {onEvent, events} = collect();
		const work = {measure: async (_report, proposal, onEngineEvent, signal, sides) => measure(engine, {...planFor(proposal.dockerfile), sides}, onEngineEvent, signal)} as Pick<Work, 'measure'> as Work;
		const run = {proposal: {dockerfile: text}} as unknown as Opened;
		const again = await remeasureAfter(work, run, first, onEvent, new AbortController().signal);
		const after = again.measurement?.builds.after;
		expect(after).toMatchObject({ok: true, error: null, phases: {context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'passed'}});
		expect(after?.smoke).toMatchObject({ok: true, status: 200});
		// The before was not built again: its first measurement stands.
		expect(again.measurement?.builds.before).toBe(first.builds.before);
		expect(events.some(event => event.type === 'step' && event.side === 'before')).toBe(false);
		expect(again.measurement?.summary.sizeRatio).not.toBeNull();
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
		expect(await dockwizTags(engine)).toEqual([]);
	}, 300_000);
});
