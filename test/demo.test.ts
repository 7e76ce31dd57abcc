import {existsSync, readdirSync} from 'node:fs';
import {lstat, readdir, readFile, readlink, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoDockerfile, demoProjectFiles} from '../source/demo-project.js';
import {type DemoProject, materializeDemo, startDemo} from '../source/demo.js';

type Tally = {files: number; bytes: number};

async function tally(folder: string): Promise<Tally> {
	const total: Tally = {files: 0, bytes: 0};
	for (const entry of await readdir(folder, {withFileTypes: true})) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			const inner = await tally(full);
			total.files += inner.files;
			total.bytes += inner.bytes;
		} else if (entry.isFile()) {
			total.files++;
			total.bytes += (await stat(full)).size;
		}
	}

	return total;
}

describe('materializeDemo', () => {
	let demo: DemoProject;
	let materializeSeconds: number;

	beforeAll(async () => {
		const started = performance.now();
		demo = await materializeDemo();
		materializeSeconds = (performance.now() - started) / 1000;
	});

	afterAll(async () => {
		await demo?.cleanup();
	});

	it('writes a fresh folder under the temp directory', () => {
		expect(path.dirname(path.dirname(demo.dir))).toBe(os.tmpdir());
		expect(path.basename(path.dirname(demo.dir))).toMatch(/^dockwiz-demo-/);
		// Generous bound: the machine is shared; on an idle one it takes about a second.
		expect(materializeSeconds).toBeLessThan(20);
	});

	it('holds the app with its naive Dockerfile', async () => {
		for (const file of demoProjectFiles) expect(await readFile(path.join(demo.dir, file.path), 'utf8')).toBe(file.text);
		const app = await readFile(path.join(demo.dir, 'app.py'), 'utf8');
		expect(app.match(/@app\.route\(/g)).toHaveLength(3);
		expect(app).toContain('app.run(host="0.0.0.0", port=5000)');
		expect(await readFile(path.join(demo.dir, 'requirements.txt'), 'utf8')).toBe('flask\n');
		expect(demoDockerfile.split('\n')[0]).toBe('FROM python:3.11');
		expect(demoDockerfile).toContain('COPY . /app\nRUN pip install -r requirements.txt');
	});

	it('adds a .env with a fake secret and a compiled module', async () => {
		const env = await readFile(path.join(demo.dir, '.env'), 'utf8');
		expect(env).toContain('SECRET_KEY=demo-fake-secret-not-real');
		expect(env).toMatch(/^DATABASE_URL=postgresql:\/\//m);
		const pyc = await readFile(path.join(demo.dir, '__pycache__/app.cpython-311.pyc'));
		expect([...pyc.subarray(0, 4)]).toEqual([0xa7, 0x0d, 0x0d, 0x0a]);
	});

	it('adds a .git of about 2 MB with loose objects', async () => {
		expect((await readFile(path.join(demo.dir, '.git/HEAD'), 'utf8')).trim()).toBe('ref: refs/heads/main');
		expect(await readFile(path.join(demo.dir, '.git/refs/heads/main'), 'utf8')).toMatch(/^[0-9a-f]{40}\n$/);
		const git = await tally(path.join(demo.dir, '.git'));
		expect(git.bytes).toBeGreaterThan(1_500_000);
		expect(git.bytes).toBeLessThan(3_000_000);
		const objectFolders = (await readdir(path.join(demo.dir, '.git/objects'))).filter(name => /^[0-9a-f]{2}$/.test(name));
		expect(objectFolders.length).toBeGreaterThan(50);
	});

	it('adds a .venv of about 3 000 small files and a dangling interpreter link', async () => {
		const venv = await tally(path.join(demo.dir, '.venv'));
		expect(venv.files).toBeGreaterThanOrEqual(3_000);
		expect(venv.files).toBeLessThan(3_500);
		expect(venv.bytes / venv.files).toBeLessThan(2_000);
		expect(existsSync(path.join(demo.dir, '.venv/lib/python3.11/site-packages/flask/__init__.py'))).toBe(true);
		const link = path.join(demo.dir, '.venv/bin/python');
		expect((await lstat(link)).isSymbolicLink()).toBe(true);
		expect(await readlink(link)).toBe('/usr/local/bin/python3.11');
	});

	it('adds a data file of about 25 MB that reads as CSV', async () => {
		const csv = path.join(demo.dir, 'data/sample.csv');
		const {size} = await stat(csv);
		expect(size).toBeGreaterThan(24_000_000);
		expect(size).toBeLessThanOrEqual(25_000_000);
		const head = (await readFile(csv, 'utf8')).slice(0, 200).split('\n');
		expect(head[0]).toBe('timestamp,sensor_id,temperature_c,humidity_pct,status');
		expect(head[1]).toMatch(/^\d{10},sensor-000,\d+\.\d{2},\d+\.\d,(ok|alert)$/);
	});

	it('generates the same bytes every time, and cleanup removes the folder (twice safely)', async () => {
		const again = await materializeDemo();
		const tempFolder = path.dirname(again.dir);
		try {
			for (const file of ['.git/refs/heads/main', '.venv/lib/python3.11/site-packages/pip/_internal/loader_8.py', '__pycache__/app.cpython-311.pyc']) {
				expect(await readFile(path.join(again.dir, file))).toEqual(await readFile(path.join(demo.dir, file)));
			}

			expect((await stat(path.join(again.dir, 'data/sample.csv'))).size).toBe((await stat(path.join(demo.dir, 'data/sample.csv'))).size);
		} finally {
			await again.cleanup();
		}

		expect(existsSync(tempFolder)).toBe(false);
		await expect(again.cleanup()).resolves.toBeUndefined();
	});
});

describe('startDemo', () => {
	it('names the folder at once and writes the files behind it', async () => {
		const demo = await startDemo();
		const tempFolder = path.dirname(demo.dir);
		try {
			expect(path.basename(demo.dir)).toBe('flask-demo');
			// The interpreter link is written last.
			expect(existsSync(path.join(demo.dir, '.venv/bin/python'))).toBe(false);
			await demo.ready;
			expect(await readlink(path.join(demo.dir, '.venv/bin/python'))).toBe('/usr/local/bin/python3.11');
			expect((await stat(path.join(demo.dir, 'data/sample.csv'))).size).toBe(25_000_000);
		} finally {
			await demo.cleanup();
		}

		expect(existsSync(tempFolder)).toBe(false);
	});

	it('stops the writers and removes everything when cleaned up mid-write', async () => {
		const demo = await startDemo();
		const tempFolder = path.dirname(demo.dir);
		// Let some files land first, so the removal races real writes: cleaned up as soon as the
		// first is there (a fixed pause could outlast the whole write on a fast disk).
		while (!existsSync(demo.dir) || readdirSync(demo.dir).length === 0) await new Promise(resolve => setTimeout(resolve, 1));
		await demo.cleanup();
		expect(existsSync(tempFolder)).toBe(false);
		await expect(demo.ready).rejects.toThrow();
		// Nothing is written after the removal.
		await new Promise(resolve => setTimeout(resolve, 200));
		expect(existsSync(tempFolder)).toBe(false);
	});
});
