// Hints echo words from logs (a path, a package, an exception's text): credentials in them are masked first.
// Covers what pip and database drivers print: URLs with a password, and `password=...`-style pairs (quoted or not).
// Placeholders (`TOKEN=...`, `TOKEN=<value>`) are left as written.
const urlCredentials = /((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/)([^\s/:@'"]+):([^\s/@'"]+)@/gi;
const secretPairs = /\b((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)\w*\s*[=:]\s*)(?:(['"])[^'"]*\2|(?!\.\.\.|<)[^\s'"`,;&]+)/gi;

export function maskCredentials(text: string): string {
	return text
		.replace(urlCredentials, '$1$2:***@')
		.replace(secretPairs, (_pair, name: string, quote: string | undefined) => `${name}${quote ?? ''}***${quote ?? ''}`);
}
