import {createHash} from 'node:crypto';
import path from 'node:path';

// Finds the engine the way the Docker CLI does: DOCKER_HOST first, then DOCKER_CONTEXT,
// then the config's currentContext, then the platform's default socket.
// Pure but for reading files, which is injected so tests can hand it a fake home.

export type TlsFiles = {ca?: string; cert?: string; key?: string};

export type EngineEndpoint =
	| {kind: 'socket'; endpoint: string; socketPath: string}
	| {kind: 'tcp'; endpoint: string; host: string; port: number; tls: boolean; verify: boolean; certDir?: string; tlsFiles?: TlsFiles}
	| {kind: 'ssh'; endpoint: string; host: string; port: number; username?: string};

export type HostResolution =
	| {ok: true; endpoint: EngineEndpoint; source: string}
	| {ok: false; message: string; source: string};

export type ReadText = (file: string) => string | null;

export const defaultSocket = (platform: NodeJS.Platform): string =>
	platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';

/** Parses a Docker host URL (`unix:///p`, `tcp://h:p`, `ssh://u@h`, `npipe://`). */
export function parseHost(
	host: string,
	env: Record<string, string | undefined>,
	home: string,
): {ok: true; endpoint: EngineEndpoint} | {ok: false; message: string} {
	const trimmed = host.trim();
	if (trimmed.startsWith('unix://')) {
		const socketPath = trimmed.slice('unix://'.length) || '/var/run/docker.sock';
		return {ok: true, endpoint: {kind: 'socket', endpoint: `unix://${socketPath}`, socketPath}};
	}

	if (trimmed.startsWith('npipe://')) {
		const socketPath = trimmed.slice('npipe://'.length) || '//./pipe/docker_engine';
		return {ok: true, endpoint: {kind: 'socket', endpoint: `npipe://${socketPath}`, socketPath}};
	}

	// The CLI accepts a bare `host:port` as tcp.
	const withScheme = /^[a-z]+:\/\//.test(trimmed) ? trimmed : `tcp://${trimmed}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return {ok: false, message: `"${host}" is not a Docker host address: use unix:///path, tcp://host:port or ssh://user@host.`};
	}

	if (url.protocol === 'ssh:') {
		return {
			ok: true,
			endpoint: {
				kind: 'ssh',
				endpoint: withScheme,
				host: url.hostname,
				port: url.port ? Number(url.port) : 22,
				username: url.username || undefined,
			},
		};
	}

	if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
		// The CLI: TLS when DOCKER_TLS_VERIFY is set (any non-empty value), or DOCKER_TLS, or https.
		const verify = Boolean(env.DOCKER_TLS_VERIFY);
		const tls = verify || Boolean(env.DOCKER_TLS) || url.protocol === 'https:';
		const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
		const certDir = tls ? env.DOCKER_CERT_PATH || path.join(home, '.docker') : undefined;
		return {
			ok: true,
			endpoint: {kind: 'tcp', endpoint: `tcp://${url.hostname}:${port}`, host: url.hostname, port, tls, verify, certDir},
		};
	}

	return {ok: false, message: `"${host}" uses ${url.protocol.replace(':', '')}, which dockwiz cannot reach: use unix://, tcp:// or ssh://.`};
}

function configDir(env: Record<string, string | undefined>, home: string): string {
	return env.DOCKER_CONFIG || path.join(home, '.docker');
}

/** Contexts are stored under the SHA-256 of their name, as the CLI does. */
export function contextId(name: string): string {
	return createHash('sha256').update(name).digest('hex');
}

/**
 * Resolves the endpoint and says where it came from (`source`), which the
 * no-engine message repeats so the user knows where dockwiz looked.
 */
export function resolveDockerHost(
	env: Record<string, string | undefined>,
	home: string,
	readText: ReadText,
	platform: NodeJS.Platform = process.platform,
): HostResolution {
	if (env.DOCKER_HOST) {
		const source = `DOCKER_HOST=${env.DOCKER_HOST}`;
		const parsed = parseHost(env.DOCKER_HOST, env, home);
		return parsed.ok ? {ok: true, endpoint: parsed.endpoint, source} : {ok: false, message: parsed.message, source};
	}

	const dir = configDir(env, home);
	let contextName = env.DOCKER_CONTEXT;
	let source = contextName ? `DOCKER_CONTEXT=${contextName}` : '';
	if (!contextName) {
		const configText = readText(path.join(dir, 'config.json'));
		if (configText) {
			try {
				const config = JSON.parse(configText) as {currentContext?: unknown};
				if (typeof config.currentContext === 'string' && config.currentContext !== '') {
					contextName = config.currentContext;
					source = `currentContext "${contextName}" in ${path.join(dir, 'config.json')}`;
				}
			} catch {
				// The CLI refuses a broken config; we fall back to the default socket and say so below.
				source = `${path.join(dir, 'config.json')} (unreadable JSON, ignored)`;
			}
		}
	}

	if (contextName && contextName !== 'default') {
		const id = contextId(contextName);
		const metaFile = path.join(dir, 'contexts', 'meta', id, 'meta.json');
		const metaText = readText(metaFile);
		if (!metaText) {
			return {ok: false, message: `Docker context "${contextName}" was not found (${metaFile}). Run \`docker context ls\` to see the contexts, or set DOCKER_HOST.`, source};
		}

		let host: unknown;
		let skipTlsVerify = false;
		try {
			const meta = JSON.parse(metaText) as {Endpoints?: {docker?: {Host?: unknown; SkipTLSVerify?: unknown}}};
			host = meta.Endpoints?.docker?.Host;
			skipTlsVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
		} catch {
			return {ok: false, message: `Docker context "${contextName}" has an unreadable ${metaFile}. Repair it with \`docker context\`, or set DOCKER_HOST.`, source};
		}

		if (typeof host !== 'string' || host === '') {
			return {ok: false, message: `Docker context "${contextName}" has no Docker endpoint. Set DOCKER_HOST, or pick another context.`, source};
		}

		const parsed = parseHost(host, {}, home);
		if (!parsed.ok) {
			return {ok: false, message: parsed.message, source};
		}

		const endpoint = parsed.endpoint;
		if (endpoint.kind === 'tcp') {
			// A context keeps its TLS material beside its metadata.
			const tlsDir = path.join(dir, 'contexts', 'tls', id, 'docker');
			const tlsFiles: TlsFiles = {
				ca: readText(path.join(tlsDir, 'ca.pem')) ?? undefined,
				cert: readText(path.join(tlsDir, 'cert.pem')) ?? undefined,
				key: readText(path.join(tlsDir, 'key.pem')) ?? undefined,
			};
			if (tlsFiles.ca || tlsFiles.cert) {
				endpoint.tls = true;
				endpoint.verify = !skipTlsVerify;
				endpoint.tlsFiles = tlsFiles;
				if (!/:\d+$/.test(host)) {
					endpoint.port = 2376;
					endpoint.endpoint = `tcp://${endpoint.host}:2376`;
				}
			}
		}

		return {ok: true, endpoint, source: `${source} (${host})`};
	}

	const fallback = defaultSocket(platform);
	const parsed = parseHost(fallback, {}, home);
	if (!parsed.ok) {
		return {ok: false, message: parsed.message, source: 'the default socket'};
	}

	return {ok: true, endpoint: parsed.endpoint, source: source ? `${source}, then the default socket ${fallback}` : `the default socket ${fallback} (DOCKER_HOST and DOCKER_CONTEXT are unset)`};
}
