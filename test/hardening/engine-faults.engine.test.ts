// Engine faults on the real engine: no engine at all, a build past its timeout, a container
// that never opens its port, a port already in use. Each ends with a clear message, and
// afterwards nothing of ours (images and containers carrying this run's label, smoke
// containers of our images) remains on the engine.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {measure, type Engine, type MeasurePlan} from '../../source/engine/index.js';
import {collect, engineOrFail, leftovers, runLabel, sameSidesPlan} from '../engine/engine-helpers.js';
import {cliPath, ensureBuilt, removeBuiltCopy, runCli, stackTraceIn} from './run-cli.js';

let engine: Engine;
let root: string;
const label = runLabel();
const faults: string[] = [];

beforeAll(async () => {
	engine = await engineOrFail();
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-faults-'));
	fs.writeFileSync(path.join(root, 'app.py'), "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n");
	fs.writeFileSync(path.join(root, 'requirements.txt'), 'flask\n');
	ensureBuilt();
}, 320_000);

afterAll(async () => {
	removeBuiltCopy();
	fs.rmSync(root, {recursive: true, force: true});
	process.stderr.write(`[hardening] engine faults survived: ${faults.length} (${faults.join(', ')})\n`);
});

async function plan(dockerfile: string, overrides: Partial<MeasurePlan> = {}): Promise<MeasurePlan> {
	return sameSidesPlan(root, dockerfile, {smokeTimeoutSeconds: 5, ...overrides});
}

/** Nothing of this run left: labelled images and containers, and no smoke container of any image we made. */
async function expectNothingLeft(): Promise<void> {
	expect(await leftovers(engine, label)).toEqual({images: [], containers: []});
	const smoke = await engine.docker.listContainers({all: true, filters: {label: ['dockwiz.role=smoke']}});
	const ourSmoke = smoke.filter(c => c.Labels?.[label.key] === label.value);
	expect(ourSmoke).toEqual([]);
}

describe('no engine at all', () => {
	it.each([
		['a socket nothing listens on', `unix://${path.join(os.tmpdir(), `dockwiz-no-engine-${process.pid}.sock`)}`],
		['a closed TCP port on loopback', 'tcp://127.0.0.1:1'],
		['an address that is not one', 'banana://nowhere'],
	])('%s: exit 2, says to start Docker or use --no-build, no stack trace', async (_name, host) => {
		for (const mode of [['--json'], ['--yes']]) {
			const run = await runCli([root, ...mode], {env: {DOCKER_HOST: host, DOCKER_CONTEXT: ''}, timeoutSeconds: 60});
			expect(stackTraceIn(run.stderr + run.stdout), run.stderr).toBeNull();
			expect(run.code, run.stderr).toBe(2);
			expect(run.stderr.trim().split('\n').at(-1)).toMatch(/Start Docker, or set DOCKER_HOST; --no-build still works\.$/);
			expect(run.seconds).toBeLessThan(30);
		}

		faults.push(`no engine (${_name})`);
	});
});

describe('a build past its timeout', () => {
	it('is stopped with a message naming the limit, and nothing of ours remains', async () => {
		const slow = `FROM python:3.11-slim\nLABEL ${label.line}\nRUN echo started > /started\nRUN sleep 120\n`;
		const started = performance.now();
		const result = await measure(engine, await plan(slow, {buildTimeoutSeconds: 4}), collect().onEvent, new AbortController().signal);
		for (const side of [result.builds.before, result.builds.after]) {
			expect(side.ok).toBe(false);
			expect(side.error?.message).toBe('The build took longer than 4 s and was stopped.');
		}

		expect((performance.now() - started) / 1000).toBeLessThan(60);
		await expectNothingLeft();
		faults.push('build timeout');
	});
});

describe('a container that never opens its port', () => {
	it('fails the smoke test with what to check, the container is removed, nothing of ours remains', async () => {
		const silent = `FROM python:3.11-slim\nLABEL ${label.line}\nCMD ["sleep", "600"]\n`;
		const p = await plan(silent);
		const result = await measure(engine, p, collect().onEvent, new AbortController().signal);
		for (const side of [result.builds.before, result.builds.after]) {
			expect(side.ok).toBe(false);
			expect(side.smoke?.ok).toBe(false);
			expect(side.error?.message).toBe(`No HTTP answer on port ${p.port} within 5 s: check that the app listens on 0.0.0.0:${p.port}.`);
		}

		await expectNothingLeft();
		faults.push('port never opened');
	});
});

describe('a port already in use', () => {
	it('is named before anything runs, and nothing of ours remains', async () => {
		// Answers like a web server, so a probe that reached it would wrongly pass: the port check must come first.
		const server = net.createServer(socket => {
			socket.on('error', () => undefined);
			socket.end('HTTP/1.0 200 OK\r\n\r\nnot the app\n');
		});
		const port = await new Promise<number>(resolve => {
			server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
		});
		try {
			const app = `FROM python:3.11-slim\nLABEL ${label.line}\nCMD ["python", "-m", "http.server", "${port}"]\n`;
			const result = await measure(engine, await plan(app, {port}), collect().onEvent, new AbortController().signal);
			for (const side of [result.builds.before, result.builds.after]) {
				expect(side.ok).toBe(false);
				expect(side.error?.message).toBe(`Port ${port} on 127.0.0.1 is already in use, so the app could not be tested on the host network: stop what uses it, or run without --network host.`);
			}
		} finally {
			server.close();
		}

		await expectNothingLeft();
		faults.push('port in use');
	});
});

describe('the CLI interrupted in the middle of a build', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
	] as const)('%s: says it is stopping, exits %i, and nothing of ours remains', async (signal, expectedCode) => {
		const project = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-interrupt-'));
		fs.cpSync(root, project, {recursive: true});
		fs.writeFileSync(path.join(project, 'Dockerfile'), `FROM python:3.11-slim\nLABEL ${label.line}\nWORKDIR /app\nCOPY . .\nRUN echo one > /one\nRUN sleep 90\nCMD ["python", "app.py"]\n`);
		const child = spawn(process.execPath, [cliPath, project, '--yes', '--network', 'host'], {env: {...process.env, CI: 'true'}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let sent = false;
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (!sent && stdout.includes('RUN sleep 90')) {
				sent = true;
				setTimeout(() => child.kill(signal), 1500);
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
		const code = await new Promise<number | null>(resolve => child.on('close', resolve));
		clearTimeout(killer);
		fs.rmSync(project, {recursive: true, force: true});
		expect(sent, stdout.slice(-2000)).toBe(true);
		expect(code, stderr).toBe(expectedCode);
		expect(stderr).toContain('dockwiz: interrupted; stopping builds and removing what they made...');
		expect(stackTraceIn(stderr + stdout)).toBeNull();
		await expectNothingLeft();
		// Its temporary tags carry its pid: none may remain.
		const tags = (await engine.docker.listImages({filters: {reference: ['dockwiz-before', 'dockwiz-after']}})).flatMap(i => i.RepoTags ?? []);
		expect(tags.filter(tag => tag.includes(`:tmp-${(child.pid ?? 0).toString(36)}`))).toEqual([]);
		faults.push(`interrupted (${signal})`);
	}, 180_000);
});
