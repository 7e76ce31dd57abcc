import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {baseImageNotes, defaultPullSettings, ensureBaseImages, findCredentials, type Engine} from '../../source/engine/index.js';
import type {DockwizReport, EngineEvent, PullMode} from '../../source/types.js';
import {collect, engineOrFail, fixtureCopy, runLabel} from './engine-helpers.js';
import {buildUniqueImage, pushAs, startRegistry, type LocalRegistry} from './local-registry.js';

// Base images pulled from real registries on 127.0.0.1 (Debian's docker-registry): one open,
// one behind htpasswd. Each holds an image with a layer of random bytes of its own, so a pull
// downloads it for real while its base's layers are found on the engine already. Only the
// registry-named tags these tests make are ever removed, never the shared stand-ins.
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

describe('pulling base images from real local registries', () => {
	let engine: Engine;
	let open: LocalRegistry;
	let locked: LocalRegistry;
	let openImage: string;
	let lockedImage: string;
	const password = `pw-${randomBytes(12).toString('hex')}`;
	const label = runLabel();
	const nonce = `${process.pid}-${Date.now().toString(36)}`;
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-pull-test-'));
	const outputs: string[] = [];
	const localOpen = `dockwiz-pulltest:${nonce}-open`;
	const localLocked = `dockwiz-pulltest:${nonce}-locked`;

	/** A DOCKER_CONFIG folder holding this config.json. */
	const configDir = (name: string, config: unknown): string => {
		const dir = path.join(scratch, name);
		fs.mkdirSync(dir, {recursive: true});
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
		return dir;
	};

	const present = (image: string) => engine.adapter.inspectImage(image).then(() => true, () => false);
	const removeIfPresent = async (image: string) => {
		if (await present(image)) await engine.adapter.removeImage(image);
	};

	const pull = async (image: string, mode: PullMode, env: Record<string, string | undefined>, onEvent?: (e: EngineEvent) => void, signal = new AbortController().signal) => {
		const collected = collect();
		const result = await ensureBaseImages(engine, [image], event => {
			collected.onEvent(event);
			onEvent?.(event);
		}, signal, defaultPullSettings(mode, env));
		outputs.push(JSON.stringify(collected.events), JSON.stringify([...result.outcomes.values()]));
		return {...result, events: collected.events};
	};

	beforeAll(async () => {
		engine = await engineOrFail();
		[open, locked] = await Promise.all([startRegistry(), startRegistry({username: 'alice', password})]);
		openImage = `${open.address}/dockwiz-test/debian:unique`;
		lockedImage = `${locked.address}/dockwiz-test/python:3.11-slim`;
		await buildUniqueImage(engine.docker, localOpen, 'debian:12-slim', label.line, 24);
		await buildUniqueImage(engine.docker, localLocked, 'python:3.11-slim', label.line, 8);
		await pushAs(engine.docker, localOpen, openImage, null);
		await pushAs(engine.docker, localLocked, lockedImage, {username: 'alice', password});
		// Removing the only local tags removes the unique layers: a pull has to download them.
		await engine.adapter.removeImage(localOpen);
		await engine.adapter.removeImage(localLocked);
	});

	afterAll(async () => {
		await removeIfPresent(localOpen);
		await removeIfPresent(localLocked);
		await removeIfPresent(openImage);
		await removeIfPresent(lockedImage);
		await Promise.all([open?.stop(), locked?.stop()]);
		fs.rmSync(scratch, {recursive: true, force: true});
	});

	it('pulls layer by layer from the open registry: bytes, present layers, the time', async () => {
		expect(await present(openImage)).toBe(false);
		const {outcomes, records, events} = await pull(openImage, 'missing', {DOCKER_CONFIG: configDir('empty', {})});
		expect(outcomes.get(openImage)).toEqual({ok: true});
		const record = records[0];
		expect(record.status).toBe('pulled');
		// 24 MB of random bytes do not compress: the download is that layer (and nothing of the base).
		expect(record.bytes).toBeGreaterThan(23_900_000);
		expect(record.bytes).toBeLessThan(25_000_000);
		expect(record.seconds).toBeGreaterThan(0);
		const start = events.find(e => e.type === 'pull' && e.status === 'pulling');
		expect(start?.type === 'pull' && Object.values(start.pull?.layerBytes ?? {})).toContain(record.bytes);
		expect(events.some(e => e.type === 'pull' && e.status === 'Downloading' && (e.currentBytes ?? 0) > 0 && e.totalBytes === record.bytes)).toBe(true);
		expect(events.some(e => e.type === 'pull' && e.status === 'Already exists')).toBe(true);
		expect(events.some(e => e.type === 'pull' && e.status === 'Pull complete')).toBe(true);
		expect(await present(openImage)).toBe(true);
	});

	it('--pull missing leaves a present image alone; --pull always asks the registry again', async () => {
		const missing = await pull(openImage, 'missing', {DOCKER_CONFIG: configDir('empty', {})});
		expect(missing.records).toEqual([{image: openImage, status: 'present', bytes: 0, seconds: 0}]);
		const always = await pull(openImage, 'always', {DOCKER_CONFIG: configDir('empty', {})});
		expect(always.records[0]).toMatchObject({image: openImage, status: 'pulled', bytes: 0});
		expect(always.events.some(e => e.type === 'pull' && /up to date/i.test(e.status))).toBe(true);
		await engine.adapter.removeImage(openImage);
	});

	it('--pull never refuses to pull a missing image, and says how to get it', async () => {
		const {outcomes, records} = await pull(openImage, 'never', {DOCKER_CONFIG: configDir('empty', {})});
		const outcome = outcomes.get(openImage);
		expect(outcome?.ok).toBe(false);
		expect(outcome && !outcome.ok && outcome.message).toBe(`Base image ${openImage} is not on this engine and --pull never forbids pulling it. Pull it yourself (docker pull ${openImage}), or run with --pull missing.`);
		expect(records[0].status).toBe('failed');
		expect(await present(openImage)).toBe(false);
	});

	it('a missing image: the registry and the fix, nothing left behind', async () => {
		const image = `${open.address}/dockwiz-test/nothing-here:1`;
		const {outcomes} = await pull(image, 'missing', {DOCKER_CONFIG: configDir('empty', {})});
		const outcome = outcomes.get(image);
		expect(outcome && !outcome.ok && outcome.message).toMatch(new RegExp(`^Registry ${open.address.replaceAll('.', '\\.')} has no image ${image.replaceAll('.', '\\.')} \\(.*manifest unknown.*\\)\\. Check the name and tag in the FROM line`));
		expect(await present(image)).toBe(false);
	});

	it('pulls from the locked registry with the credentials config.json auths holds (DOCKER_CONFIG)', async () => {
		const dir = configDir('auths', {auths: {[locked.address]: {auth: Buffer.from(`alice:${password}`).toString('base64')}}});
		const {records} = await pull(lockedImage, 'missing', {DOCKER_CONFIG: dir});
		expect(records[0].status).toBe('pulled');
		expect(records[0].bytes).toBeGreaterThan(7_900_000);
		await engine.adapter.removeImage(lockedImage);
	});

	it('pulls with a credential helper run as the CLI runs it (credsStore: `get`, the registry on stdin)', async () => {
		const bin = path.join(scratch, 'bin');
		fs.mkdirSync(bin, {recursive: true});
		const asked = path.join(scratch, 'helper-asked');
		fs.writeFileSync(path.join(bin, 'docker-credential-dockwiztest'), `#!/bin/sh\n[ "$1" = get ] || exit 3\ncat > '${asked}'\nprintf '{"ServerURL":"%s","Username":"alice","Secret":"%s"}' "$(cat '${asked}')" '${password}'\n`, {mode: 0o755});
		const env = {DOCKER_CONFIG: configDir('store', {credsStore: 'dockwiztest'}), PATH: `${bin}:${process.env.PATH}`};
		expect((await findCredentials(locked.address, env)).source).toBe('credential helper docker-credential-dockwiztest');
		const {records} = await pull(lockedImage, 'missing', env);
		expect(fs.readFileSync(asked, 'utf8')).toBe(locked.address);
		expect(records[0].status).toBe('pulled');
		await engine.adapter.removeImage(lockedImage);
	});

	it('a wrong password: which registry, how to log in, no secret in the message, nothing left behind', async () => {
		const wrong = `wrong-${randomBytes(8).toString('hex')}`;
		const dir = configDir('wrong', {auths: {[`https://${locked.address}`]: {auth: Buffer.from(`alice:${wrong}`).toString('base64')}}});
		const {outcomes, events} = await pull(lockedImage, 'missing', {DOCKER_CONFIG: dir});
		const outcome = outcomes.get(lockedImage);
		const message = outcome && !outcome.ok ? outcome.message : '';
		expect(message).toContain(`Registry ${locked.address} refused the credentials dockwiz found for it in ${path.join(dir, 'config.json')} (auths) when pulling ${lockedImage}`);
		expect(message).toContain(`Log in again with \`docker login ${locked.address}\``);
		expect(JSON.stringify(events)).not.toContain(wrong);
		expect(await present(lockedImage)).toBe(false);
	});

	it('the Proposal\'s note: an image not on the engine, with the download size the registry\'s manifest lists', async () => {
		const dir = configDir('notes', {auths: {[locked.address]: {auth: Buffer.from(`alice:${password}`).toString('base64')}}});
		const notes = await baseImageNotes(engine, `FROM ${lockedImage} AS build\nFROM python:3.11-slim\n`, {DOCKER_CONFIG: dir});
		outputs.push(JSON.stringify(notes));
		expect(notes[1]).toEqual({image: 'python:3.11-slim', present: true, downloadBytes: null});
		expect(notes[0]).toMatchObject({image: lockedImage, present: false});
		// Every layer the manifest lists: the base's and the 8 MB of its own.
		expect(notes[0].downloadBytes).toBeGreaterThan(8_000_000);
		expect(await present(lockedImage)).toBe(false);
	});

	it('no credentials for the locked registry: says so, and how to log in', async () => {
		const {outcomes} = await pull(lockedImage, 'missing', {DOCKER_CONFIG: configDir('empty', {})});
		const outcome = outcomes.get(lockedImage);
		expect(outcome && !outcome.ok && outcome.message).toMatch(new RegExp(`^Registry ${locked.address.replaceAll('.', '\\.')} needs credentials to pull .* and none are stored for it\\. Log in with \`docker login ${locked.address.replaceAll('.', '\\.')}\``));
		expect(await present(lockedImage)).toBe(false);
	});

	it('Ctrl+C during a pull: it stops at once and leaves no image', async () => {
		const controller = new AbortController();
		const started = performance.now();
		const {records} = await pull(openImage, 'missing', {DOCKER_CONFIG: configDir('empty', {})}, event => {
			if (event.type === 'pull' && event.status === 'Downloading') controller.abort();
		}, controller.signal);
		expect(controller.signal.aborted).toBe(true);
		expect(records).toEqual([]);
		expect((performance.now() - started) / 1000).toBeLessThan(10);
		// The engine drops a pull whose client went away: no tag appears, now or a moment later.
		await new Promise(resolve => setTimeout(resolve, 2000));
		expect(await present(openImage)).toBe(false);
	});

	it('a whole run: dockwiz --json pulls the locked base image, reports it in builds.pulls, and prints no password', async () => {
		const root = fixtureCopy();
		try {
			fs.writeFileSync(path.join(root, 'Dockerfile'), fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace('FROM python:3.11', `FROM ${lockedImage}\nLABEL ${label.line}`));
			const dir = configDir('run', {auths: {[locked.address]: {auth: Buffer.from(`alice:${password}`).toString('base64')}}});
			const run = await new Promise<{code: number | null; stdout: string; stderr: string}>(resolve => {
				const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'source/cli.tsx'), root, '--json', '--network', 'host'], {
					cwd: repoRoot,
					env: {...process.env, CI: 'true', DOCKER_CONFIG: dir},
					stdio: ['ignore', 'pipe', 'pipe'],
				});
				let stdout = '';
				let stderr = '';
				child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
				child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
				child.on('close', code => resolve({code, stdout, stderr}));
			});
			outputs.push(run.stdout, run.stderr);
			const report = JSON.parse(run.stdout) as DockwizReport;
			expect(report.builds?.before.ok).toBe(true);
			const pulls = report.builds?.pulls ?? [];
			const pulled = pulls.find(p => p.image === lockedImage);
			expect(pulled?.status).toBe('pulled');
			expect(pulled?.bytes).toBeGreaterThan(7_900_000);
			expect(pulled?.seconds).toBeGreaterThan(0);
			expect(pulls.find(p => p.image === 'python:3.11-slim')).toEqual({image: 'python:3.11-slim', status: 'present', bytes: 0, seconds: 0});
			expect(run.stderr).toMatch(new RegExp(`\\[pull\\] ${lockedImage.replaceAll('.', '\\.')}: pulled .*MB in`));
		} finally {
			fs.rmSync(root, {recursive: true, force: true});
			await removeIfPresent(lockedImage);
		}
	});

	it('no output of any of these pulls holds the password', () => {
		expect(outputs.length).toBeGreaterThan(10);
		for (const output of outputs) expect(output).not.toContain(password);
	});
});
