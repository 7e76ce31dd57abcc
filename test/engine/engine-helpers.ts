import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {connectEngine, type Engine, type MeasurePlan} from '../../source/engine/index.js';
import type {EngineEvent} from '../../source/types.js';

export const fixtureRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'engine', 'flask-demo');

/** The optimized after-Dockerfile of the demo: multi-stage, slim, venv, gunicorn, non-root. */
export const optimizedDockerfile = (label: string, port = 5000) => `FROM python:3.11-slim AS builder
LABEL ${label}
WORKDIR /app
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt gunicorn

FROM python:3.11-slim
LABEL ${label}
COPY --from=builder /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
RUN useradd --create-home app
COPY app.py .
USER app
EXPOSE ${port}
CMD ["gunicorn", "--bind", "0.0.0.0:${port}", "app:app"]
`;

export const optimizedDockerignore = '.git\n__pycache__\n*.pyc\nnotes/\n.venv\n';

export async function engineOrFail(): Promise<Engine> {
	const connected = await connectEngine();
	if (!connected.ok) {
		throw new Error(connected.message);
	}

	return connected.engine;
}

/** A label unique to one test run: every image and build container it makes carries it. */
export function runLabel(): {key: string; value: string; line: string} {
	const value = `${process.pid}-${Date.now().toString(36)}`;
	return {key: 'dockwiz.enginetest', value, line: `dockwiz.enginetest=${value}`};
}

/** What this run left on the engine: images (intermediate ones too) and containers carrying its label, and dockwiz tags. */
export async function leftovers(engine: Engine, label: {key: string; value: string}): Promise<{images: string[]; containers: string[]}> {
	const filter = {label: [`${label.key}=${label.value}`]};
	const images = await engine.docker.listImages({all: true, filters: filter});
	const containers = await engine.docker.listContainers({all: true, filters: filter});
	return {images: images.map(i => i.Id), containers: containers.map(c => c.Id)};
}

/**
 * The dockwiz tags this test process's measurements may have left: the final `latest` tags,
 * and temporary tags whose nonce starts with this process's pid (`tmp-<pid base 36><6 hex>-`).
 * Other suites measuring on the shared engine at the same time have temporary tags of their own.
 */
export async function dockwizTags(engine: Engine): Promise<string[]> {
	const images = await engine.docker.listImages({filters: {reference: ['dockwiz-before', 'dockwiz-after', 'dockwiz-before:*', 'dockwiz-after:*']}});
	const ours = new RegExp(`^dockwiz-(?:before|after):(?:latest|(?:tmp|run)-${process.pid.toString(36)}[0-9a-f]{6}.*)$`);
	return images.flatMap(i => i.RepoTags ?? []).filter(tag => ours.test(tag));
}

/** A copy of the fixture in a temp folder, with extra files written into it. */
export function fixtureCopy(extra: Record<string, string | Buffer> = {}): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-engine-'));
	fs.cpSync(fixtureRoot, root, {recursive: true});
	for (const [file, content] of Object.entries(extra)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
		fs.writeFileSync(path.join(root, file), content);
	}

	return root;
}

export function collect(): {events: EngineEvent[]; onEvent: (e: EngineEvent) => void} {
	const events: EngineEvent[] = [];
	return {events, onEvent: e => events.push(e)};
}

/**
 * A loopback port free right now. Engine tests of other suites may hold 5000 on this shared
 * host network, so the copies used here listen on a port of their own.
 */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** A one-run measurement plan on the host network: the before's Dockerfile against the after's (whose .dockerignore leaves out .git), the app on `port`. */
export function hostPlan(root: string, before: string, after: string, port: number, overrides: Partial<MeasurePlan> = {}): MeasurePlan {
	return {
		root,
		before: {dockerfile: before, dockerignore: null, baseline: false},
		after: {dockerfile: after, dockerignore: '.git\n'},
		editFile: 'app.py',
		port,
		runs: 1,
		network: 'host',
		keepImages: false,
		smokeTimeoutSeconds: 20,
		...overrides,
	};
}

/**
 * A one-run measurement plan whose two sides build the same Dockerfile: the hardening tests
 * care about what happens around a build (faults, a stopped engine, leftovers), not the proposal.
 */
export async function sameSidesPlan(root: string, dockerfile: string, overrides: Partial<MeasurePlan> = {}): Promise<MeasurePlan> {
	return hostPlan(root, dockerfile, dockerfile, await freePort(), {smokeTimeoutSeconds: 3, ...overrides});
}
