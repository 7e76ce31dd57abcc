// A .dockerignore pattern matched in time linear in the path. Docker turns a pattern into a
// Go regular expression, and Go's engine never backtracks; the same expression in JavaScript
// does, so a pattern like `**/**/**/a*a*a*a*a*b` against a long name took minutes. This runs
// the same expression as a set of states stepped over the path once (Thompson's
// construction), for the patterns made of globs: literals, `?`, `*`, `**`, `[...]` and `\x`.
// A pattern that uses other regular-expression syntax (Docker passes it through: `(`, `|`,
// `+`, `{`, an escaped letter) keeps the regular expression.

type Token =
	| {kind: 'literal'; char: string}
	| {kind: 'one'} // [^/]
	| {kind: 'star'} // [^/]*
	| {kind: 'class'; test: (char: string) => boolean}
	| {kind: 'dirs'} // (.*/)?
	| {kind: 'rest'}; // .*

export type PathMatcher = {test(path: string): boolean};

/** Characters JavaScript's (and Go's) `.` does not match. */
const lineTerminator = /[\n\r\u2028\u2029]/;

/** The tokens of the expression moby's translation makes of `pattern`, or null when it is not a plain glob. */
function tokenize(pattern: string): Token[] | 'never' | null {
	const tokens: Token[] = [];
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i];
		if (char === '*') {
			if (pattern[i + 1] === '*') {
				i++;
				if (pattern[i + 1] === '/') i++;
				tokens.push({kind: pattern[i + 1] === undefined ? 'rest' : 'dirs'});
			} else {
				tokens.push({kind: 'star'});
			}
		} else if (char === '?') {
			tokens.push({kind: 'one'});
		} else if (char === '\\') {
			const next = pattern[i + 1];
			// A trailing backslash escapes the expression's closing `$`: left to the expression.
			if (next === undefined) return null;
			// `\d`, `\w`...: classes of the expression language, not the letter.
			if (/[\dA-Za-z]/.test(next)) return null;
			tokens.push({kind: 'literal', char: next});
			i++;
		} else if (char === '[') {
			const end = pattern.indexOf(']', i + 1);
			const body = end === -1 ? '' : pattern.slice(i + 1, end);
			if (body === '' || body.includes('[') || body.includes('\\')) return null;
			let expression: RegExp;
			try {
				expression = new RegExp(`^[${body}]$`);
			} catch {
				return 'never';
			}

			tokens.push({kind: 'class', test: c => expression.test(c)});
			i = end;
		} else if ('()|+{}^'.includes(char)) {
			return null;
		} else {
			tokens.push({kind: 'literal', char});
		}
	}

	return tokens;
}

/**
 * States: 0..n are "before token k" (n: matched); n+1+k is token k's `dirs` loop (inside the
 * folders it skips, before their closing slash).
 */
function nfaMatcher(tokens: Token[]): PathMatcher {
	const n = tokens.length;
	/** Adds state k and what it reaches without reading a character. */
	const close = (into: Set<number>, k: number) => {
		while (k <= n && !into.has(k)) {
			into.add(k);
			const token = tokens[k];
			if (token && (token.kind === 'star' || token.kind === 'dirs' || token.kind === 'rest')) {
				k++;
				continue;
			}

			break;
		}
	};

	return {
		test(path) {
			let current = new Set<number>();
			close(current, 0);
			// UTF-16 code units, as the expression (without the u flag) reads them.
			for (let index = 0; index < path.length; index++) {
				const char = path[index];
				const next = new Set<number>();
				for (const state of current) {
					if (state > n) {
						// Inside a `dirs` loop: any character; a slash may also end it.
						const k = state - n - 1;
						if (lineTerminator.test(char)) continue;
						next.add(state);
						if (char === '/') close(next, k + 1);
						continue;
					}

					const token = tokens[state];
					if (!token) continue;
					switch (token.kind) {
						case 'literal': {
							if (char === token.char) close(next, state + 1);
							break;
						}

						case 'one': {
							if (char !== '/') close(next, state + 1);
							break;
						}

						case 'class': {
							if (token.test(char)) close(next, state + 1);
							break;
						}

						case 'star': {
							if (char !== '/') close(next, state);
							break;
						}

						case 'rest': {
							if (!lineTerminator.test(char)) close(next, state);
							break;
						}

						case 'dirs': {
							if (lineTerminator.test(char)) break;
							next.add(n + 1 + state);
							if (char === '/') close(next, state + 1);
							break;
						}
					}
				}

				if (next.size === 0) return false;
				current = next;
			}

			return current.has(n);
		},
	};
}

/**
 * A matcher for `pattern` with the meaning of `expression` (moby's translation of it, which
 * the caller made): linear when the pattern is a plain glob, else the expression itself.
 */
export function linearMatcher(pattern: string, expression: RegExp): PathMatcher {
	const tokens = tokenize(pattern);
	if (tokens === 'never') return {test: () => false};
	return tokens === null ? expression : nfaMatcher(tokens);
}
