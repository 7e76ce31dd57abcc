// Package versions and specifiers, just enough to tell whether a requirement can only
// resolve to a release older than a given one (`==2.8.6`, `<3`, `~=1.1`, Poetry's `^1.0`),
// and which exact release a requirement or a lock pins.

export type Release = number[];

/** `2.9.10` -> [2, 9, 10]; pre/post/local parts are ignored; null when it does not start with a number. */
export function parseRelease(text: string): Release | null {
	const match = /^\s*v?(\d+(?:\.\d+)*)/.exec(text);
	return match ? match[1].split('.').map(Number) : null;
}

export function compareReleases(a: Release, b: Release): number {
	for (let index = 0; index < Math.max(a.length, b.length); index++) {
		const difference = (a[index] ?? 0) - (b[index] ?? 0);
		if (difference !== 0) {
			return difference;
		}
	}

	return 0;
}

/** The first release past a prefix: [1, 1] -> [1, 2]; [3] -> [4]. */
function next(prefix: Release): Release {
	return [...prefix.slice(0, -1), (prefix.at(-1) ?? 0) + 1];
}

/** The exclusive upper bound one clause sets, or null when it sets none (`>=`, `!=`). */
function clauseUpperBound(clause: string): Release | null {
	const match = /^(===|==|~=|<=|<|\^|~)?\s*v?(\d+(?:\.\d+)*)(\.\*)?/.exec(clause.trim());
	if (!match) {
		return null;
	}

	const [, op = '==', text, wildcard] = match;
	const release = text.split('.').map(Number);
	switch (op) {
		case '==':
		case '===':
			// `==1.1.*` allows the 1.1 series; `==1.1.1` exactly that release (a half step past it bounds it).
			return wildcard ? next(release) : [...release, 0.5];
		case '<':
			return release;
		case '<=':
			return [...release, 0.5];
		case '~=':
			return release.length > 1 ? next(release.slice(0, -1)) : null;
		case '^': {
			const first = release.findIndex(part => part !== 0);
			return next(release.slice(0, first === -1 ? release.length : first + 1));
		}

		case '~':
			// Poetry: `~1.2.3` and `~1.2` allow the 1.2 series, `~1` the 1 series.
			return next(release.slice(0, Math.min(2, release.length)));
		default:
			return null;
	}
}

/**
 * Whether every release a specifier allows is older than `release`: `==2.8.6` and `<2.9`
 * are below 2.9.0, `>=2.8` is not, and neither is an unpinned (empty) specifier.
 */
export function onlyBelow(spec: string, release: string): boolean {
	const limit = parseRelease(release);
	if (!limit) {
		return false;
	}

	return spec
		.split(',')
		.map(clause => clauseUpperBound(clause))
		.some(bound => bound !== null && compareReleases(bound, limit) <= 0);
}

/** The release an exact pin names (`==2.9.9`, `===2.9.9`, a lock's `2.9.9`), else null. */
export function pinnedRelease(spec: string): string | null {
	const match = /^\s*(?:===?)?\s*v?(\d+(?:\.\d+)*)\s*$/.exec(spec);
	return match ? match[1] : null;
}
