// `dockwiz --ci` on the demo, built for real: one budget passes, one fails, exit 3, and
// nothing the run made is left on the shared engine. One run (four builds, two smoke tests).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {materializeDemo, type DemoProject} from '../../source/demo.js';
import type {DockwizReport} from '../../source/types.js';
import {freePort} from '../engine/engine-helpers.js';
import {cliPath, ensureBuilt, removeBuiltCopy} from '../hardening/run-cli.js';
import {allContainers, dockwizImages, ownedBy} from './engine-objects.js';

type Run = {code: number | null; stdout: string; stderr: string; pid: number};

function runCi(args: string[], cwd: string): Promise<Run> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cliPath, ...args], {cwd, env: {...process.env, CI: 'true', NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const timer = setTimeout(() => child.kill('SIGINT'), 420_000);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, pid: child.pid ?? -1});
		});
	});
}

describe('dockwiz --ci on the demo, measured on the engine', () => {
	let demo: DemoProject;
	let run: Run;
	let report: DockwizReport;
	let filesBefore: string[] = [];
	let dockerfileBefore = '';

	beforeAll(async () => {
		ensureBuilt();
		demo = await materializeDemo();
		// Other runs share the host network: the demo listens on a free port instead of 5000.
		const port = await freePort();
		for (const file of ['app.py', 'Dockerfile']) {
			const target = path.join(demo.dir, file);
			fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replaceAll('5000', String(port)));
		}

		// The demo ships a fake .env on purpose (DW004, an error): re-graded here so the budgets read the images.
		fs.writeFileSync(path.join(demo.dir, '.dockwiz.toml'), `port = ${port}\n\n[override]\nwarning = ["DW004"]\n\n[budgets]\nimage = "proposal"\nmax-ratio = 0.9\n`);
		filesBefore = fs.readdirSync(demo.dir).sort();
		dockerfileBefore = fs.readFileSync(path.join(demo.dir, 'Dockerfile'), 'utf8');
		run = await runCi(['--ci', '--network', 'host', '--format', 'json', '--max-size', '1MB'], demo.dir);
		report = JSON.parse(run.stdout) as DockwizReport;
	}, 480_000);

	afterAll(async () => {
		await demo?.cleanup();
		removeBuiltCopy();
	});

	it('exits 3 and names the failed budget, with its measured value', () => {
		expect(run.code, run.stderr.slice(-2000)).toBe(3);
		expect(run.stderr).toMatch(/dockwiz: budget max-size failed: The image size of the proposed image is \d[\d.]* MB, over the budget of 1\.00 MB\n/);
		expect(run.stderr).toContain('dockwiz: settings from .dockwiz.toml');
	});

	it('reports every budget in the JSON, each measured: the one over its limit fails, the rest pass', () => {
		const byName = Object.fromEntries((report.budgets ?? []).map(budget => [budget.name, budget]));
		expect(Object.keys(byName)).toEqual(['max-size', 'max-ratio', 'no-root', 'no-error-findings', 'smoke']);
		const after = report.builds?.after;
		expect(after?.ok).toBe(true);
		expect(byName['max-size']).toMatchObject({limit: 1_000_000, value: after?.sizeBytes, ok: false});
		expect(byName['max-ratio']).toMatchObject({limit: 0.9, value: report.summary?.sizeRatio, ok: true});
		expect(byName['max-ratio'].value).toBeLessThan(0.9);
		expect(byName['no-root']).toMatchObject({value: after?.user, ok: true});
		expect(byName.smoke).toMatchObject({value: 'HTTP 200', ok: true});
		expect(byName['no-error-findings']).toMatchObject({value: 0, ok: true});
	});

	it('asks nothing, writes nothing in the project, and leaves nothing on the engine', () => {
		expect(fs.readFileSync(path.join(demo.dir, 'Dockerfile'), 'utf8')).toBe(dockerfileBefore);
		expect(fs.readdirSync(demo.dir).sort()).toEqual(filesBefore);
		const mine = ownedBy(run.pid);
		const images = dockwizImages().filter(image => mine.image(image));
		expect(images).toEqual([]);
		expect(allContainers().filter(container => mine.container(container, images))).toEqual([]);
	});
});
