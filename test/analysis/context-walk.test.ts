import {execFileSync} from 'node:child_process';
import {mkdir, symlink} from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {walkContext} from '../../source/analysis/context-walk.js';
import dockerignore from '@balena/dockerignore';
import {dockerignorePatterns} from '../../source/analysis/ignore-rules.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();

const paths = (walk: {included: {path: string}[]}) => walk.included.map(e => e.path);

describe('walkContext', () => {
	it('sends everything, folders included, sorted by path, when there is no .dockerignore', async () => {
		const root = await tree({'app.py': 'x', 'pkg/__init__.py': '', 'pkg/sub/m.py': 'abc', 'a.txt': ''});
		const walk = await walkContext(root, null);
		expect(paths(walk)).toEqual(['a.txt', 'app.py', 'pkg', 'pkg/__init__.py', 'pkg/sub', 'pkg/sub/m.py']);
		expect(walk.included.find(e => e.path === 'pkg/sub/m.py')).toMatchObject({kind: 'file', bytes: 3});
		expect(walk.included.find(e => e.path === 'pkg')).toMatchObject({kind: 'dir', bytes: 0});
		expect(walk.ignoredFiles).toBe(0);
	});

	it('sends nothing of a folder excluded whole, and counts the files it leaves out', async () => {
		const root = await tree({'app.py': '', '.venv/lib/x.py': 'xx', '.venv/lib/deep/y.so': 'yyy', 'node_modules/a/b.js': ''});
		const walk = await walkContext(root, '.venv\nnode_modules/\n');
		expect(paths(walk)).toEqual(['app.py']);
		expect(walk.skippedDirs).toEqual(['.venv', 'node_modules']);
		expect(walk.ignoredFiles).toBe(3);
		expect(walk.ignoredBytes).toBe(5);
	});

	it('applies ! exceptions in order, last match wins', async () => {
		const root = await tree({'README.md': '', 'CHANGES.md': '', 'docs/x.md': '', 'app.py': ''});
		const walk = await walkContext(root, '*.md\n!README.md\n');
		expect(paths(walk)).toEqual(['README.md', 'app.py', 'docs', 'docs/x.md']);
		expect(walk.ignoredFiles).toBe(1);
		const reversed = await walkContext(root, '!README.md\n*.md\n');
		expect(paths(reversed)).toEqual(['app.py', 'docs', 'docs/x.md']);
	});

	it('matches ** at any depth', async () => {
		const root = await tree({'a/__pycache__/x.pyc': '', 'a/b/c.pyc': '', 'a/b/c.py': '', 'd.pyc': ''});
		const walk = await walkContext(root, '**/__pycache__\n**/*.pyc\n');
		expect(paths(walk)).toEqual(['a', 'a/b', 'a/b/c.py']);
		expect(walk.skippedDirs).toEqual(['a/__pycache__']);
	});

	it('walks into an excluded folder an exception reaches into, without sending the folder entry', async () => {
		const root = await tree({'docs/keep.txt': 'k', 'docs/drop.txt': 'dd', 'docs/deep/keep.txt': ''});
		const walk = await walkContext(root, 'docs\n!docs/keep.txt\n');
		expect(paths(walk)).toEqual(['docs/keep.txt']);
		// docs/drop.txt, and docs/deep/keep.txt inside the folder no exception reaches.
		expect(walk.ignoredFiles).toBe(2);
		expect(walk.ignoredBytes).toBe(2);
		expect(walk.skippedDirs).toEqual(['docs/deep']);
		const wildcard = await walkContext(root, 'docs\n!**/keep.txt\n');
		expect(paths(wildcard)).toEqual(['docs/deep/keep.txt', 'docs/keep.txt']);
	});

	it('excludes what is below a matching parent folder pattern', async () => {
		const root = await tree({'build/x/y.txt': '', 'src/build.py': ''});
		const walk = await walkContext(root, 'build\n');
		expect(paths(walk)).toEqual(['src', 'src/build.py']);
	});

	it('always sends the Dockerfile and the .dockerignore, even when excluded', async () => {
		const root = await tree({Dockerfile: 'FROM x', '.dockerignore': '*', 'app.py': ''});
		const walk = await walkContext(root, '*\n');
		expect(paths(walk)).toEqual(['.dockerignore', 'Dockerfile']);
	});

	it('matches case-sensitively, strips a BOM, and reads CRLF lines and comments', async () => {
		const root = await tree({'README.md': '', 'notes.txt': '', 'app.py': ''});
		const walk = await walkContext(root, '\uFEFF*.MD\r\n# notes.txt\r\n  app.py  \r\n');
		expect(paths(walk)).toEqual(['README.md', 'notes.txt']);
	});

	it('lists links as links, never follows them, and leaves out links that point outside', async () => {
		const root = await tree({'app.py': '', 'real/file.txt': ''});
		await symlink('real', path.join(root, 'inner'));
		await symlink('/etc', path.join(root, 'outside'));
		await symlink('../../..', path.join(root, 'real/up'));
		await symlink('loop-b', path.join(root, 'loop-a'));
		await symlink('loop-a', path.join(root, 'loop-b'));
		const walk = await walkContext(root, null);
		expect(paths(walk)).toEqual(['app.py', 'inner', 'loop-a', 'loop-b', 'real', 'real/file.txt']);
		expect(walk.included.find(e => e.path === 'inner')).toMatchObject({kind: 'symlink', linkTarget: 'real'});
		expect(walk.outsideLinks).toEqual(['outside', 'real/up']);
		expect(walk.ignoredFiles).toBe(2);
	});

	it('reports a pipe instead of reading it', async () => {
		const root = await tree({'app.py': ''});
		execFileSync('mkfifo', [path.join(root, 'pipe')]);
		const walk = await walkContext(root, null);
		expect(paths(walk)).toEqual(['app.py']);
		expect(walk.problems).toEqual([{path: 'pipe', message: expect.stringMatching(/not a regular file/)}]);
	});

	it('reports a missing root as a problem instead of throwing', async () => {
		const walk = await walkContext('/nonexistent/dockwiz-root', null);
		expect(walk.included).toEqual([]);
		expect(walk.problems).toHaveLength(1);
	});

	it('sends exactly the files the reference matcher keeps, whatever the patterns (skipping folders changes nothing)', async () => {
		const names = ['a', 'b', 'venv', 'x.py', 'y.md'];
		const filePath = fc.array(fc.constantFrom(...names), {minLength: 1, maxLength: 3}).map(parts => parts.join('/'));
		const pattern = fc.tuple(
			fc.boolean(),
			fc.array(fc.constantFrom('a', 'b', 'venv', '*', '**', '*.py', 'y.md', 'x.*'), {minLength: 1, maxLength: 3}),
		).map(([negated, parts]) => (negated ? '!' : '') + parts.join('/'));
		const root = await tree({});
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.uniqueArray(filePath, {maxLength: 8}), fc.array(pattern, {maxLength: 4}), async (files, patterns) => {
				// A path cannot be both a file and a folder: keep files whose path is no other's prefix.
				const leaves = files.filter(f => !files.some(g => g.startsWith(f + '/')));
				const dir = path.join(root, String(run++));
				for (const file of leaves) {
					await mkdir(path.dirname(path.join(dir, file)), {recursive: true});
					execFileSync('touch', [path.join(dir, file)]);
				}

				await mkdir(dir, {recursive: true});
				const text = patterns.join('\n');
				const reference = dockerignore.default({ignorecase: false}).add(dockerignorePatterns(text));
				const expected = leaves.filter(f => !reference.ignores(f)).sort();
				const walk = await walkContext(dir, text);
				expect(walk.included.filter(e => e.kind === 'file').map(e => e.path)).toEqual(expected);
			}),
			{numRuns: 60, seed: 20_261_127},
		);
	});
});
