import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {freePort} from '../engine/engine-helpers.js';

// Proves the test environment end to end: a slim Python image pip-installs Flask and
// gunicorn (from the local index where PyPI cannot be reached) and the container answers
// HTTP on 127.0.0.1 with network mode host.
const tag = 'dockwiz-testenv-probe:latest';
const container = `dockwiz-testenv-probe-${process.pid}`;
const docker = (...args: string[]) => execFileSync('docker', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

async function firstAnswer(url: string, seconds: number): Promise<number> {
	const deadline = Date.now() + seconds * 1000;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url);
			return response.status;
		} catch (error) {
			lastError = error;
			await new Promise(resolve => setTimeout(resolve, 250));
		}
	}

	throw new Error(`no answer from ${url} within ${seconds} s: ${String(lastError)}`);
}

describe('the engine test environment', () => {
	afterAll(() => {
		spawnSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
		spawnSync('docker', ['rmi', '-f', tag], {stdio: 'ignore'});
	});

	it('builds a slim image that installs flask and gunicorn and answers HTTP 200 on 127.0.0.1', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-testenv-'));
		try {
			fs.writeFileSync(path.join(dir, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "hello from the probe"\n');
			fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\ngunicorn\n');
			fs.writeFileSync(path.join(dir, 'Dockerfile'), [
				'FROM python:3.11-slim',
				'WORKDIR /app',
				'COPY requirements.txt .',
				'RUN pip install --no-cache-dir -r requirements.txt',
				'COPY app.py .',
				'CMD ["sh", "-c", "exec gunicorn --bind 127.0.0.1:$PORT app:app"]',
			].join('\n'));
			const build = spawnSync('docker', ['build', '--network', 'host', '-t', tag, dir], {encoding: 'utf8', env: {...process.env, DOCKER_BUILDKIT: '0'}});
			expect(build.status, build.stderr + build.stdout).toBe(0);

			const port = await freePort();
			docker('run', '-d', '--name', container, '--network', 'host', '-e', `PORT=${port}`, tag);
			const status = await firstAnswer(`http://127.0.0.1:${port}/`, 30);
			expect(status).toBe(200);
			const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
			expect(body).toBe('hello from the probe');
			expect(docker('exec', container, 'python', '-c', 'import flask, gunicorn; print("ok")').trim()).toBe('ok');
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});

	it('removes its container and image afterwards', () => {
		spawnSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
		spawnSync('docker', ['rmi', '-f', tag], {stdio: 'ignore'});
		expect(docker('ps', '-a', '--filter', `name=${container}`, '--format', '{{.Names}}').trim()).toBe('');
		expect(spawnSync('docker', ['image', 'inspect', tag]).status).not.toBe(0);
	});
});
