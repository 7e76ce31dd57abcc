import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {measure, type Engine} from '../../source/engine/index.js';
import type {EngineEvent, Measurement} from '../../source/types.js';
import {collect, dockwizTags, engineOrFail, fixtureCopy, freePort, leftovers, optimizedDockerfile, optimizedDockerignore, runLabel} from './engine-helpers.js';

// The demo measured end to end, once: 4 builds and 2 smoke runs.
describe('measure: the demo project, before and after', () => {
	let engine: Engine;
	let root: string;
	let result: Measurement;
	let events: EngineEvent[];
	let appOnDisk = '';
	const label = runLabel();
	const originalApp = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'engine', 'flask-demo', 'app.py'), 'utf8');

	beforeAll(async () => {
		engine = await engineOrFail();
		// Notes the naive Dockerfile sends and the proposed .dockerignore leaves out.
		root = fixtureCopy({'notes/data-dump.csv': 'id,value\n'.concat('1,abcdefghij\n'.repeat(40_000))});
		const port = await freePort();
		appOnDisk = originalApp.replace('port=5000', `port=${port}`);
		fs.writeFileSync(path.join(root, 'app.py'), appOnDisk);
		const naive = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace('WORKDIR /app', `LABEL ${label.line}\nWORKDIR /app`);
		const collected = collect();
		events = collected.events;
		result = await measure(engine, {
			root,
			before: {dockerfile: naive, dockerignore: null, baseline: false},
			after: {dockerfile: optimizedDockerfile(label.line, port), dockerignore: optimizedDockerignore},
			editFile: 'app.py',
			port,
			runs: 1,
			network: 'host',
			keepImages: false,
		}, collected.onEvent, new AbortController().signal);
	});

	afterAll(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});

	it('builds both sides', () => {
		expect(result.builds.before.error).toBeNull();
		expect(result.builds.after.error).toBeNull();
		expect(result.builds.before.ok).toBe(true);
		expect(result.builds.after.ok).toBe(true);
	});

	it('measures the after smaller than the before, and running as a non-root user', () => {
		const {before, after} = result.builds;
		expect(after.sizeBytes).toBeLessThan(before.sizeBytes ?? 0);
		expect(result.summary.sizeRatio).toBeLessThan(1);
		expect(before.user).toBe('root');
		expect(after.user).toBe('app');
		expect(before.layers).toBeGreaterThan(0);
		expect(after.history?.some(h => h.createdBy.includes('gunicorn'))).toBe(true);
	});

	it('rebuilds the after faster than the before after a code edit', () => {
		const {before, after} = result.builds;
		expect(before.rebuildSeconds).toBeGreaterThan(0);
		const afterRebuild = events.filter(e => (e.type === 'step' && e.side === 'after' && e.phase === 'rebuild') || (e.type === 'log' && e.side === 'after' && e.line === 'Using cache'));
		expect(after.rebuildSeconds, JSON.stringify(afterRebuild)).toBeLessThan(before.rebuildSeconds ?? 0);
		expect(result.summary.rebuildTimeRatio).toBeLessThan(1);
	});

	it('counts the context bytes sent, smaller with the proposed .dockerignore', () => {
		const {before, after} = result.builds;
		expect(before.contextBytes).toBeGreaterThan(480_000);
		expect(after.contextBytes).toBeLessThan(20_000);
	});

	it('gets an HTTP answer from both containers', () => {
		for (const side of [result.builds.before, result.builds.after]) {
			expect(side.smoke?.ok).toBe(true);
			expect(side.smoke?.status).toBe(200);
			expect(side.smoke?.startupSeconds).toBeGreaterThan(0);
		}
	});

	it('reports the phases and steps in order, the pull phase first', () => {
		const phases = events.filter(e => e.type === 'phase').map(e => e.type === 'phase' && `${e.phase}${e.side ? `:${e.side}` : ''}`);
		expect(phases).toEqual(['pull', 'build:before', 'build:after', 'rebuild:before', 'rebuild:after', 'smoke:before', 'smoke:after', 'cleanup']);
		expect(events.filter(e => e.type === 'pull').map(e => e.type === 'pull' && e.status)).toContain('present');
		const steps = events.filter((e): e is Extract<EngineEvent, {type: 'step'}> => e.type === 'step' && e.side === 'before' && e.phase === 'build');
		expect(steps.map(s => s.index)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(steps[0]?.instruction).toBe('FROM python:3.11');
	});

	it('never writes to the project folder', () => {
		expect(fs.readFileSync(path.join(root, 'app.py'), 'utf8')).toBe(appOnDisk);
		expect(fs.existsSync(path.join(root, '.dockerignore'))).toBe(false);
		expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).not.toContain('gunicorn');
	});

	it('leaves no image or container behind', async () => {
		expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
		expect(await dockwizTags(engine)).toEqual([]);
	});
});
