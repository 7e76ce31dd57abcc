import {describe, expect, it} from 'vitest';
import {linearMatcher} from '../../source/analysis/glob-match.js';
import {ignoreRules} from '../../source/analysis/ignore-rules.js';

// moby's translation, as ignore-rules.ts makes it, for the cases below.
const expression = (source: string) => new RegExp(source);

describe('linearMatcher', () => {
	it.each([
		['*.py', '^[^/]*\\.py$', ['app.py', 'a/b.py', '.py', 'app.pyc']],
		['**/__pycache__', '^(.*/)?__pycache__$', ['__pycache__', 'a/b/__pycache__', 'a/__pycache__x', 'x__pycache__']],
		['a/**', '^a/.*$', ['a/b', 'a/b/c', 'a', 'ab/c']],
		['data/?.csv', '^data/[^/]\\.csv$', ['data/1.csv', 'data/12.csv', 'data//.csv']],
		['[ab]*.txt', '^[ab][^/]*\\.txt$', ['a.txt', 'b1.txt', 'c.txt']],
		['docs/**/*.md', '^docs/(.*/)?[^/]*\\.md$', ['docs/a.md', 'docs/x/y/a.md', 'docs/a/b', 'doc/a.md']],
	])('%s decides as its expression does', (pattern, source, paths) => {
		const matcher = linearMatcher(pattern, expression(source));
		for (const path of paths) expect(matcher.test(path), path).toBe(expression(source).test(path));
	});

	it('keeps the expression for regular-expression syntax Docker passes through', () => {
		const fallback = expression('^file(1)\\.txt$');
		expect(linearMatcher('file(1).txt', fallback)).toBe(fallback);
	});

	it('answers a pattern that makes a backtracking expression explode, for long names', () => {
		// With the JavaScript expression this takes minutes for one 60-character name.
		const rules = ignoreRules('**/**/**/**/**/**/a*a*a*a*a*a*b\n**/a*a*a*a*a*a*a*a*c\n');
		const folders = Array.from({length: 8}, () => 'aaaaaaaa').join('/');
		for (let i = 0; i < 20; i++) expect(rules.ignores(`${folders}/${'a'.repeat(60)}${i}`)).toBe(false);
		expect(rules.ignores(`${folders}/${'a'.repeat(60)}b`)).toBe(true);
	});
});
