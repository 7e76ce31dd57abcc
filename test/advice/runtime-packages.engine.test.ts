import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {defaultChoices, propose} from '../../source/advice/index.js';
import {freePort} from '../engine/engine-helpers.js';
import {answerSeconds, classicOnly, firstAnswer, run} from './engine-probe.js';

// The runtime stage keeps what a package loads at import: psycopg2 (the local index serves
// Debian's build, linked to libpq) imports only where libpq5 is installed. One small build,
// classic builder, network mode host, loopback probe (TESTENV.md).
const runId = `${process.pid}`;
const image = `dockwiz-syspkg-test:${runId}`;
const container = `dockwiz-syspkg-test-${runId}`;
const stepImages: string[] = [];
let dir = '';



afterAll(async () => {
	await run('docker', ['rm', '-f', container]);
	await run('docker', ['rmi', '-f', image, ...stepImages]);
	if (dir) {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

describe('system packages in the runtime stage', () => {
	it('psycopg2 imports in the proposed image: libpq5 kept at run time, compilers only in the builder', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-syspkg-'));
		fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\ngunicorn\npsycopg2\n');
		fs.writeFileSync(path.join(dir, 'app.py'), 'import psycopg2\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return f"libpq {psycopg2.extensions.libpq_version()}"\n');
		const report = await scanProject(dir);
		expect(report.nativeNeeds.map(need => need.runtimePackages)).toEqual([['libpq5']]);
		const port = await freePort();
		const proposal = propose(report, {...defaultChoices(report, {base: 'slim', python: '3.11'}, classicOnly), port});
		fs.writeFileSync(path.join(dir, 'Dockerfile'), proposal.dockerfile);
		fs.writeFileSync(path.join(dir, '.dockerignore'), proposal.dockerignore);

		const build = await run('docker', ['build', '--network', 'host', '-t', image, dir]);
		stepImages.push(...[...build.output.matchAll(/^ ---> ([0-9a-f]{12,64})$/gm)].map(match => match[1]));
		expect(build.status, `build failed:\n${proposal.dockerfile}\n${build.output.slice(-3000)}`).toBe(0);

		const contents = await run('docker', ['run', '--rm', '--network', 'host', '--entrypoint', 'sh', image, '-c', 'dpkg -s libpq5 | grep "^Status"; command -v gcc || echo no-gcc']);
		expect(contents.output).toContain('install ok installed');
		expect(contents.output).toContain('no-gcc');

		const start = await run('docker', ['run', '-d', '--network', 'host', '--name', container, image]);
		expect(start.status, start.output).toBe(0);
		const answer = await firstAnswer(`http://127.0.0.1:${port}/`, answerSeconds);
		const logs = (await run('docker', ['logs', '--tail', '30', container])).output;
		expect(answer?.status, logs).toBe(200);
		expect(answer?.body).toMatch(/^libpq \d+$/);
	});
});
