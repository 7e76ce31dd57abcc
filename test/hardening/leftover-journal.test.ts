import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {closeRun, defaultJournalFile, journalRuns, noteCreated, openRun, recordLeftovers} from '../../source/engine/leftover-journal.js';
import {identityFromLabels, livenessOf, newRunIdentity, pidRuns, runLabels} from '../../source/engine/run-identity.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-journal-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

describe('the leftover journal', () => {
	it('lives in the user\'s cache folder', () => {
		expect(defaultJournalFile({XDG_CACHE_HOME: '/c', HOME: '/h'})).toBe('/c/dockwiz/leftovers.json');
		expect(defaultJournalFile({HOME: '/h'})).toBe('/h/.cache/dockwiz/leftovers.json');
	});

	it('merges what each run could not remove, per engine, without duplicates', async () => {
		const file = path.join(work, 'a', 'leftovers.json');
		await recordLeftovers(file, 'unix:///one.sock', {images: ['i1', 'i2'], containers: []});
		await recordLeftovers(file, 'unix:///one.sock', {images: ['i2', 'i3'], containers: ['c1']});
		await recordLeftovers(file, 'tcp://127.0.0.1:2375', {images: ['j1'], containers: []});
		await recordLeftovers(file, 'tcp://127.0.0.1:2375', {images: [], containers: []});
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
			'unix:///one.sock': {images: ['i1', 'i2', 'i3'], containers: ['c1']},
			'tcp://127.0.0.1:2375': {images: ['j1'], containers: []},
		});
		expect(fs.readdirSync(path.dirname(file))).toEqual(['leftovers.json']);
	});

	it('never fails a run: a journal that cannot be read is replaced, one that cannot be written is skipped', async () => {
		const file = path.join(work, 'b', 'leftovers.json');
		fs.mkdirSync(path.dirname(file));
		fs.writeFileSync(file, '{not json');
		await recordLeftovers(file, 'unix:///one.sock', {images: ['i1'], containers: []});
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({'unix:///one.sock': {images: ['i1'], containers: []}});
		const blocked = path.join(work, 'b', 'leftovers.json', 'below.json');
		await expect(recordLeftovers(blocked, 'unix:///one.sock', {images: ['i1'], containers: []})).resolves.toBeUndefined();
	});
});

describe('runs in the journal', () => {
	it('are written before anything is created, learn what is created, and go when the run ends', async () => {
		const file = path.join(work, 'runs', 'leftovers.json');
		const identity = newRunIdentity();
		await openRun(file, 'unix:///one.sock', identity);
		expect(await journalRuns(file, 'unix:///one.sock')).toEqual({[identity.runId]: {pid: process.pid, host: identity.host, bootId: identity.bootId, startedAt: expect.any(String), images: [], containers: []}});
		await noteCreated(file, 'unix:///one.sock', identity.runId, {images: ['i1', 'i2']});
		await noteCreated(file, 'unix:///one.sock', identity.runId, {images: ['i2'], containers: ['c1']});
		expect((await journalRuns(file, 'unix:///one.sock'))[identity.runId]).toMatchObject({images: ['i1', 'i2'], containers: ['c1']});
		// What a stopped engine kept is recorded beside the runs, not instead of them.
		await recordLeftovers(file, 'unix:///one.sock', {images: ['x1'], containers: []});
		expect(Object.keys(await journalRuns(file, 'unix:///one.sock'))).toEqual([identity.runId]);
		await closeRun(file, 'unix:///one.sock', identity.runId);
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({'unix:///one.sock': {images: ['x1'], containers: []}});
	});
});

describe('run identity', () => {
	const here = {runId: 'now', pid: 10, host: 'laptop', bootId: 'boot-1'};

	it('travels in one label and back', () => {
		const identity = newRunIdentity();
		expect(Object.keys(runLabels(identity))).toEqual(['dockwiz.run']);
		expect(identityFromLabels(runLabels(identity))).toEqual(identity);
		expect(identityFromLabels({})).toBeNull();
		expect(identityFromLabels({'dockwiz.run': 'r/not-a-pid/h/b'})).toBeNull();
		expect(identityFromLabels({'dockwiz.role': 'smoke'})).toBeNull();
	});

	it('is alive or dead by its pid on this host and boot, dead after a reboot, unknown on another host', () => {
		const running = (pid: number) => pid === 42;
		expect(livenessOf({runId: 'a', pid: 42, host: 'laptop', bootId: 'boot-1'}, here, running)).toBe('alive');
		expect(livenessOf({runId: 'b', pid: 43, host: 'laptop', bootId: 'boot-1'}, here, running)).toBe('dead');
		expect(livenessOf({runId: 'c', pid: 42, host: 'laptop', bootId: 'boot-0'}, here, running)).toBe('dead');
		expect(livenessOf({runId: 'd', pid: 43, host: 'ci-runner', bootId: 'boot-1'}, here, running)).toBe('unknown');
	});

	it('checks a pid without signalling it', () => {
		expect(pidRuns(process.pid)).toBe(true);
		expect(pidRuns(2 ** 22 + 1)).toBe(false);
	});
});
