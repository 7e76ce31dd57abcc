// The wizard's explanation in a real terminal (tmux) on the real engine, driven by keys: the
// engine fixture (its before on the slim base, so each step builds in seconds) to the Summary,
// `x`, the live progress of each step, then the waterfall, its sum check and where the bytes went.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {fixtureCopy, freePort} from '../engine/engine-helpers.js';
import {launchCli, type Terminal} from './terminal.js';

const opened: Terminal[] = [];
const folders: string[] = [];

afterEach(() => {
	for (const terminal of opened.splice(0)) terminal.close();
	for (const folder of folders.splice(0)) fs.rmSync(folder, {recursive: true, force: true});
});

/** The fixture on the slim base, listening on a port of its own, with a .git the proposed .dockerignore keeps out. */
async function slimFixture(): Promise<string> {
	const root = fixtureCopy({'.git/objects/pack': 'g'.repeat(200_000)});
	folders.push(root);
	const port = await freePort();
	const edit = (file: string, from: string, to: string) => fs.writeFileSync(path.join(root, file), fs.readFileSync(path.join(root, file), 'utf8').replace(from, to));
	edit('app.py', 'port=5000', `port=${port}`);
	edit('Dockerfile', 'FROM python:3.11\n', 'FROM python:3.11-slim\n');
	return root;
}

describe('the Summary\'s x in a real terminal on the real engine', () => {
	it('measures each change live, then shows the waterfall with sizes, the sum check and the bytes step by step', async () => {
		const root = await slimFixture();
		// Wide and tall enough that the waterfall, the sum check and the bytes by step fit unscrolled.
		const t = launchCli([root, '--network', 'host', '--dry-run'], {columns: 180, rows: 70});
		opened.push(t);

		await t.untilText(/\d+ findings? in your Dockerfile/, 120);
		t.keys('Enter');
		await t.untilText('Changes & why', 30);
		t.keys('Enter');
		await t.untilText('Before / after', 600);
		expect(t.screen()).toContain('x explain');

		t.keys('x');
		// The live view: the step in progress and what it is doing.
		const live = await t.untilText(/Measuring each change in turn[\s\S]*Step \d+\/\d+: /, 60);
		expect(live).toMatch(/Step \d+\/\d+: (Before: your Dockerfile|The proposed \.dockerignore)/);

		const done = await t.untilText(/Sum check: .*they match/, 900);
		expect(done).toContain('Each change measured on its own');
		const stepLine = (name: string) => done.split('\n').find(line => line.includes(name)) ?? '';
		for (const name of ['1. Before: your Dockerfile', '2. The proposed .dockerignore']) expect(stepLine(name), name).toMatch(/\d+(\.\d+)? [kMG]B/);
		expect(done).toMatch(/\d\. Multi-stage build/);
		expect(done).toContain('Where the bytes went, step by step:');
		// The .dockerignore step keeps the 200 kB .git out: the app's files are what moved.
		expect(stepLine('  2. The proposed .dockerignore:')).toMatch(/app files -\d/);

		t.keys('q');
		expect(await t.exitCode(120)).toBe(0);
	});
});
