import dockerignore from '@balena/dockerignore';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {dockerignorePatterns, ignoreRules} from '../../source/analysis/ignore-rules.js';

// @balena/dockerignore (what dockerode uses) is the reference for Docker's semantics.
const reference = (text: string) => dockerignore.default({ignorecase: false}).add(dockerignorePatterns(text));

describe('ignoreRules', () => {
	it.each([
		['.venv', '.venv/lib/x.py', true],
		['.venv/', '.venv', true],
		['/build', 'build/out.txt', true],
		['*.md\n!README.md', 'README.md', false],
		['*.md\n!README.md', 'docs/a.md', false],
		['**/*.md', 'docs/a.md', true],
		['docs/**', 'docs', false],
		['docs/**', 'docs/x/y', true],
		['**', 'anything/at/all', true],
		['a/*/c', 'a/b/c/d', true],
		['a?c', 'abc', true],
		['a?c', 'a/c', false],
		['*.MD', 'README.md', false],
		['[ab].txt', 'b.txt', true],
		['\\*.txt', '*.txt', true],
		['\\*.txt', 'x.txt', false],
		['./src/../dist', 'dist/x', true],
		['!', 'x', false],
	])('%j ignores %s: %s', (text, relPath, expected) => {
		expect(ignoreRules(text).ignores(relPath)).toBe(expected);
		expect(reference(text).ignores(relPath)).toBe(expected);
	});

	it('decides every path as the reference matcher does', () => {
		const segment = fc.constantFrom('a', 'b', 'venv', '.git', 'x.py', 'y.md', 'Y.MD', '__pycache__', 'a b', 'c$d', 'e.f.g');
		const relPath = fc.array(segment, {minLength: 1, maxLength: 5}).map(parts => parts.join('/'));
		const patternPart = fc.constantFrom('a', 'b', 'venv', '.git', '*', '**', '*.py', '?.md', 'x.*', '[ab]', '\\*', '.', '..', '', 'a b', 'c$d', 'e.f.g', '__pycache__');
		const pattern = fc
			.tuple(fc.constantFrom('', '!', '/', '! ', '!/'), fc.array(patternPart, {minLength: 1, maxLength: 4}), fc.constantFrom('', '/', ' '))
			.map(([prefix, parts, suffix]) => prefix + parts.join('/') + suffix);
		fc.assert(
			fc.property(fc.array(pattern, {maxLength: 5}), fc.array(relPath, {minLength: 1, maxLength: 10}), (patterns, paths) => {
				const text = patterns.join('\n');
				const ours = ignoreRules(text);
				const theirs = reference(text);
				for (const p of paths) {
					expect(ours.ignores(p), `${JSON.stringify(text)} on ${p}`).toBe(theirs.ignores(p));
				}
			}),
			{numRuns: 3000, seed: 42},
		);
	});

	it('knows when an exception could bring back something below an excluded folder', () => {
		const rules = ignoreRules('docs\n!docs/keep/*.txt\n!**/LICENSE\n');
		expect(rules.skipsWholeDir('docs')).toBe(false);
		expect(rules.skipsWholeDir('docs/keep')).toBe(false);
		expect(ignoreRules('docs\n!docs/keep/*.txt\n').skipsWholeDir('docs/other')).toBe(true);
		expect(ignoreRules('.venv\nnode_modules\n').skipsWholeDir('.venv')).toBe(true);
	});
});
