// A container that crashes with a traceback: the measurement carries its last log lines,
// with the database password in them masked, on the real engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {measure, type Engine} from '../../source/engine/index.js';
import {assembleReport} from '../../source/report/assemble.js';
import {renderPlainSummary} from '../../source/report/plain.js';
import type {Measurement} from '../../source/types.js';
import {sampleProject, sampleProposal} from '../report/sample.js';
import {collect, engineOrFail, fixtureCopy, freePort, hostPlan, leftovers, runLabel} from './engine-helpers.js';

const label = runLabel();
let engine: Engine;
let root: string;
let result: Measurement;
const journal = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-logtail-'));

const crashing = `FROM python:3.11-slim
LABEL ${label.line}
CMD ["python", "-c", "import sys, traceback\\ntry:\\n    raise ConnectionError('could not connect to postgres://u:hunter2@db/x')\\nexcept ConnectionError:\\n    traceback.print_exc()\\n    sys.exit(3)"]
`;

beforeAll(async () => {
	engine = await engineOrFail();
	root = fixtureCopy();
	result = await measure(engine, hostPlan(root, crashing, crashing, await freePort(), {journalFile: path.join(journal, 'leftovers.json')}), collect().onEvent, new AbortController().signal);
}, 600_000);

afterAll(() => {
	fs.rmSync(root, {recursive: true, force: true});
	fs.rmSync(journal, {recursive: true, force: true});
});

describe('a container that exits 3 with a traceback', () => {
	it('keeps the image\'s numbers and says the container failed', () => {
		const {after} = result.builds;
		expect(after.sizeBytes).toBeGreaterThan(0);
		expect(after.smoke).toMatchObject({ok: false, error: expect.stringContaining('exited with code 3')});
	});

	it('carries the traceback\'s last lines with the password masked', () => {
		const tail = result.builds.after.smoke?.logTail ?? [];
		expect(tail[0]).toBe('Traceback (most recent call last):');
		expect(tail).toContain('ConnectionError: could not connect to postgres://u:***@db/x');
		expect(tail.length).toBeLessThanOrEqual(20);
		expect(JSON.stringify(result)).not.toContain('hunter2');
	});

	it('prints them in the plain summary', () => {
		const text = renderPlainSummary(assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement: result}));
		expect(text).toContain('  | ConnectionError: could not connect to postgres://u:***@db/x');
		expect(text).not.toContain('hunter2');
	});

	it('leaves nothing behind', async () => {
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
	});
});
