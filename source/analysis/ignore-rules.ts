import dockerignore from '@balena/dockerignore';

// Docker's .dockerignore semantics, through @balena/dockerignore (the matcher dockerode uses).
// Docker matches case-sensitively on Linux; the library defaults to ignoring case.

export type IgnoreRules = {
	/** True when Docker leaves this relative POSIX path out of the context. */
	ignores(relPath: string): boolean;
	/** True when no rule could bring back anything below this excluded directory. */
	skipsWholeDir(relDir: string): boolean;
	/** The exception patterns (`!x`), cleaned, without the `!`. */
	exceptions: string[];
};

/** The patterns of a .dockerignore text: BOM and CR stripped, comments and blank lines dropped. */
export function dockerignorePatterns(text: string | null): string[] {
	if (!text) {
		return [];
	}

	return text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.map(line => line.trim())
		.filter(line => line !== '' && !line.startsWith('#'));
}

function cleanPattern(pattern: string): string {
	const segments: string[] = [];
	for (const segment of pattern.split('/')) {
		if (segment === '' || segment === '.') {
			continue;
		}

		if (segment === '..') {
			segments.pop();
			continue;
		}

		segments.push(segment);
	}

	return segments.join('/');
}

function segmentRegExp(segment: string): RegExp {
	let source = '^';
	for (let i = 0; i < segment.length; i++) {
		const ch = segment[i];
		if (ch === '*') {
			source += '[^/]*';
		} else if (ch === '?') {
			source += '[^/]';
		} else if (ch === '[') {
			const end = segment.indexOf(']', i + 1);
			if (end === -1) {
				source += '\\[';
			} else {
				source += '[' + segment.slice(i + 1, end).replace(/\\/g, '\\\\') + ']';
				i = end;
			}
		} else if (ch === '\\' && i + 1 < segment.length) {
			source += segment[i + 1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
			i++;
		} else {
			source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		}
	}

	try {
		return new RegExp(source + '$');
	} catch {
		// A malformed class: treat it as matching anything, which only costs a descent.
		return /^/;
	}
}

/**
 * Whether an exception pattern could match something strictly below `relDir`.
 * Conservative (may say yes when nothing matches): a yes only costs walking the folder,
 * and every entry below is still checked one by one.
 */
function exceptionReachesBelow(pattern: string, relDir: string): boolean {
	const patternSegments = pattern.split('/');
	const dirSegments = relDir.split('/');
	for (let i = 0; i < dirSegments.length; i++) {
		const segment = patternSegments[i];
		if (segment === undefined) {
			return false;
		}

		if (segment.includes('**')) {
			return true;
		}

		if (!segmentRegExp(segment).test(dirSegments[i])) {
			return false;
		}
	}

	return patternSegments.length > dirSegments.length;
}

export function ignoreRules(dockerignoreText: string | null): IgnoreRules {
	const patterns = dockerignorePatterns(dockerignoreText);
	// The package is CommonJS; its factory is also exposed as `default`, which types resolve under NodeNext.
	const matcher = dockerignore.default({ignorecase: false}).add(patterns);
	const exceptions = patterns
		.filter(p => p.startsWith('!'))
		.map(p => cleanPattern(p.slice(1).trim()))
		.filter(p => p !== '');
	return {
		exceptions,
		ignores: relPath => matcher.ignores(relPath),
		skipsWholeDir: relDir => !exceptions.some(p => exceptionReachesBelow(p, relDir)),
	};
}
