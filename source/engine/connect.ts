import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Type only: dockerode (with ssh2 and grpc) is loaded when a connection is made, so the
// wizard's first frame and --no-build never pay for it.
import type Docker from 'dockerode';
import type {EngineInfo} from '../types.js';
import type {EngineHandle} from './adapter.js';
import {DockerodeAdapter} from './dockerode-adapter.js';
import {resolveDockerHost, type EngineEndpoint} from './docker-host.js';
import {sshAppHost, tcpAppHost, type AppHost} from './app-host.js';
import {sshSetup, type SshSetup} from './ssh-options.js';
import {SshDialAgent} from './ssh-dial-agent.js';

/** A connected engine: what the report says about it, the adapter dockwiz drives, and the raw client for tests that inspect the engine. */
export type Engine = EngineHandle & {docker: Docker};

export type ConnectResult = {ok: true; engine: Engine; info: EngineInfo} | {ok: false; message: string};

const pingSeconds = 5;
const whatToDo = 'Start Docker, or set DOCKER_HOST; --no-build still works.';

function readText(file: string): string | null {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

function clientOptions(endpoint: EngineEndpoint, ssh: SshSetup | undefined): Docker.DockerOptions {
	switch (endpoint.kind) {
		case 'socket': {
			return {socketPath: endpoint.socketPath};
		}

		case 'ssh': {
			// `docker system dial-stdio` on the host, one channel per request in one login.
			const options = ssh!.options;
			// docker-modem takes an agent; @types/dockerode does not list it.
			const viaSsh: Docker.DockerOptions & {agent: SshDialAgent} = {protocol: 'http', host: options.host, port: options.port, agent: new SshDialAgent(options)};
			return viaSsh;
		}

		case 'tcp': {
			if (!endpoint.tls) {
				return {protocol: 'http', host: endpoint.host, port: endpoint.port};
			}

			const files = endpoint.tlsFiles ?? {
				ca: endpoint.certDir ? readText(path.join(endpoint.certDir, 'ca.pem')) ?? undefined : undefined,
				cert: endpoint.certDir ? readText(path.join(endpoint.certDir, 'cert.pem')) ?? undefined : undefined,
				key: endpoint.certDir ? readText(path.join(endpoint.certDir, 'key.pem')) ?? undefined : undefined,
			};
			return {protocol: 'https', host: endpoint.host, port: endpoint.port, ca: files.ca, cert: files.cert, key: files.key};
		}
	}
}

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new Error(`${what} did not answer within ${seconds} s`));
		}, seconds * 1000);
	});
	return Promise.race([promise, timeout]).finally(() => {
		clearTimeout(timer);
	});
}

/** BuildKit (`version: '2'`) needs API 1.39+ on a Linux engine; the classic builder is always there. */
export function buildersFor(apiVersion: string, osType: string): string[] {
	const [major = 0, minor = 0] = apiVersion.split('.').map(Number);
	const buildkit = osType === 'linux' && (major > 1 || (major === 1 && minor >= 39));
	return buildkit ? ['classic', 'buildkit'] : ['classic'];
}

/** Connects the way the Docker CLI does, and reports which engine answered. */
export async function connectEngine(env: NodeJS.ProcessEnv = process.env): Promise<ConnectResult> {
	const resolution = resolveDockerHost(env, env.HOME || os.homedir(), readText);
	if (!resolution.ok) {
		return {ok: false, message: `${resolution.message} (looked at ${resolution.source}). ${whatToDo}`};
	}

	const {endpoint} = resolution;
	const home = env.HOME || os.homedir();
	const ssh = endpoint.kind === 'ssh' ? sshSetup(endpoint, env, home, env.USER || os.userInfo().username, readText) : undefined;
	try {
		const {default: Dockerode} = await import('dockerode');
		const docker = new Dockerode(clientOptions(endpoint, ssh));
		await withTimeout(docker.ping(), pingSeconds * (ssh ? 3 : 1), endpoint.endpoint);
		const version = await withTimeout(docker.version(), pingSeconds * (ssh ? 3 : 1), endpoint.endpoint);
		const appHost = appHostFor(endpoint, ssh);
		const info: EngineInfo = {
			endpoint: endpoint.endpoint,
			engineVersion: version.Version,
			apiVersion: version.ApiVersion,
			builders: buildersFor(version.ApiVersion, version.Os),
			...(endpoint.kind === 'socket' ? {} : {appHost: appHost.describe}),
		};
		return {ok: true, engine: {docker, info, adapter: new DockerodeAdapter(docker, info), appHost}, info};
	} catch (error) {
		const reason = ssh?.refusal() ?? sshAuthReason(error, ssh) ?? (error instanceof Error ? error.message : String(error));
		return {ok: false, message: `No Docker engine answered at ${endpoint.endpoint} (from ${resolution.source}): ${reason}. ${whatToDo}`};
	}
}

/** Where the smoke test reaches the engine's containers (see app-host.ts). */
function appHostFor(endpoint: EngineEndpoint, ssh: SshSetup | undefined): AppHost {
	if (endpoint.kind === 'ssh') return sshAppHost(ssh!.options, endpoint.host);
	if (endpoint.kind === 'tcp') return tcpAppHost(endpoint.host, true);
	return tcpAppHost();
}

/** ssh2's "All configured authentication methods failed", said with what was offered. */
function sshAuthReason(error: unknown, ssh: SshSetup | undefined): string | null {
	if (!ssh || !(error instanceof Error) || !/authentication methods failed/i.test(error.message)) return null;
	const offered = [ssh.keyFile, ssh.options.agent ? `the agent at SSH_AUTH_SOCK` : ''].filter(Boolean);
	return `the SSH login as ${ssh.options.username} was refused (offered: ${offered.length > 0 ? offered.join(' and ') : 'no key: no unencrypted ~/.ssh/id_ed25519, id_ecdsa or id_rsa and no SSH_AUTH_SOCK'}); add your public key to the host's authorized_keys, or start ssh-agent`;
}
