import {execFileSync} from 'node:child_process';
import {createHmac, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkHostKey, isEncryptedKey, knownHostsName, sshSetup} from '../../source/engine/ssh-options.js';

// Real keys, made by ssh-keygen, as the user's ~/.ssh would hold them.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-ssh-options-'));
let plainKey = '';
let encryptedKey = '';
let hostBlob: Buffer;
let otherBlob: Buffer;

function keygen(name: string, passphrase = ''): string {
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path.join(dir, name)]);
	return fs.readFileSync(path.join(dir, name), 'utf8');
}

const blobOf = (name: string) => Buffer.from(fs.readFileSync(path.join(dir, `${name}.pub`), 'utf8').split(' ')[1], 'base64');
const line = (hosts: string, blob: Buffer) => `${hosts} ssh-ed25519 ${blob.toString('base64')}`;

beforeAll(() => {
	plainKey = keygen('plain');
	encryptedKey = keygen('locked', 'a passphrase');
	keygen('host');
	keygen('other');
	hostBlob = blobOf('host');
	otherBlob = blobOf('other');
});

afterAll(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('isEncryptedKey', () => {
	it('tells a passphrase-protected OpenSSH key from a plain one', () => {
		expect(isEncryptedKey(plainKey)).toBe(false);
		expect(isEncryptedKey(encryptedKey)).toBe(true);
	});

	it('sees the PEM encryption headers', () => {
		expect(isEncryptedKey('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n')).toBe(true);
		expect(isEncryptedKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')).toBe(true);
	});
});

describe('checkHostKey (known_hosts, as ssh reads it)', () => {
	it('names a host on another port [host]:port', () => {
		expect(knownHostsName('build-box', 22)).toBe('build-box');
		expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
	});

	it('accepts the listed key, on the listed port only', () => {
		const text = `# comment\n${line('[127.0.0.1]:2222', hostBlob)}\n`;
		expect(checkHostKey(text, '127.0.0.1', 2222, hostBlob)).toEqual({ok: true});
		expect(checkHostKey(text, '127.0.0.1', 22, hostBlob)).toEqual({ok: false, reason: 'unknown'});
	});

	it('refuses another key for a listed host as changed', () => {
		expect(checkHostKey(line('build-box,10.0.0.5', hostBlob), 'build-box', 22, otherBlob)).toEqual({ok: false, reason: 'changed'});
	});

	it('reads hashed host names, wildcards and negations', () => {
		const salt = randomBytes(20);
		const hash = createHmac('sha1', salt).update('[10.1.2.3]:2200').digest('base64');
		const text = [line(`|1|${salt.toString('base64')}|${hash}`, hostBlob), line('*.builders.example,!bad.builders.example', otherBlob)].join('\n');
		expect(checkHostKey(text, '10.1.2.3', 2200, hostBlob)).toEqual({ok: true});
		expect(checkHostKey(text, 'one.builders.example', 22, otherBlob)).toEqual({ok: true});
		expect(checkHostKey(text, 'bad.builders.example', 22, otherBlob)).toEqual({ok: false, reason: 'unknown'});
	});

	it('refuses a revoked key even when it is also listed', () => {
		const text = [line('build-box', hostBlob), `@revoked * ssh-ed25519 ${hostBlob.toString('base64')}`].join('\n');
		expect(checkHostKey(text, 'build-box', 22, hostBlob)).toEqual({ok: false, reason: 'revoked'});
	});
});

describe('sshSetup', () => {
	const home = '/home/dev';
	const files = (map: Record<string, string>) => (file: string) => map[file] ?? null;

	it('offers the first unencrypted default key, the agent, and the local user when the URL names none', () => {
		const read = files({[`${home}/.ssh/id_ed25519`]: encryptedKey, [`${home}/.ssh/id_rsa`]: plainKey});
		const setup = sshSetup({host: 'build-box', port: 22}, {SSH_AUTH_SOCK: '/run/agent.sock'}, home, 'dev', read);
		expect(setup.keyFile).toBe(`${home}/.ssh/id_rsa`);
		expect(setup.options).toMatchObject({host: 'build-box', port: 22, username: 'dev', agent: '/run/agent.sock', privateKey: plainKey});
	});

	it('verifies the host key against ~/.ssh/known_hosts and says how to add it', () => {
		const read = files({[`${home}/.ssh/known_hosts`]: line('[127.0.0.1]:2222', hostBlob)});
		const setup = sshSetup({host: '127.0.0.1', port: 2222, username: 'root'}, {}, home, 'dev', read);
		expect(setup.options.hostVerifier(hostBlob)).toBe(true);
		expect(setup.refusal()).toBeNull();
		expect(setup.options.hostVerifier(otherBlob)).toBe(false);
		expect(setup.refusal()).toContain('does not match the one in /home/dev/.ssh/known_hosts');
		const unknown = sshSetup({host: 'far', port: 22, username: 'me'}, {}, home, 'dev', files({}));
		expect(unknown.options.hostVerifier(hostBlob)).toBe(false);
		expect(unknown.refusal()).toBe('the SSH host key of far is not in /home/dev/.ssh/known_hosts: connect once with `ssh me@far` and accept the key if it is the engine\'s host');
	});
});
