// What a pull would download, asked of the registry itself (the Engine API does not say):
// the image manifest lists each layer's compressed size. A manifest list (multi-platform
// image) is resolved to this machine's platform first. Best effort: any failure is `null`,
// and the pull goes ahead without the figure.
import {isLoopbackRegistry, parseImageReference} from './image-reference.js';
import type {RegistryAuth} from './registry-credentials.js';

export type DownloadSize = {
	/** Sum of the compressed layer sizes. */
	bytes: number;
	/** Each layer's compressed size, by the short id pull progress names it with (12 hex digits of its digest). */
	layers: Record<string, number>;
};

type Fetch = typeof fetch;

const accept = [
	'application/vnd.docker.distribution.manifest.list.v2+json',
	'application/vnd.oci.image.index.v1+json',
	'application/vnd.docker.distribution.manifest.v2+json',
	'application/vnd.oci.image.manifest.v1+json',
].join(', ');

type Manifest = {
	manifests?: Array<{digest: string; platform?: {os?: string; architecture?: string}}>;
	layers?: Array<{digest: string; size: number}>;
};

const architectures: Record<string, string> = {x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x'};

function basic(auth: RegistryAuth | null): string | null {
	return auth && 'username' in auth ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` : null;
}

/** `Bearer realm="...",service="...",scope="..."` -> its parameters. */
function challengeParameters(header: string): Record<string, string> {
	const parameters: Record<string, string> = {};
	for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) parameters[match[1]] = match[2];
	return parameters;
}

async function bearerToken(challenge: string, auth: RegistryAuth | null, doFetch: Fetch, signal: AbortSignal): Promise<string | null> {
	const {realm, service, scope} = challengeParameters(challenge);
	if (!realm) return null;
	const url = new URL(realm);
	if (service) url.searchParams.set('service', service);
	if (scope) url.searchParams.set('scope', scope);
	const authorization = basic(auth);
	const response = await doFetch(url, {headers: authorization ? {authorization} : {}, signal});
	if (!response.ok) return null;
	const body = (await response.json()) as {token?: string; access_token?: string};
	return body.token ?? body.access_token ?? null;
}

/** The download size of `image` for `platform` (node's arch), or null when the registry does not tell. */
export async function downloadSize(image: string, auth: RegistryAuth | null, options: {fetch?: Fetch; timeoutMs?: number; arch?: string} = {}): Promise<DownloadSize | null> {
	const doFetch = options.fetch ?? fetch;
	const signal = AbortSignal.timeout(options.timeoutMs ?? 8000);
	const {registry, repository, reference} = parseImageReference(image);
	const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
	const base = `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${host}/v2/${repository}/manifests/`;
	let authorization: string | null = null;

	const get = async (ref: string): Promise<Manifest | null> => {
		const headers = (): Record<string, string> => (authorization ? {accept, authorization} : {accept});
		let response = await doFetch(base + ref, {headers: headers(), signal});
		if (response.status === 401) {
			const challenge = response.headers.get('www-authenticate') ?? '';
			authorization = /^bearer/i.test(challenge) ? await bearerToken(challenge, auth, doFetch, signal).then(token => (token ? `Bearer ${token}` : null)) : basic(auth);
			if (!authorization) return null;
			response = await doFetch(base + ref, {headers: headers(), signal});
		}

		return response.ok ? ((await response.json()) as Manifest) : null;
	};

	try {
		let manifest = await get(reference);
		if (manifest?.manifests) {
			const arch = architectures[options.arch ?? process.arch] ?? options.arch ?? process.arch;
			const entry = manifest.manifests.find(m => m.platform?.os === 'linux' && m.platform.architecture === arch);
			manifest = entry ? await get(entry.digest) : null;
		}

		if (!manifest?.layers) return null;
		const layers: Record<string, number> = {};
		for (const layer of manifest.layers) layers[layer.digest.replace(/^sha256:/, '').slice(0, 12)] = layer.size;
		return {bytes: manifest.layers.reduce((sum, layer) => sum + layer.size, 0), layers};
	} catch {
		return null;
	}
}
