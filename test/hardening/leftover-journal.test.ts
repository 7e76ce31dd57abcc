import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultJournalFile, recordLeftovers} from '../../source/engine/leftover-journal.js';

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
