// A real Distribution registry (Debian's docker-registry, installed by scripts/engine-up.sh)
// on a free 127.0.0.1 port, with its own config and storage in a temp folder: optionally
// behind htpasswd (bcrypt) auth. The engine treats 127.0.0.0/8 as an insecure registry, so
// it is spoken to over plain HTTP. stop() ends the process and removes the folder.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import {freePort} from './engine-helpers.js';

export type LocalRegistry = {
	/** `127.0.0.1:PORT`, as image references and `docker login` name it. */
	address: string;
	folder: string;
	credentials: {username: string; password: string} | null;
	stop(): Promise<void>;
};

async function answers(address: string): Promise<boolean> {
	try {
		const response = await fetch(`http://${address}/v2/`, {signal: AbortSignal.timeout(1000)});
		return response.status === 200 || response.status === 401;
	} catch {
		return false;
	}
}

export async function startRegistry(credentials: {username: string; password: string} | null = null): Promise<LocalRegistry> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-registry-'));
	const port = await freePort();
	const address = `127.0.0.1:${port}`;
	let auth = '';
	if (credentials) {
		// -B: bcrypt, the only hash the registry accepts; -i: the password on stdin, not in argv.
		const hashed = spawnSync('htpasswd', ['-niB', credentials.username], {input: credentials.password, encoding: 'utf8'});
		if (hashed.status !== 0) throw new Error(`htpasswd failed: ${hashed.stderr}`);
		fs.writeFileSync(path.join(folder, 'htpasswd'), hashed.stdout);
		auth = `auth:\n  htpasswd:\n    realm: dockwiz-test\n    path: ${path.join(folder, 'htpasswd')}\n`;
	}

	fs.writeFileSync(
		path.join(folder, 'config.yml'),
		`version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(folder, 'data')}\nhttp:\n  addr: ${address}\n${auth}`,
	);
	const log = fs.openSync(path.join(folder, 'registry.log'), 'a');
	const child: ChildProcess = spawn('docker-registry', ['serve', path.join(folder, 'config.yml')], {stdio: ['ignore', log, log]});
	fs.closeSync(log);
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))]);
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}

		fs.rmSync(folder, {recursive: true, force: true});
	};

	for (let tries = 0; tries < 100 && !(await answers(address)); tries++) {
		if (child.exitCode !== null) break;
		await new Promise(resolve => setTimeout(resolve, 100));
	}

	if (!(await answers(address))) {
		const text = fs.readFileSync(path.join(folder, 'registry.log'), 'utf8');
		await stop();
		throw new Error(`docker-registry did not answer on ${address}: ${text.slice(-2000)}`);
	}

	return {address, folder, credentials, stop};
}

async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		docker.modem.followProgress(stream, (error: Error | null, output: Array<{error?: string}>) => {
			const failed = output.find(o => o.error);
			if (error || failed) reject(error ?? new Error(failed?.error));
			else resolve();
		});
	});
}

/**
 * An image with a layer of its own (random bytes, so it compresses to nothing and is on no
 * other image): pulled back from a registry it is downloaded for real, while its base's
 * layers are found already present. Built from a shared stand-in, labelled for clean-up.
 */
export async function buildUniqueImage(docker: Docker, tag: string, from: string, label: string, megabytes: number): Promise<void> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-unique-'));
	try {
		fs.writeFileSync(path.join(folder, 'Dockerfile'), `FROM ${from}\nLABEL ${label}\nRUN head -c ${megabytes}000000 /dev/urandom > /unique-layer.bin\n`);
		const stream = await docker.buildImage({context: folder, src: ['Dockerfile']}, {t: tag, rm: true, forcerm: true, version: '1'});
		await follow(docker, stream);
	} finally {
		fs.rmSync(folder, {recursive: true, force: true});
	}
}

/** Tags `source` as `target` (a registry name), pushes it, and removes the registry-named tag again. */
export async function pushAs(docker: Docker, source: string, target: string, credentials: {username: string; password: string} | null): Promise<void> {
	const colon = target.lastIndexOf(':');
	await docker.getImage(source).tag({repo: target.slice(0, colon), tag: target.slice(colon + 1)});
	try {
		const registry = target.slice(0, target.indexOf('/'));
		// The engine wants an X-Registry-Auth header on every push, empty for an open registry.
		const stream = await docker.getImage(target).push({authconfig: credentials ? {...credentials, serveraddress: registry} : {serveraddress: registry}});
		await follow(docker, stream);
	} finally {
		await docker.getImage(target).remove().catch(() => undefined);
	}
}
