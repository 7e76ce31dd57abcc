// Credentials never reach an output. A Dockerfile line (`ENV DATABASE_URL=postgres://u:p@h/db`),
// a requirements option (`--index-url https://user:token@host/simple`) or a build log can carry
// one; every text dockwiz shows passes through maskSecrets first: findings as they are made,
// the scan's evidence and progress, the proposal's diff, engine events, errors and the
// assembled report that the JSON, plain and Markdown renderers and the summary screen read.

export const mask = '***';

// Names whose value is a credential: PASSWORD, DB_PASSWD, SECRET_KEY, API_TOKEN, aws_access_key_id...
// Every pattern that opens with a run of name characters starts only where such a run starts
// (the lookbehinds): tried at each character of a long run (`a.a.a.…` in a log), the run would be
// rescanned from every position, quadratic in its length.
const secretName = String.raw`(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*?(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|secret[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth)(?:[_-]?(?:key|token|value|id))?`;

const patterns: Array<[RegExp, (match: string, ...groups: string[]) => string]> = [
	// A private key block, whole.
	[/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, () => `-----BEGIN PRIVATE KEY----- ${mask}`],
	// user:password@ in any URL; a lone long user part is a token (https://ghp_x@github.com).
	[/((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/?)([^\s/@:'"`]*):([^\s/@'"`]+)@/gi, (_match, scheme: string, user: string) => `${scheme}${user}:${mask}@`],
	[/((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/?)([A-Za-z0-9_.~-]{16,})@/gi, (_match, scheme: string) => `${scheme}${mask}@`],
	// Tokens by their well-known prefixes (GitHub, GitLab, AWS, Slack, OpenAI/Stripe-style, Google, npm, PyPI, JWT).
	[/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|sk-[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}|npm_[A-Za-z0-9]{30,}|pypi-[A-Za-z0-9_-]{40,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+)/g, () => mask],
	// Authorization: Bearer xyz / Basic xyz.
	[/\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi, (_match, scheme: string, space: string) => `${scheme}${space}${mask}`],
	// NAME=value, NAME: value, "name": "value": the value, whatever it looks like (a $REFERENCE stays).
	[new RegExp(String.raw`(\b${secretName})(["']?\s*(?:=|:(?!//))\s*)(?:"((?!\$)[^"]*)"|'((?!\$)[^']*)'|(?![$"'])([^\s"'\`,;&|)\]}]+))`, 'gi'), (match: string, name: string, separator: string, double?: string, single?: string, bare?: string) => {
		const value = double ?? single ?? bare ?? '';
		// A fix's own placeholder (`SECRET_KEY=...`, `API_TOKEN=<value>`) says what to put there: kept.
		// dockwiz's own stand-ins (the build-only key collectstatic gets, the smoke run's placeholder) are no secrets either.
		if (value === '' || value === mask || /^(?:\.{3}|<[\w -]*>|dockwiz-build-only-not-a-secret|dockwiz-smoke-placeholder)$/.test(value)) return match;
		const quote = double === undefined ? (single === undefined ? '' : "'") : '"';
		return `${name}${separator}${quote}${mask}${quote}`;
	}],
	// The legacy `ENV NAME value` form (also as a diff line, `-ENV API_KEY value`): the rest of the line.
	[new RegExp(String.raw`^([-+ ]?[ \t]*ENV[ \t]+${secretName}[ \t]+)(?![$=])(\S.*)$`, 'gim'), (match: string, head: string, value: string) => (value === mask ? match : `${head}${mask}`)],
	// --password value, --token=value, -p:... flags of command lines.
	[/((?<![A-Za-z0-9-])--?[A-Za-z0-9-]*(?:password|passwd|token|secret|api-?key|access-key)[A-Za-z0-9-]*)(=|\s+)(?![$-])([^\s"'`]+)/gi, (match: string, flag: string, separator: string, value: string) => (value === mask ? match : `${flag}${separator}${mask}`)],
];

/** The text with every credential-looking value replaced by `***`. Idempotent. */
export function maskSecrets(text: string): string {
	if (text === '') return text;
	let masked = text;
	for (const [pattern, replace] of patterns) {
		masked = masked.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
	}

	return masked;
}

/** A copy of a value (JSON-like data) with every string masked; keys are kept. */
export function maskStrings<T>(value: T): T {
	if (typeof value === 'string') return maskSecrets(value) as T;
	if (Array.isArray(value)) return value.map(item => maskStrings(item) as unknown) as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) copy[key] = maskStrings(item);
		return copy as T;
	}

	return value;
}
