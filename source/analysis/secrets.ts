// Names that usually hold credentials. Only names are looked at: a secret's content is never read.
// Example files (`.env.example`, `.env.sample`, `.env.template`) are meant to be shared and are not flagged.

const secretFileNames: RegExp[] = [
	/^\.env(\..+)?$/,
	/\.pem$/,
	/^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/,
	/^id_rsa/,
	/\.key$/,
	/\.(p12|pfx|jks|keystore)$/,
	/^credentials(\.json|\.ya?ml|\.toml)?$/,
	/^(client_secret|service[-_]account).*\.json$/,
	/^\.(netrc|pypirc|npmrc|pgpass|htpasswd)$/,
	/^secrets?\.(json|ya?ml|toml|env)$/,
];

const sharedExamples = /^\.env\.(example|sample|template|dist|defaults)$/;

// Folders whose whole content is sensitive.
const secretDirNames = new Set(['.aws', '.ssh', '.git', '.gnupg', '.docker', '.kube']);

/** Whether a context entry is a likely secret. */
export function isLikelySecret(relPath: string, kind: 'file' | 'dir' | 'symlink'): boolean {
	const name = relPath.slice(relPath.lastIndexOf('/') + 1);
	if (kind === 'dir') {
		return secretDirNames.has(name);
	}

	if (sharedExamples.test(name)) {
		return false;
	}

	return secretFileNames.some(pattern => pattern.test(name));
}
