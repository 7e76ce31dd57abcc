import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {defaultChoices, lintDockerfile, naiveBaseline, propose, smokeEnvironment} from '../../source/advice/index.js';
import {excludedByMarkers} from '../../source/analysis/python-markers.js';
import type {BaseFlavor, ProjectReport} from '../../source/types.js';
import {freePort} from '../engine/engine-helpers.js';
import {answerSeconds, classicBuild, classicOnly, firstAnswer, fixtureWithFiles, newMade, removeMade, run, startOnHost} from './engine-probe.js';

// The proof that the advice works: for every fixture project whose dependencies the local
// index serves, the proposed Dockerfile builds on the real engine and the container answers
// HTTP on its port. Classic builder, network mode host, loopback only (TESTENV.md).
const projectsDir = path.join(import.meta.dirname, '..', 'fixtures', 'projects');
const indexUrl = `http://127.0.0.1:${process.env.DOCKWIZ_INDEX_PORT ?? '3141'}/simple/`;
const runId = `${process.pid}`;
const made = newMade();

async function served(name: string): Promise<boolean> {
	try {
		return (await fetch(`${indexUrl}${name}/`)).ok;
	} catch {
		return false;
	}
}

/** Whether pip, pointed at the local index as the stand-in images are, can satisfy these requirements. */
async function satisfiable(requirements: string[]): Promise<{ok: boolean; output: string}> {
	const result = await run('docker', ['run', '--rm', '--network', 'host', 'python:3.11-slim', 'pip', 'install', '--dry-run', '--no-deps', '--quiet', ...requirements]);
	return {ok: result.status === 0, output: result.output};
}

/** Fixtures a build here can satisfy: a Flask app with a target, whose requirements pip resolves from the local index. */
async function buildable(report: ProjectReport): Promise<boolean> {
	if (report.framework !== 'flask' || !report.wsgiTarget || !['pip', 'pyproject'].includes(report.dependencies.manager)) {
		return false;
	}

	if (report.dependencies.packages.some(item => item.url) || !(await served('gunicorn'))) {
		return false;
	}

	// pip would skip these on the Python the build uses and report success: the dry run below proves nothing for them (DW031 says so; unit tests cover it).
	const python = (await pythonHere(report)) ?? report.python.version;
	const skipped = excludedByMarkers(report.dependencies.packages, python);
	if (skipped.length > 0) {
		process.stderr.write(`[advice engine] ${report.root}: not buildable here, ${skipped.length} of ${report.dependencies.packages.length} requirements have markers that exclude Python ${python}, the only one with images here\n`);
		return false;
	}

	const requirements = report.dependencies.packages.map(item => `${item.name}${item.extras.length > 0 ? `[${item.extras.join(',')}]` : ''}${item.spec}${item.marker ? `; ${item.marker}` : ''}`);
	const answer = await satisfiable(requirements);
	if (!answer.ok) {
		process.stderr.write(`[advice engine] ${report.root}: not buildable here, the local index cannot satisfy ${requirements.join(' ')}\n`);
	}

	return answer.ok;
}

/** Only Python 3.11 stand-ins exist here: other versions are chosen as a user would with --python 3.11. */
async function pythonHere(report: ProjectReport): Promise<string | undefined> {
	const inspect = await run('docker', ['image', 'inspect', `python:${report.python.version}-slim`]);
	return inspect.status === 0 ? undefined : '3.11';
}

type Probe = {status: number | null; server: string; user: string; sizeBytes: number; buildSeconds: number; logs: string};

/** Copies the fixture, writes the files as --write would, builds with the classic builder, runs, probes. */
async function buildAndProbe(name: string, label: string, files: {dockerfile: string; dockerignore: string | null}, port: number, env: Record<string, string> = {}): Promise<Probe> {
	const dir = await fixtureWithFiles(made, path.join(projectsDir, name), 'dockwiz-advice', files);
	const image = `dockwiz-advice-test-${name}-${label}:${runId}`;
	const container = `dockwiz-advice-test-${name}-${label}-${runId}`;
	const build = await classicBuild(made, dir, image);
	expect(build.status, `build of ${name} (${label}) failed:\n${files.dockerfile}\n${build.output.slice(-3000)}`).toBe(0);

	// The variables the app requires at import get the same placeholders dockwiz's own smoke test gives them.
	const start = await startOnHost(made, image, container, env);
	expect(start.status, start.output).toBe(0);
	const answer = await firstAnswer(`http://127.0.0.1:${port}/`, answerSeconds);
	const logs = (await run('docker', ['logs', '--tail', '30', container])).output;
	const inspect = await run('docker', ['image', 'inspect', '-f', '{{.Config.User}}|{{.Size}}', image]);
	const [user, size] = inspect.output.trim().split('|');
	await run('docker', ['rm', '-f', container]);
	const result = {status: answer?.status ?? null, server: answer?.server ?? '', user, sizeBytes: Number(size), buildSeconds: build.seconds, logs};
	process.stderr.write(`[advice engine] ${name} ${label}: ${(result.sizeBytes / 1e6).toFixed(1)} MB, built in ${result.buildSeconds.toFixed(1)} s, HTTP ${result.status} from ${result.server}\n`);
	return result;
}

async function proposeAndProbe(name: string, flavor: BaseFlavor): Promise<Probe> {
	const report = reports.get(name)!;
	const port = await freePort();
	const proposal = propose(report, {...defaultChoices(report, {base: flavor, python: await pythonHere(report)}, classicOnly), port});
	expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);
	return buildAndProbe(name, flavor, proposal, port, smokeEnvironment({...report, port}));
}

const names = fs.readdirSync(projectsDir).filter(name => fs.statSync(path.join(projectsDir, name)).isDirectory()).sort();
const reports = new Map<string, ProjectReport>();
for (const name of names) {
	reports.set(name, await scanProject(path.join(projectsDir, name)));
}

const candidates: string[] = [];
for (const name of names) {
	if (await buildable(reports.get(name)!)) {
		candidates.push(name);
	}
}

afterAll(async () => removeMade(made));

describe('proposed Dockerfiles on the real engine', () => {
	it('covers the fixture projects the local index can serve', () => {
		expect(candidates).toEqual(expect.arrayContaining(['article-app', 'dockerfile-hints', 'subfolder-procfile', 'env-port-secrets', 'several-candidates', 'required-env-at-import']));
	});

	it.each(candidates)('%s: the slim proposal builds, runs as UID 10001 and answers HTTP on its port', async name => {
		const result = await proposeAndProbe(name, 'slim');
		expect(result.status, `no HTTP answer from ${name}; container logs:\n${result.logs}`).not.toBeNull();
		// Fixtures without a `/` route answer 404: still gunicorn serving the Flask app.
		expect(result.status).toBeLessThan(500);
		expect(result.server).toMatch(/^gunicorn/);
		expect(result.user).toBe('10001:10001');
	});

	it('article-app: the distroless proposal builds, runs as nonroot and answers HTTP 200', async () => {
		const result = await proposeAndProbe('article-app', 'distroless');
		expect(result.status, `no HTTP answer; container logs:\n${result.logs}`).toBe(200);
		expect(result.server).toMatch(/^gunicorn/);
		expect(result.user).toBe('65532:65532');
	});

	it.each(['article-app', 'subfolder-procfile'])('%s: the naive baseline (the *before*) builds and answers on the app\'s port, as root, from the dev server', async name => {
		const report = {...reports.get(name)!, port: await freePort()};
		const result = await buildAndProbe(name, 'baseline', {dockerfile: naiveBaseline(report, '3.11'), dockerignore: null}, report.port);
		expect(result.status, `no HTTP answer; container logs:\n${result.logs}`).toBe(200);
		expect(result.server).toMatch(/^Werkzeug/);
		expect(result.user).toBe('');
	});
});
