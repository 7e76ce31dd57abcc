import {describe, expect, it} from 'vitest';
import {ensureBaseImages, type PullSettings} from '../../source/engine/base-images.js';
import {engineReason, pullFailureMessage} from '../../source/engine/pull-failure.js';
import {downloadSize} from '../../source/engine/registry-manifest.js';
import {foldPull, pullTotals} from '../../source/report/pull-tally.js';
import {pullRecordText, pullSummaryLines} from '../../source/report/pull-lines.js';
import type {EngineEvent} from '../../source/types.js';
import {FakeAdapter} from './fake-adapter.js';

describe('pull failures say which registry and what to do', () => {
	it('strips dockerode\'s status prefix', () => {
		expect(engineReason(new Error('(HTTP code 500) server error - unauthorized: authentication required'))).toBe('unauthorized: authentication required');
	});

	it('refused credentials, missing credentials, a missing image, Docker Hub\'s ambiguous answer, an unreachable registry', () => {
		expect(pullFailureMessage('r.example.com/a:1', 'r.example.com', 'unauthorized: authentication required', '/h/.docker/config.json (auths)')).toBe('Registry r.example.com refused the credentials dockwiz found for it in /h/.docker/config.json (auths) when pulling r.example.com/a:1 (unauthorized: authentication required). Log in again with `docker login r.example.com`, then run dockwiz again.');
		expect(pullFailureMessage('r.example.com/a:1', 'r.example.com', 'unauthorized: authentication required', null)).toBe('Registry r.example.com needs credentials to pull r.example.com/a:1 (unauthorized: authentication required) and none are stored for it. Log in with `docker login r.example.com` (dockwiz uses what docker login stores), then run dockwiz again.');
		expect(pullFailureMessage('r.example.com/a:1', 'r.example.com', 'manifest for r.example.com/a:1 not found: manifest unknown: manifest unknown', null)).toMatch(/^Registry r\.example\.com has no image r\.example\.com\/a:1 \(.*\)\. Check the name and tag in the FROM line, or push the image there first\.$/);
		expect(pullFailureMessage('team/private:1', 'docker.io', 'pull access denied for team/private, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', null)).toContain('Docker Hub has no team/private:1 that these credentials may pull');
		expect(pullFailureMessage('python:3.11', 'docker.io', 'dial tcp: lookup registry-1.docker.io: no such host', null)).toBe('Base image python:3.11 is not on this engine and could not be pulled (dial tcp: lookup registry-1.docker.io: no such host). Pull it where a registry is reachable (docker pull python:3.11), or change the FROM line.');
	});
});

describe('downloadSize asks the registry for the manifest', () => {
	const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), {status, headers});

	it('a multi-platform image: resolves this platform, sums its layers, follows a Bearer challenge with basic credentials', async () => {
		const calls: string[] = [];
		const fake = (async (input: string | URL, init?: RequestInit) => {
			const url = String(input);
			const authorization = (init?.headers as Record<string, string>).authorization ?? '';
			calls.push(`${url} ${authorization.split(' ')[0]}`);
			if (url.startsWith('https://auth.example.com/token')) {
				expect(url).toBe('https://auth.example.com/token?service=registry.example.com&scope=repository%3Ateam%2Fpython%3Apull');
				expect(authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
				return json({token: 'T'});
			}

			if (authorization !== 'Bearer T') return json({}, 401, {'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/python:pull"'});
			if (url.endsWith('/manifests/3.11')) return json({manifests: [{digest: 'sha256:arm', platform: {os: 'linux', architecture: 'arm64'}}, {digest: 'sha256:amd', platform: {os: 'linux', architecture: 'amd64'}}]});
			if (url.endsWith('/manifests/sha256:amd')) return json({layers: [{digest: `sha256:${'a'.repeat(64)}`, size: 100}, {digest: `sha256:${'b'.repeat(64)}`, size: 50}]});
			return json({}, 404);
		}) as typeof fetch;
		const size = await downloadSize('registry.example.com/team/python:3.11', {serveraddress: 'registry.example.com', username: 'u', password: 'p'}, {fetch: fake, arch: 'x64'});
		expect(size).toEqual({bytes: 150, layers: {aaaaaaaaaaaa: 100, bbbbbbbbbbbb: 50}});
		expect(calls[0]).toBe('https://registry.example.com/v2/team/python/manifests/3.11 ');
	});

	it('plain HTTP and Basic auth for a loopback registry; null when it does not answer', async () => {
		const fake = (async (input: string | URL, init?: RequestInit) => {
			const authorization = (init?.headers as Record<string, string>).authorization;
			if (!authorization) return json({}, 401, {'www-authenticate': 'Basic realm="r"'});
			expect(String(input)).toBe('http://127.0.0.1:5000/v2/team/app/manifests/1');
			return json({layers: [{digest: `sha256:${'c'.repeat(64)}`, size: 7}]});
		}) as typeof fetch;
		expect(await downloadSize('127.0.0.1:5000/team/app:1', {serveraddress: '127.0.0.1:5000', username: 'u', password: 'p'}, {fetch: fake})).toEqual({bytes: 7, layers: {cccccccccccc: 7}});
		const down = (async () => {
			throw new TypeError('fetch failed');
		}) as typeof fetch;
		expect(await downloadSize('127.0.0.1:5000/team/app:1', null, {fetch: down})).toBeNull();
	});
});

describe('the pull tally', () => {
	const image = 'x';
	const fold = (events: Array<Omit<Extract<EngineEvent, {type: 'pull'}>, 'type' | 'image'>>) => pullTotals(events.reduce((tally, event) => foldPull(tally, {type: 'pull', image, ...event}), {}));

	it('counts downloaded bytes of new layers only, and present layers as done', () => {
		expect(fold([
			{status: 'Pulling from team/x', layer: 'latest'},
			{status: 'Already exists', layer: 'l1'},
			{status: 'Pulling fs layer', layer: 'l2'},
			{status: 'Downloading', layer: 'l2', currentBytes: 300, totalBytes: 1000},
		])).toEqual({layersTotal: 2, layersDone: 1, layersPresent: 1, bytesDone: 300, bytesTotal: 1000, totalKnown: true});
		expect(fold([
			{status: 'Downloading', layer: 'l2', currentBytes: 300, totalBytes: 1000},
			{status: 'Verifying Checksum', layer: 'l2'},
			{status: 'Extracting', layer: 'l2', currentBytes: 10, totalBytes: 1000},
			{status: 'Pull complete', layer: 'l2'},
		])).toMatchObject({layersDone: 1, bytesDone: 1000});
	});

	it('takes layer sizes from the registry before the engine tells them', () => {
		const totals = fold([{status: 'pulling', pull: {layerBytes: {l1: 10, l2: 20}}}, {status: 'Waiting', layer: 'l2'}]);
		expect(totals).toEqual({layersTotal: 2, layersDone: 0, layersPresent: 0, bytesDone: 0, bytesTotal: 30, totalKnown: true});
	});
});

describe('pull records read apart from the build times', () => {
	it('one line per image, and a total only when something was pulled', () => {
		expect(pullRecordText({image: 'a', status: 'pulled', bytes: 24_000_000, seconds: 1.5})).toBe('a: pulled 24.0 MB in 1.50 s');
		expect(pullRecordText({image: 'a', status: 'pulled', bytes: 0, seconds: 0.2})).toBe('a: pulled nothing new (its layers were on the engine) in 0.20 s');
		expect(pullSummaryLines([{image: 'a', status: 'present', bytes: 0, seconds: 0}])).toEqual([]);
		expect(pullSummaryLines([{image: 'a', status: 'failed', bytes: 0, seconds: 0.2}])).toEqual(['Base images, before the builds:', '  a: pull failed after 0.20 s']);
		expect(pullSummaryLines([{image: 'a', status: 'pulled', bytes: 24_000_000, seconds: 1.5}, {image: 'b', status: 'present', bytes: 0, seconds: 0}])).toEqual([
			'Base images, pulled before the builds (not in the build times): 24.0 MB in 1.50 s',
			'  a: pulled 24.0 MB in 1.50 s',
			'  b: already on the engine, not pulled',
		]);
	});
});

describe('ensureBaseImages and --pull', () => {
	const settings = (mode: PullSettings['mode'], found: string[] = []): PullSettings => ({
		mode,
		credentials: async registry => {
			found.push(registry);
			return registry === 'r.example.com' ? {auth: {serveraddress: registry, username: 'u', password: 'sekrit'}, source: 'test'} : {auth: null, source: null};
		},
		downloadSize: async () => null,
	});

	it('missing: present images are left alone; always: pulled anyway; never: a missing image fails with the way out', async () => {
		const adapter = new FakeAdapter();
		adapter.addImage({tags: ['python:3.11-slim']});
		adapter.onPull = () => 'ok';
		const engine = {info: adapter.info, adapter};
		const signal = new AbortController().signal;
		const missing = await ensureBaseImages(engine, ['python:3.11-slim'], () => undefined, signal, settings('missing'));
		expect(missing.records).toEqual([{image: 'python:3.11-slim', status: 'present', bytes: 0, seconds: 0}]);
		expect(adapter.calls).toEqual([]);
		const always = await ensureBaseImages(engine, ['python:3.11-slim'], () => undefined, signal, settings('always'));
		expect(always.records[0].status).toBe('pulled');
		expect(adapter.calls).toEqual(['pull python:3.11-slim']);
		const never = await ensureBaseImages(engine, ['python:3.12-slim'], () => undefined, signal, settings('never'));
		expect(never.outcomes.get('python:3.12-slim')).toEqual({ok: false, image: 'python:3.12-slim', message: 'Base image python:3.12-slim is not on this engine and --pull never forbids pulling it. Pull it yourself (docker pull python:3.12-slim), or run with --pull missing.'});
		expect(adapter.calls).toEqual(['pull python:3.11-slim']);
	});

	it('an engine message that echoed the secret has it replaced', async () => {
		const adapter = new FakeAdapter();
		adapter.pull = async () => {
			throw new Error('(HTTP code 500) server error - unauthorized: bad password sekrit');
		};

		const events: EngineEvent[] = [];
		const found: string[] = [];
		const {outcomes} = await ensureBaseImages({info: adapter.info, adapter}, ['r.example.com/a:1'], event => events.push(event), new AbortController().signal, settings('missing', found));
		const outcome = outcomes.get('r.example.com/a:1');
		expect(found).toEqual(['r.example.com']);
		expect(outcome && !outcome.ok && outcome.message).toContain('(unauthorized: bad password ****)');
		expect(JSON.stringify(events)).not.toContain('sekrit');
	});
});
