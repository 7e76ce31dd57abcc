import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {measure, type Engine} from '../../source/engine/index.js';
import type {Measurement} from '../../source/types.js';
import {collect, dockwizTags, engineOrFail, fixtureCopy, freePort, leftovers, runLabel} from './engine-helpers.js';

// Small images (no pip), so three runs of each side stay quick.
describe('--runs 3 with --keep-images', () => {
	const label = runLabel();
	let port = 0;
	let engine: Engine;
	let root: string;
	let result: Measurement;
	// `latest` is every kept run's tag: another run on the shared engine may take it over at any
	// moment, so what this run kept is read once, at once, and judged by id and label from then on.
	let keptIds: string[] = [];
	const ours = async (tag: string) => engine.docker.getImage(tag).inspect().then(image => (image.Config.Labels?.[label.key] === label.value ? image.Id : null), () => null);

	const dockerfile = (base: string) => `FROM ${base}\nLABEL ${label.line}\nWORKDIR /srv\nCOPY app.py .\nCMD ["python3", "-m", "http.server", "${port}", "--bind", "127.0.0.1"]\n`;

	beforeAll(async () => {
		engine = await engineOrFail();
		root = fixtureCopy();
		port = await freePort();
		result = await measure(engine, {
			root,
			before: {dockerfile: dockerfile('python:3.11'), dockerignore: null, baseline: true},
			after: {dockerfile: dockerfile('python:3.11-slim'), dockerignore: '.git\n'},
			editFile: 'app.py',
			port,
			runs: 3,
			network: 'host',
			keepImages: true,
		}, collect().onEvent, new AbortController().signal);
		keptIds = (await Promise.all(['dockwiz-before:latest', 'dockwiz-after:latest'].map(ours))).filter(id => id !== null);
	});

	afterAll(async () => {
		// Only the tags still on this run's images: another run's kept images are not ours to remove.
		for (const tag of ['dockwiz-before:latest', 'dockwiz-after:latest']) {
			if (await ours(tag)) await engine.docker.getImage(tag).remove().catch(() => undefined);
		}

		fs.rmSync(root, {recursive: true, force: true});
	});

	it('reports the median of three runs with min and max', () => {
		for (const side of [result.builds.before, result.builds.after]) {
			expect(side.ok).toBe(true);
			for (const spread of [side.spread!.buildSeconds, side.spread!.rebuildSeconds]) {
				expect(spread.runs).toHaveLength(3);
				expect(spread.min).toBeLessThanOrEqual(spread.median);
				expect(spread.median).toBeLessThanOrEqual(spread.max);
			}

			expect(side.buildSeconds).toBe(side.spread!.buildSeconds.median);
			expect(side.rebuildSeconds).toBe(side.spread!.rebuildSeconds.median);
		}
	});

	it('marks the baseline and compares sizes', () => {
		expect(result.builds.before.baseline).toBe(true);
		expect(result.summary.sizeRatio).toBeLessThan(1);
	});

	it('keeps exactly the two measured images, tagged, and no run images', async () => {
		// Both sides' kept images were this run's when it ended (each build carries its label).
		expect(keptIds).toHaveLength(2);
		expect((await dockwizTags(engine)).sort()).toEqual(['dockwiz-after:latest', 'dockwiz-before:latest']);
		const kept = await leftovers(engine, label);
		expect(kept.containers).toEqual([]);
		const tagged = await Promise.all(keptIds.map(id => engine.docker.getImage(id).inspect()));
		// Each kept image with its parent chain, nothing more: no image of the other runs.
		const chains = new Set<string>();
		for (const image of tagged) {
			for (let id: string = image.Id; id; id = (await engine.docker.getImage(id).inspect()).Parent) {
				chains.add(id);
			}
		}

		expect(kept.images.length).toBeGreaterThanOrEqual(2);
		expect(kept.images.filter(id => !chains.has(id))).toEqual([]);
	});
});
