import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {findCredentials, type HelperRunner} from '../../source/engine/registry-credentials.js';
import {credentialKey, isLoopbackRegistry, loginCommand, parseImageReference} from '../../source/engine/image-reference.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-creds-'));
afterAll(() => fs.rmSync(scratch, {recursive: true, force: true}));

let count = 0;
function configDir(config: unknown): string {
	const dir = path.join(scratch, `c${count++}`);
	fs.mkdirSync(dir);
	fs.writeFileSync(path.join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
	return dir;
}

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('image references, as the Docker CLI reads them', () => {
	it.each([
		['python:3.11-slim', {registry: 'docker.io', repository: 'library/python', reference: '3.11-slim'}],
		['python', {registry: 'docker.io', repository: 'library/python', reference: 'latest'}],
		['team/app:1', {registry: 'docker.io', repository: 'team/app', reference: '1'}],
		['127.0.0.1:5000/team/python:3.11', {registry: '127.0.0.1:5000', repository: 'team/python', reference: '3.11'}],
		['localhost/app', {registry: 'localhost', repository: 'app', reference: 'latest'}],
		['gcr.io/distroless/python3-debian12', {registry: 'gcr.io', repository: 'distroless/python3-debian12', reference: 'latest'}],
		['registry.example.com:8443/python@sha256:abc', {registry: 'registry.example.com:8443', repository: 'python', reference: 'sha256:abc'}],
	])('%s', (image, expected) => {
		expect(parseImageReference(image)).toEqual(expected);
	});

	it('names the login command and the stored key of a registry', () => {
		expect(loginCommand('docker.io')).toBe('docker login');
		expect(loginCommand('127.0.0.1:5000')).toBe('docker login 127.0.0.1:5000');
		expect(credentialKey('docker.io')).toBe('https://index.docker.io/v1/');
		expect(credentialKey('ghcr.io')).toBe('ghcr.io');
	});

	it('loopback registries are the ones the engine speaks plain HTTP to by default', () => {
		expect(isLoopbackRegistry('127.0.0.1:5000')).toBe(true);
		expect(isLoopbackRegistry('localhost:5000')).toBe(true);
		expect(isLoopbackRegistry('[::1]:5000')).toBe(true);
		expect(isLoopbackRegistry('registry.example.com')).toBe(false);
	});
});

describe('findCredentials: config.json auths, credHelpers, credsStore', () => {
	const noHelper: HelperRunner = async () => {
		throw new Error('no helper should run');
	};

	it('reads auths under DOCKER_CONFIG: the host key, a URL key, Docker Hub under its v1 key', async () => {
		const dir = configDir({auths: {
			'127.0.0.1:5000': {auth: basic('alice', 'pa:ss')},
			'https://registry.example.com/v2/': {username: 'bob', password: 'x'},
			'https://index.docker.io/v1/': {auth: basic('carol', 'y')},
			'ghcr.io': {identitytoken: 'tok'},
		}});
		const env = {DOCKER_CONFIG: dir};
		expect(await findCredentials('127.0.0.1:5000', env, noHelper)).toEqual({auth: {serveraddress: '127.0.0.1:5000', username: 'alice', password: 'pa:ss'}, source: `${dir}/config.json (auths)`});
		expect((await findCredentials('registry.example.com', env, noHelper)).auth).toEqual({serveraddress: 'registry.example.com', username: 'bob', password: 'x'});
		expect((await findCredentials('docker.io', env, noHelper)).auth).toEqual({serveraddress: 'https://index.docker.io/v1/', username: 'carol', password: 'y'});
		expect((await findCredentials('ghcr.io', env, noHelper)).auth).toEqual({serveraddress: 'ghcr.io', identitytoken: 'tok'});
		expect(await findCredentials('quay.io', env, noHelper)).toEqual({auth: null, source: null});
	});

	it('defaults to ~/.docker under HOME; no config file is no credentials, not a problem', async () => {
		const home = path.join(scratch, 'home');
		fs.mkdirSync(path.join(home, '.docker'), {recursive: true});
		expect(await findCredentials('127.0.0.1:5000', {HOME: home}, noHelper)).toEqual({auth: null, source: null});
		fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({auths: {'127.0.0.1:5000': {auth: basic('a', 'b')}}}));
		expect((await findCredentials('127.0.0.1:5000', {HOME: home}, noHelper)).source).toBe(`${home}/.docker/config.json (auths)`);
	});

	it('a config that is not JSON: a problem that names the file, and no credentials', async () => {
		const dir = configDir('{not json');
		const found = await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: dir}, noHelper);
		expect(found.auth).toBeNull();
		expect(found.problem).toBe(`${dir}/config.json could not be read as JSON; pulling 127.0.0.1:5000 without credentials (fix or remove the file, then docker login again).`);
	});

	it('credHelpers wins for its registry, credsStore for the others, as in the CLI; Docker Hub is asked under its v1 key', async () => {
		const asked: string[] = [];
		const run: HelperRunner = async (program, server) => {
			asked.push(`${program} ${server}`);
			return {missing: false, code: 0, stdout: JSON.stringify({ServerURL: server, Username: program === 'docker-credential-pass' ? '<token>' : 'u', Secret: 's3'})};
		};

		const dir = configDir({credHelpers: {'127.0.0.1:5000': 'pass'}, credsStore: 'desktop', auths: {'127.0.0.1:5000': {}}});
		expect(await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: dir}, run)).toEqual({auth: {serveraddress: '127.0.0.1:5000', identitytoken: 's3'}, source: 'credential helper docker-credential-pass'});
		expect((await findCredentials('docker.io', {DOCKER_CONFIG: dir}, run)).auth).toEqual({serveraddress: 'https://index.docker.io/v1/', username: 'u', password: 's3'});
		expect(asked).toEqual(['docker-credential-pass 127.0.0.1:5000', 'docker-credential-desktop https://index.docker.io/v1/']);
	});

	it('a helper with nothing stored, a missing helper, a failing one', async () => {
		const dir = configDir({credsStore: 'x'});
		const notFound: HelperRunner = async () => ({missing: false, code: 1, stdout: 'credentials not found in native keychain\n'});
		expect(await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: dir}, notFound)).toEqual({auth: null, source: null});
		const missing: HelperRunner = async () => ({missing: true});
		expect((await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: dir}, missing)).problem).toBe('config.json names the credential helper docker-credential-x, which is not on PATH: install it, or remove it from config.json; pulling 127.0.0.1:5000 without credentials.');
		const failing: HelperRunner = async () => ({missing: false, code: 4, stdout: 'secret-looking output'});
		const failed = await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: dir}, failing);
		expect(failed.problem).toBe('docker-credential-x get failed (exit 4) for 127.0.0.1:5000; pulling without credentials.');
	});

	it('runs a real helper program: `get`, the server address on stdin, JSON on stdout', async () => {
		const bin = path.join(scratch, 'bin');
		fs.mkdirSync(bin, {recursive: true});
		fs.writeFileSync(path.join(bin, 'docker-credential-unit'), '#!/bin/sh\n[ "$1" = get ] || exit 3\nserver=$(cat)\nprintf \'{"ServerURL":"%s","Username":"u-%s","Secret":"s"}\' "$server" "$server"\n', {mode: 0o755});
		const found = await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: configDir({credsStore: 'unit'}), PATH: `${bin}:${process.env.PATH}`});
		expect(found).toEqual({auth: {serveraddress: '127.0.0.1:5000', username: 'u-127.0.0.1:5000', password: 's'}, source: 'credential helper docker-credential-unit'});
		const absent = await findCredentials('127.0.0.1:5000', {DOCKER_CONFIG: configDir({credsStore: 'absent-helper'}), PATH: bin});
		expect(absent.problem).toContain('docker-credential-absent-helper, which is not on PATH');
	});
});
