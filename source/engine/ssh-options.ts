import {createHmac} from 'node:crypto';
import path from 'node:path';
import type {ReadText} from './docker-host.js';

// An ssh:// engine the way the ssh client reaches it: the user's keys (the agent, else the
// first unencrypted ~/.ssh/id_* file) and the host key checked against ~/.ssh/known_hosts.
// dockerode's SSH transport (ssh2) does neither by itself: it would log in with nothing and
// accept any host key, sending the build context to whoever answered. Pure but for the
// files, which are read through the injected readText.

export type SshTarget = {host: string; port: number; username?: string};

export type SshConnectOptions = {
	host: string;
	port: number;
	username: string;
	agent?: string;
	privateKey?: string;
	/** ssh2 calls it with the server's host key (the raw key blob). */
	hostVerifier: (key: Buffer) => boolean;
	readyTimeout: number;
};

export type SshSetup = {
	options: SshConnectOptions;
	/** Why the host key was refused, once it was: the message the user needs. */
	refusal: () => string | null;
	/** Which key file is offered, for messages ('' when only the agent is). */
	keyFile: string;
};

// The ssh client's default identities, in its order (DSA is long gone).
const identityFiles = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** True when an OpenSSH or PEM private key needs a passphrase (dockwiz cannot ask for one). */
export function isEncryptedKey(text: string): boolean {
	if (/Proc-Type: 4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/.test(text)) return true;
	const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
	if (!body) return false;
	const bytes = Buffer.from(body[1].replace(/\s+/g, ''), 'base64');
	const magic = 'openssh-key-v1\0';
	if (bytes.subarray(0, magic.length).toString('latin1') !== magic) return false;
	const length = bytes.readUInt32BE(magic.length);
	return bytes.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1') !== 'none';
}

/** How known_hosts names a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
	return port === 22 ? host : `[${host}]:${port}`;
}

function wildcardMatch(pattern: string, name: string): boolean {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, 'i').test(name);
}

/** Whether one known_hosts host field (`a,b,!c`, or a hashed `|1|salt|hash`) names this host. */
function hostFieldMatches(field: string, name: string): boolean {
	if (field.startsWith('|1|')) {
		const [, , salt, hash] = field.split('|');
		if (!salt || !hash) return false;
		return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
	}

	let matched = false;
	for (const pattern of field.split(',')) {
		if (pattern.startsWith('!')) {
			if (wildcardMatch(pattern.slice(1), name)) return false;
		} else if (wildcardMatch(pattern, name)) {
			matched = true;
		}
	}

	return matched;
}

export type HostKeyCheck = {ok: true} | {ok: false; reason: 'unknown' | 'changed' | 'revoked'};

/** Checks a host key (the raw blob ssh2 hands over) against known_hosts text, as ssh does. */
export function checkHostKey(knownHosts: string, host: string, port: number, key: Buffer): HostKeyCheck {
	const name = knownHostsName(host, port);
	const blob = key.toString('base64');
	let listed = false;
	let matched = false;
	for (const line of knownHosts.split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (fields.length < 3 || fields[0].startsWith('#')) continue;
		const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
		const [hosts, , keyText] = fields;
		if (!keyText || !hostFieldMatches(hosts, name)) continue;
		// A revoked key is refused wherever the line is, as ssh does.
		if (marker === '@revoked') {
			if (keyText === blob) return {ok: false, reason: 'revoked'};
			continue;
		}

		// Certificate authorities sign host certificates, which dockwiz does not check.
		if (marker === '@cert-authority') continue;
		listed = true;
		matched ||= keyText === blob;
	}

	if (matched) return {ok: true};
	return {ok: false, reason: listed ? 'changed' : 'unknown'};
}

/** The ssh2 options for an ssh:// engine, from the user's ~/.ssh and SSH_AUTH_SOCK. */
export function sshSetup(target: SshTarget, env: Record<string, string | undefined>, home: string, localUser: string, readText: ReadText): SshSetup {
	const sshDir = path.join(home, '.ssh');
	let keyFile = '';
	let privateKey: string | undefined;
	for (const name of identityFiles) {
		const text = readText(path.join(sshDir, name));
		if (text && !isEncryptedKey(text)) {
			keyFile = path.join(sshDir, name);
			privateKey = text;
			break;
		}
	}

	const knownHostsFile = path.join(sshDir, 'known_hosts');
	const name = knownHostsName(target.host, target.port);
	const login = `${target.username ? `${target.username}@` : ''}${target.host}`;
	const portFlag = target.port === 22 ? '' : `-p ${target.port} `;
	let refusal: string | null = null;
	const hostVerifier = (key: Buffer) => {
		const check = checkHostKey(readText(knownHostsFile) ?? '', target.host, target.port, key);
		if (check.ok) return true;
		refusal = check.reason === 'unknown'
			? `the SSH host key of ${name} is not in ${knownHostsFile}: connect once with \`ssh ${portFlag}${login}\` and accept the key if it is the engine's host`
			: check.reason === 'revoked'
				? `the SSH host key of ${name} is marked @revoked in ${knownHostsFile}`
				: `the SSH host key of ${name} does not match the one in ${knownHostsFile} (it changed, or someone is in between): check with the engine's owner, then update known_hosts`;
		return false;
	};

	return {
		options: {
			host: target.host,
			port: target.port,
			username: target.username ?? localUser,
			...(env.SSH_AUTH_SOCK ? {agent: env.SSH_AUTH_SOCK} : {}),
			...(privateKey ? {privateKey} : {}),
			hostVerifier,
			readyTimeout: 10_000,
		},
		refusal: () => refusal,
		keyFile,
	};
}
