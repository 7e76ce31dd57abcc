import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {contextId, resolveDockerHost} from '../../source/engine/docker-host.js';
import {buildersFor} from '../../source/engine/connect.js';

const home = '/home/dev';

function files(map: Record<string, string>) {
	return (file: string) => map[file] ?? null;
}

function contextMeta(name: string, host: string, extra: Record<string, unknown> = {}): Record<string, string> {
	return {[path.join(home, '.docker', 'contexts', 'meta', contextId(name), 'meta.json')]: JSON.stringify({Name: name, Endpoints: {docker: {Host: host, ...extra}}})};
}

describe('resolveDockerHost', () => {
	it('uses the default socket when nothing is set, and says so', () => {
		const result = resolveDockerHost({}, home, files({}), 'linux');
		expect(result.ok && result.endpoint).toEqual({kind: 'socket', endpoint: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock'});
		expect(result.source).toContain('default socket');
	});

	it('reads a unix DOCKER_HOST', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'unix:///run/user/1000/docker.sock'}, home, files({}), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'socket', socketPath: '/run/user/1000/docker.sock'});
		expect(result.source).toBe('DOCKER_HOST=unix:///run/user/1000/docker.sock');
	});

	it('reads a plain tcp DOCKER_HOST with the default port', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'tcp://10.0.0.5'}, home, files({}), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'tcp', host: '10.0.0.5', port: 2375, tls: false});
	});

	it('turns on TLS with DOCKER_TLS_VERIFY and takes certificates from DOCKER_CERT_PATH', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'tcp://engine.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs'}, home, files({}), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'tcp', host: 'engine.example', port: 2376, tls: true, verify: true, certDir: '/certs'});
	});

	it('defaults the TLS certificates to ~/.docker and the port to 2376', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'tcp://engine.example', DOCKER_TLS_VERIFY: '1'}, home, files({}), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({port: 2376, certDir: path.join(home, '.docker')});
	});

	it('reads an ssh DOCKER_HOST with user and port', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'ssh://deploy@build-box:2222'}, home, files({}), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'ssh', host: 'build-box', port: 2222, username: 'deploy'});
	});

	it('rejects a host it cannot reach with a message naming the accepted forms', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'fd://'}, home, files({}), 'linux');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain('unix://');
	});

	it('prefers DOCKER_HOST over DOCKER_CONTEXT, as the CLI does', () => {
		const result = resolveDockerHost({DOCKER_HOST: 'tcp://a:1', DOCKER_CONTEXT: 'remote'}, home, files(contextMeta('remote', 'tcp://b:2')), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({host: 'a', port: 1});
	});

	it('follows DOCKER_CONTEXT to the context endpoint', () => {
		const result = resolveDockerHost({DOCKER_CONTEXT: 'remote'}, home, files(contextMeta('remote', 'ssh://me@far')), 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'ssh', host: 'far', username: 'me'});
		expect(result.source).toContain('DOCKER_CONTEXT=remote');
	});

	it('follows currentContext in config.json, under DOCKER_CONFIG when set', () => {
		const config = '/etc/dockercfg';
		const read = files({
			[path.join(config, 'config.json')]: JSON.stringify({currentContext: 'colima'}),
			[path.join(config, 'contexts', 'meta', contextId('colima'), 'meta.json')]: JSON.stringify({Endpoints: {docker: {Host: 'unix:///home/dev/.colima/docker.sock'}}}),
		});
		const result = resolveDockerHost({DOCKER_CONFIG: config}, home, read, 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'socket', socketPath: '/home/dev/.colima/docker.sock'});
		expect(result.source).toContain('currentContext "colima"');
	});

	it('treats the context named default as the default socket', () => {
		const read = files({[path.join(home, '.docker', 'config.json')]: JSON.stringify({currentContext: 'default'})});
		const result = resolveDockerHost({}, home, read, 'linux');
		expect(result.ok && result.endpoint).toMatchObject({socketPath: '/var/run/docker.sock'});
	});

	it('uses a tcp context TLS material stored beside it', () => {
		const tlsDir = path.join(home, '.docker', 'contexts', 'tls', contextId('secure'), 'docker');
		const read = files({...contextMeta('secure', 'tcp://engine.example:2376'), [path.join(tlsDir, 'ca.pem')]: 'CA', [path.join(tlsDir, 'cert.pem')]: 'CERT', [path.join(tlsDir, 'key.pem')]: 'KEY'});
		const result = resolveDockerHost({DOCKER_CONTEXT: 'secure'}, home, read, 'linux');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'tcp', tls: true, verify: true, tlsFiles: {ca: 'CA', cert: 'CERT', key: 'KEY'}});
	});

	it('says where it looked when a named context does not exist', () => {
		const result = resolveDockerHost({DOCKER_CONTEXT: 'gone'}, home, files({}), 'linux');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain('docker context ls');
		expect(result.source).toBe('DOCKER_CONTEXT=gone');
	});

	it('uses the named pipe on Windows', () => {
		const result = resolveDockerHost({}, home, files({}), 'win32');
		expect(result.ok && result.endpoint).toMatchObject({kind: 'socket', socketPath: '//./pipe/docker_engine'});
	});
});

describe('buildersFor', () => {
	it('offers BuildKit from API 1.39 on Linux only', () => {
		expect(buildersFor('1.41', 'linux')).toEqual(['classic', 'buildkit']);
		expect(buildersFor('1.38', 'linux')).toEqual(['classic']);
		expect(buildersFor('1.41', 'windows')).toEqual(['classic']);
	});
});
