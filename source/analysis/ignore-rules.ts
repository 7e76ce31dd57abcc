import path from 'node:path';
import {linearMatcher, type PathMatcher} from './glob-match.js';

// Docker's .dockerignore semantics: a port of moby's matcher, rule for rule as
// @balena/dockerignore (the matcher dockerode uses) implements it, but with each folder's
// parent matches computed once instead of for every file (the library alone spent ~0.5 s on
// 30 000 paths). The tests check it against the library. Docker matches case-sensitively on Linux.

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

		if (!linearMatcher(segment, segmentRegExp(segment)).test(dirSegments[i])) {
			return false;
		}
	}

	return patternSegments.length > dirSegments.length;
}

type Rule = {
	regexp: PathMatcher;
	negative: boolean;
	segmentCount: number;
	/** Segments other than `**`, for rules that hold one. */
	fixedSegmentCount: number;
	hasDoubleStar: boolean;
};

/** Go's filepath.Clean on a POSIX path, without a trailing slash (as the library does). */
function cleanPath(text: string): string {
	return path.posix.normalize(text).replace(/(?<=.)\/$/, '');
}

/** A pattern line as Docker reads it (moby's dockerignore + fileutils), or null when empty. */
function createRule(line: string): Rule | null {
	let pattern = line.trim();
	let negative = false;
	if (pattern.startsWith('!')) {
		negative = true;
		pattern = pattern.slice(1).trim();
	}

	if (pattern.length > 0) {
		pattern = cleanPath(pattern);
		if (pattern.length > 1 && pattern.startsWith('/')) {
			pattern = pattern.slice(1);
		}
	}

	pattern = ((negative ? '!' : '') + pattern).trim();
	if (pattern === '') {
		return null;
	}

	pattern = cleanPath(pattern);
	negative = pattern.startsWith('!');
	if (negative) {
		if (pattern.length === 1) {
			return null;
		}

		pattern = pattern.slice(1);
	}

	const segments = pattern.split('/');
	return {
		regexp: linearMatcher(pattern, patternRegExp(pattern)),
		negative,
		segmentCount: segments.length,
		fixedSegmentCount: segments.filter(segment => segment !== '**').length,
		hasDoubleStar: segments.includes('**'),
	};
}

/** The same translation as moby's fileutils (and @balena/dockerignore) from a pattern to a regexp. */
function patternRegExp(pattern: string): RegExp {
	let source = '^';
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i];
		if (ch === '*') {
			if (pattern[i + 1] === '*') {
				i++;
				if (pattern[i + 1] === '/') {
					i++;
				}

				source += pattern[i + 1] === undefined ? '.*' : '(.*/)?';
			} else {
				source += '[^/]*';
			}
		} else if (ch === '?') {
			source += '[^/]';
		} else if (ch === '.' || ch === '$') {
			source += '\\' + ch;
		} else if (ch === '\\') {
			if (pattern[i + 1] === undefined) {
				source += '\\';
			} else {
				source += '\\' + pattern[i + 1];
				i++;
			}
		} else {
			source += ch;
		}
	}

	try {
		return new RegExp(source + '$');
	} catch {
		// Docker rejects such a pattern (e.g. an unclosed `[`); it then matches nothing here.
		return /(?!)/;
	}
}

/**
 * The lines Docker refuses ("syntax error in pattern", e.g. an unclosed `[` or a trailing `\\`):
 * `docker build` stops on such a file. Lines are 1-based, as in the file.
 */
export function unreadablePatterns(dockerignoreText: string | null): Array<{line: number; pattern: string}> {
	if (!dockerignoreText) {
		return [];
	}

	const found: Array<{line: number; pattern: string}> = [];
	dockerignoreText.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((text, index) => {
		const pattern = text.trim().replace(/^!\s*/, '');
		if (pattern === '' || text.trim().startsWith('#')) {
			return;
		}

		// Escaped characters first (`\[` is a literal), then whole classes; what is left may not open one.
		const unescaped = pattern.replace(/\\./g, 'x');
		if (/\[[^\]]*$/.test(unescaped.replace(/\[[^\]]+\]/g, '')) || unescaped.endsWith('\\')) {
			found.push({line: index + 1, pattern: text.trim()});
		}
	});
	return found;
}

export function ignoreRules(dockerignoreText: string | null): IgnoreRules {
	const patterns = dockerignorePatterns(dockerignoreText);
	const rules = patterns.map(createRule).filter((rule): rule is Rule => rule !== null);
	const exceptions = patterns
		.filter(p => p.startsWith('!'))
		.map(p => cleanPattern(p.slice(1).trim()))
		.filter(p => p !== '');
	// Whether each rule matches one of a folder's parents: computed once per folder, not per file,
	// and from the folder's own parent's answer: a rule matches one of `a/b/c`'s leading paths
	// when it matches one of `a/b`'s or `a/b/c` itself. (Testing every leading path of every
	// folder again took seconds on a tree 500 folders deep.)
	const parentMatches = new Map<string, boolean[]>();
	const parentMatchesOf = (parent: string): boolean[] => {
		let matches = parentMatches.get(parent);
		if (!matches) {
			const slash = parent.lastIndexOf('/');
			const above = slash === -1 ? null : parentMatchesOf(parent.slice(0, slash));
			const depth = parent.split('/').length;
			matches = rules.map((rule, index) => {
				if (above?.[index]) return true;
				return (rule.hasDoubleStar ? rule.fixedSegmentCount <= depth : rule.segmentCount === depth) && rule.regexp.test(parent);
			});
			parentMatches.set(parent, matches);
		}

		return matches;
	};

	return {
		exceptions,
		ignores(relPath) {
			if (rules.length === 0 || relPath === '') {
				return false;
			}

			const slash = relPath.lastIndexOf('/');
			const parent = slash === -1 ? null : relPath.slice(0, slash);
			const fromParents = parent === null ? null : parentMatchesOf(parent);
			let ignored = false;
			for (let i = 0; i < rules.length; i++) {
				if (rules[i].regexp.test(relPath) || (fromParents !== null && fromParents[i])) {
					ignored = !rules[i].negative;
				}
			}

			return ignored;
		},
		skipsWholeDir: relDir => !exceptions.some(p => exceptionReachesBelow(p, relDir)),
	};
}
