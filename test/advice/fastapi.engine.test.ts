import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultChoices, lintDockerfile, propose} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import {freePort} from '../engine/engine-helpers.js';
import {answerSeconds, classicBuild, classicOnly, firstAnswer, fixtureWithFiles, newMade, removeMade, run, startOnHost} from './engine-probe.js';

// FastAPI/Starlette proposals build and answer HTTP: one fixture per server the proposal can
// choose (uvicorn, gunicorn with uvicorn workers, hypercorn) plus the src/ layout. Classic
// builder, network mode host, loopback only (TESTENV.md); the index serves Debian's FastAPI
// 0.92, Starlette 0.26, uvicorn 0.17, gunicorn 20.1 and hypercorn 0.13.
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'fastapi');
const runId = `${process.pid}`;
const made = newMade();

type Case = {
	fixture: string;
	/** What the proposed start command must be. */
	command: RegExp;
	/** The `server` header of the answer: which server really serves it. */
	server: RegExp;
	/** What the root's body proves. */
	body: RegExp;
	/** FastAPI apps also answer their /docs page. */
	docs: boolean;
	/** Run with a PORT of its own, as a platform would, and probe that port. */
	platformPort?: boolean;
};

const cases: Case[] = [
	{fixture: 'main-app', command: /exec uvicorn main:app --host 0\.0\.0\.0 --port \\"\$\{PORT:-\d+\}\\" --proxy-headers/, server: /^uvicorn$/, body: /"service":"notes"/, docs: true, platformPort: true},
	{fixture: 'gunicorn-workers', command: /"gunicorn", "--worker-class", "uvicorn\.workers\.UvicornWorker", "--workers", "4"/, server: /^uvicorn$/, body: /"pong":true/, docs: true},
	{fixture: 'src-layout', command: /PYTHONPATH=\/app\/src/, server: /^uvicorn$/, body: /"A-100":4/, docs: true},
	{fixture: 'starlette-hypercorn', command: /exec hypercorn --bind \\"0\.0\.0\.0:\$\{PORT:-\d+\}\\" app:app/, server: /^hypercorn/, body: /^starlette says hi$/, docs: false, platformPort: true},
];

afterAll(async () => removeMade(made));

describe('FastAPI/Starlette proposals build and answer HTTP', () => {
	it.each(cases)('$fixture', async ({fixture, command, server, body, docs, platformPort}) => {
		const report = await scanProject(path.join(fixtures, fixture));
		expect(report.framework).toBe('fastapi');
		const port = await freePort();
		const proposal = propose(report, {...defaultChoices(report, {base: 'slim', python: '3.11'}, classicOnly), port});
		expect(proposal.dockerfile).toMatch(command);
		expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);

		const dir = await fixtureWithFiles(made, path.join(fixtures, fixture), 'dockwiz-fastapi', proposal);
		const image = `dockwiz-fastapi-test-${fixture}:${runId}`;
		const container = `dockwiz-fastapi-test-${fixture}-${runId}`;
		const build = await classicBuild(made, dir, image);
		expect(build.status, `build failed:\n${proposal.dockerfile}\n${build.output.slice(-3000)}`).toBe(0);

		const listenPort = platformPort ? await freePort() : port;
		const start = await startOnHost(made, image, container, platformPort ? {PORT: String(listenPort)} : {});
		expect(start.status, start.output).toBe(0);
		const answer = await firstAnswer(`http://127.0.0.1:${listenPort}/`, answerSeconds);
		const docsAnswer = docs && answer ? await firstAnswer(`http://127.0.0.1:${listenPort}/docs`, 10) : null;
		const logs = (await run('docker', ['logs', '--tail', '30', container])).output;
		const user = (await run('docker', ['image', 'inspect', '-f', '{{.Config.User}}', image])).output.trim();
		// docker stop's SIGTERM goes to PID 1: it must be the server itself (exec), not a shell that ignores it.
		const pid1 = (await run('docker', ['exec', container, 'cat', '/proc/1/cmdline'])).output.replaceAll('\0', ' ').trim();
		const stopStarted = performance.now();
		await run('docker', ['stop', container]);
		const stopSeconds = (performance.now() - stopStarted) / 1000;
		await run('docker', ['rm', '-f', container]);
		process.stderr.write(`[fastapi engine] ${fixture}: built in ${build.seconds.toFixed(1)} s, HTTP ${answer?.status ?? 'none'} on ${listenPort}, /docs ${docsAnswer?.status ?? '-'}, stopped in ${stopSeconds.toFixed(1)} s, PID 1: ${pid1}\n`);

		expect(answer, `no HTTP answer on ${listenPort}; container logs:\n${logs}\n${proposal.dockerfile}`).not.toBeNull();
		expect(answer!.status, `container logs:\n${logs}`).toBe(200);
		expect(answer!.server).toMatch(server);
		expect(answer!.body.trim()).toMatch(body);
		if (docs) {
			expect(docsAnswer?.status).toBe(200);
			expect(docsAnswer?.body).toMatch(/swagger-ui/i);
		}

		expect(user).toBe('10001:10001');
		expect(pid1).toMatch(/uvicorn|gunicorn|hypercorn/);
		expect(pid1).not.toMatch(/^(\/bin\/)?sh /);
	});
});
