// Values that look like credentials, masked wherever dockwiz prints text it did not write
// (a container's log, a build's output). Pure: text in, text out. secrets.ts judges files
// by their names; this judges values inside text.

const mask = '****';

// `scheme://user:password@host`: the password goes, the rest still says where it pointed.
const urlPassword = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@/'"]+@/gi;

// `PASSWORD=…`, `api_key: …`, `"secret": "…"`: the name says what the value is.
const namedSecret = /\b([\w.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth)[\w.-]*["']?\s*[:=]\s*["']?)([^\s"',;&]{3,})/gi;

// Tokens whose shape gives them away: cloud keys, forge and chat tokens, JWTs, bearer tokens.
const tokenShapes: RegExp[] = [
	/\bAKIA[0-9A-Z]{16}\b/g,
	/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b/g,
	/\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
	/\bglpat-[A-Za-z0-9_-]{16,}\b/g,
	/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
	/\bsk_(?:live|test)_[A-Za-z0-9]{16,}\b/g,
	/\bsk-[A-Za-z0-9_-]{20,}\b/g,
	/\bAIza[0-9A-Za-z_-]{35}\b/g,
	/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
];

const bearer = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** The text with every credential-looking value replaced by `****`. */
export function maskSecretValues(text: string): string {
	let masked = text.replace(urlPassword, `$1${mask}@`).replace(bearer, `$1${mask}`);
	for (const shape of tokenShapes) masked = masked.replace(shape, mask);
	// `Authorization: Bearer ****` names its scheme, not a secret: the token after it is masked already.
	return masked.replace(namedSecret, (whole, name: string, value: string) => (value === mask || /^(?:bearer|basic|token)$/i.test(value) ? whole : `${name}${mask}`));
}
