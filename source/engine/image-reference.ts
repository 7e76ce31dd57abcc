// Where an image reference lives, as the Docker CLI reads it: `python:3.11` is Docker Hub's
// library/python, `127.0.0.1:5000/team/python:3.11` is the registry at 127.0.0.1:5000.

/** The key Docker Hub's credentials are stored under (in config.json and credential helpers). */
export const dockerHubKey = 'https://index.docker.io/v1/';

export type ImageReference = {
	/** `docker.io` for Docker Hub, else the host (and port) the reference names. */
	registry: string;
	/** The repository on that registry (`library/python` for Docker Hub's official images). */
	repository: string;
	/** A tag, or a digest (`sha256:...`). */
	reference: string;
};

export function parseImageReference(image: string): ImageReference {
	let rest = image.trim();
	let digest: string | null = null;
	const at = rest.indexOf('@');
	if (at !== -1) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
	}

	const slash = rest.indexOf('/');
	const first = slash === -1 ? '' : rest.slice(0, slash);
	// The CLI's rule: a first part with a dot or a port, or `localhost`, is a registry host.
	const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
	const registry = hasRegistry ? first : 'docker.io';
	let path = hasRegistry ? rest.slice(slash + 1) : rest;
	let tag = 'latest';
	const colon = path.lastIndexOf(':');
	if (colon > path.lastIndexOf('/')) {
		tag = path.slice(colon + 1);
		path = path.slice(0, colon);
	}

	const isHub = registry === 'docker.io' || registry === 'index.docker.io';
	const repository = isHub && !path.includes('/') ? `library/${path}` : path;
	return {registry: isHub ? 'docker.io' : registry, repository, reference: digest ?? tag};
}

/** The server address `docker login` stores a registry's credentials under. */
export function credentialKey(registry: string): string {
	return registry === 'docker.io' ? dockerHubKey : registry;
}

/** The command a user runs to store credentials for a registry. */
export function loginCommand(registry: string): string {
	return registry === 'docker.io' ? 'docker login' : `docker login ${registry}`;
}

/** Hosts the engine treats as insecure registries by default (plain HTTP): loopback ones. */
export function isLoopbackRegistry(registry: string): boolean {
	const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The host's address in a config.json `auths` key (`https://host:port/v1/` -> `host:port`). */
export function hostOfKey(key: string): string {
	return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}
