// Registry credentials found the way the Docker CLI finds them, so a `docker login` the
// user already did is enough: $DOCKER_CONFIG/config.json (default ~/.docker), its
// `credHelpers` (per registry), then its `credsStore` (all registries), then its `auths`.
// A helper is run as the CLI runs it: `docker-credential-<name> get`, the server address on
// stdin, JSON on stdout. The secret goes to the engine only; nothing here ever prints it.
import {spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {credentialKey, hostOfKey} from './image-reference.js';

/** What the Engine API takes as X-Registry-Auth (dockerode's `authconfig`). */
export type RegistryAuth = {serveraddress: string; username: string; password: string} | {serveraddress: string; identitytoken: string};

export type CredentialLookup = {
	auth: RegistryAuth | null;
	/** Where they came from, for messages (never the secret): `credential helper docker-credential-pass`. */
	source: string | null;
	/** Something in the way (an unreadable config, a helper that failed), said in a warning. */
	problem?: string;
};

export type HelperResult = {missing: true} | {missing: false; code: number; stdout: string};
export type HelperRunner = (program: string, serverAddress: string, env: Record<string, string | undefined>) => Promise<HelperResult>;

type ConfigFile = {
	auths?: Record<string, {auth?: string; username?: string; password?: string; identitytoken?: string}>;
	credsStore?: string;
	credHelpers?: Record<string, string>;
};

const helperTimeoutMs = 15_000;

/** Runs `program get` with the server address on stdin, as the CLI does. */
export const runCredentialHelper: HelperRunner = async (program, serverAddress, env) =>
	new Promise(resolve => {
		const child = spawn(program, ['get'], {stdio: ['pipe', 'pipe', 'ignore'], timeout: helperTimeoutMs, env});
		let stdout = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? {missing: true} : {missing: false, code: 1, stdout: ''}));
		child.on('close', code => resolve({missing: false, code: code ?? 1, stdout}));
		child.stdin.on('error', () => undefined);
		child.stdin.end(serverAddress);
	});

/** The folder the CLI reads config.json from. */
export function dockerConfigDir(env: Record<string, string | undefined>): string {
	return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

/** Docker Hub's credentials may be stored under any of its names. */
function hostsFor(registry: string): string[] {
	return registry === 'docker.io' ? ['index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
}

function fromAuthsEntry(entry: NonNullable<ConfigFile['auths']>[string], serveraddress: string): RegistryAuth | null {
	if (entry.identitytoken) return {serveraddress, identitytoken: entry.identitytoken};
	if (entry.auth) {
		const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon > 0) return {serveraddress, username: decoded.slice(0, colon), password: decoded.slice(colon + 1)};
	}

	if (entry.username && entry.password) return {serveraddress, username: entry.username, password: entry.password};
	return null;
}

async function fromHelper(name: string, registry: string, run: HelperRunner, env: Record<string, string | undefined>): Promise<CredentialLookup> {
	const program = `docker-credential-${name}`;
	const source = `credential helper ${program}`;
	const serveraddress = credentialKey(registry);
	const result = await run(program, serveraddress, env);
	if (result.missing) return {auth: null, source: null, problem: `config.json names the credential helper ${program}, which is not on PATH: install it, or remove it from config.json; pulling ${registry} without credentials.`};
	if (result.code !== 0) {
		// The helpers' own word for "no credentials for this server" is not a problem.
		if (/credentials not found/i.test(result.stdout)) return {auth: null, source: null};
		return {auth: null, source: null, problem: `${program} get failed (exit ${result.code}) for ${registry}; pulling without credentials.`};
	}

	try {
		const answer = JSON.parse(result.stdout) as {Username?: string; Secret?: string};
		if (!answer.Secret) return {auth: null, source: null};
		// The CLI's convention: the user name `<token>` marks an identity token.
		const auth: RegistryAuth = answer.Username === '<token>' ? {serveraddress, identitytoken: answer.Secret} : {serveraddress, username: answer.Username ?? '', password: answer.Secret};
		return {auth, source};
	} catch {
		return {auth: null, source: null, problem: `${program} get answered something that is not JSON for ${registry}; pulling without credentials.`};
	}
}

/** The credentials `docker login` stored for `registry` (`docker.io` or a host[:port]), if any. */
export async function findCredentials(registry: string, env: Record<string, string | undefined> = process.env, run: HelperRunner = runCredentialHelper): Promise<CredentialLookup> {
	const dir = dockerConfigDir(env);
	const file = path.join(dir, 'config.json');
	let config: ConfigFile;
	try {
		config = JSON.parse(await readFile(file, 'utf8')) as ConfigFile;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {auth: null, source: null};
		return {auth: null, source: null, problem: `${file} could not be read as JSON; pulling ${registry} without credentials (fix or remove the file, then docker login again).`};
	}

	if (!config || typeof config !== 'object') return {auth: null, source: null};
	const hosts = hostsFor(registry);
	const helper = Object.entries(config.credHelpers ?? {}).find(([key]) => hosts.includes(hostOfKey(key)))?.[1];
	if (helper) return fromHelper(helper, registry, run, env);
	if (config.credsStore) return fromHelper(config.credsStore, registry, run, env);
	const entry = Object.entries(config.auths ?? {}).find(([key]) => hosts.includes(hostOfKey(key)));
	const auth = entry ? fromAuthsEntry(entry[1], credentialKey(registry)) : null;
	return auth ? {auth, source: `${file} (auths)`} : {auth: null, source: null};
}
