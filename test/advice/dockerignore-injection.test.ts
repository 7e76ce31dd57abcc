// Ignore-file injection: a file name from the project (`!important`, `#notes`, `a*b`, a line
// break) never becomes a comment, an exception or a second line of the proposed .dockerignore,
// and the proposal never sends a file the audit called a secret, checked with Docker's own
// semantics (@balena/dockerignore and the analysis walk).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {ignoredFiles} from '../../source/advice/index.js';
import {proposeDockerignore, secretsStillSent} from '../../source/advice/dockerignore.js';
import {literalPattern} from '../../source/advice/ignore-pattern.js';
import {dockerignorePatterns, walkContext} from '../../source/analysis/index.js';
import {unreadablePatterns} from '../../source/analysis/ignore-rules.js';
import {makeReport} from './make-report.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-injection-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** Docker's reading of a .dockerignore text, as dockerode packs contexts. */
const docker = (text: string) => dockerignore.default({ignorecase: false}).add(dockerignorePatterns(text));

const char = fc.constantFrom('a', 'b', '.', ' ', '!', '#', '*', '?', '[', ']', '\\', '\n', '\r', '\t', 'é', '-', '^', '$', '{', '(');
const name = fc.array(char, {minLength: 1, maxLength: 8}).map(chars => chars.join('')).filter(n => n !== '.' && n !== '..' && n.trim() !== '' && !/^[.\s]+$/.test(n));
const relPath = fc.array(name, {minLength: 1, maxLength: 3}).map(parts => parts.join('/'));

describe('literalPattern', () => {
	it('is one line Docker reads as a pattern (no comment, no exception) that matches the path', () => {
		fc.assert(fc.property(relPath, file => {
			const line = literalPattern(file);
			expect(line, JSON.stringify(file)).not.toBeNull();
			expect(line).not.toMatch(/[\n\r]/);
			expect(line).not.toMatch(/^[#!]/);
			expect(unreadablePatterns(line)).toEqual([]);
			expect(dockerignorePatterns(line)).toHaveLength(1);
			expect(docker(line as string).ignores(file), `${JSON.stringify(line)} on ${JSON.stringify(file)}`).toBe(true);
		}), {numRuns: 3000, seed: 19});
	});

	it('exact: matches that path alone, or is refused (a line break or spaces at the ends)', () => {
		fc.assert(fc.property(relPath, fc.array(relPath, {maxLength: 6}), (file, others) => {
			const line = literalPattern(file, {exact: true});
			if (line === null) {
				// eslint-disable-next-line no-control-regex
				expect(file).toMatch(/[\u0000-\u001F\u007F]|(^|\/)\s|\s($|\/)/);
				return;
			}

			const matcher = docker(`*\n!${line}`);
			expect(matcher.ignores(file), `${line} must bring back ${JSON.stringify(file)}`).toBe(false);
			for (const other of others.filter(o => o !== file && !file.startsWith(`${o}/`) && !o.startsWith(`${file}/`))) {
				expect(matcher.ignores(other), `!${line} brought back ${JSON.stringify(other)}`).toBe(true);
			}
		}), {numRuns: 3000, seed: 19});
	});

	it('escapes the names of the issue', () => {
		expect(literalPattern('!important')).toBe('\\!important');
		expect(literalPattern('#notes.txt')).toBe('\\#notes.txt');
		expect(literalPattern('data[1]*.csv')).toBe('data\\[1\\]\\*.csv');
		expect(literalPattern('line\nbreak.bin')).toBe('line?break.bin');
		expect(literalPattern('line\nbreak.bin', {exact: true})).toBeNull();
		expect(literalPattern(' lead.bin')).toBe('?lead.bin');
	});
});

const hostileNames = ['!important', '#notes.csv', 'line\nbreak.bin', 'star*.bin', 'q?.bin', '[x].bin', 'back\\slash.bin', ' spaced .bin', '!*'];

describe('the proposed .dockerignore with hostile names', () => {
	it('large files with hostile names each become one inert exclusion; no exception is added for them', () => {
		const report = makeReport({unreferencedLargeFiles: hostileNames.map(file => ({path: file, bytes: 6_000_000}))});
		const {text} = proposeDockerignore(report, ['app.py', 'requirements.txt']);
		expect(unreadablePatterns(text)).toEqual([]);
		const exceptions = dockerignorePatterns(text).filter(line => line.startsWith('!'));
		expect(exceptions).toEqual(['!.env.example']);
		const matcher = docker(text);
		for (const file of hostileNames) expect(matcher.ignores(file), JSON.stringify(file)).toBe(true);
		expect(matcher.ignores('important')).toBe(false);
		expect(matcher.ignores('app.py')).toBe(false);
	});

	it('never sends a secret the audit found, even against the user\'s own exceptions', () => {
		const secrets = ['.env', 'keys/!prod.pem', '#backup.key', 'line\nbreak.pem', '.aws/', 'config/credentials.json'];
		const userIgnore = '*.pyc\n!.env\n!.aws/config\n!**/credentials.json\n!keys\n';
		const report = makeReport({context: {secrets}, dockerignore: {path: '.dockerignore', text: userIgnore}});
		const {text} = proposeDockerignore(report, ['app.py', 'requirements.txt']);
		expect(text.startsWith(userIgnore)).toBe(true);
		expect(secretsStillSent(text, secrets)).toEqual([]);
		const matcher = docker(text);
		for (const file of ['.env', 'keys/!prod.pem', '#backup.key', 'line\nbreak.pem', '.aws', '.aws/config', 'config/credentials.json']) {
			expect(matcher.ignores(file), JSON.stringify(file)).toBe(true);
		}

		expect(ignoredFiles(text, ['app.py', 'requirements.txt'])).toEqual([]);
	});

	it('on disk, the walk Docker semantics make sends none of the secrets or hostile names, and still sends the app', async () => {
		const root = path.join(work, 'hostile');
		fs.mkdirSync(path.join(root, '.aws'), {recursive: true});
		fs.mkdirSync(path.join(root, 'keys'));
		const files: Record<string, string> = {'app.py': 'x = 1\n', 'requirements.txt': 'flask\n', '.env': 'SECRET_KEY=x\n', '.aws/config': '[default]\n', 'keys/!prod.pem': 'k\n', '#backup.key': 'k\n', 'line\nbreak.pem': 'k\n', important: 'not junk\n'};
		for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
		for (const file of hostileNames) fs.writeFileSync(path.join(root, file), 'big\n');
		const secrets = ['.aws/', '.env', '#backup.key', 'keys/!prod.pem', 'line\nbreak.pem'];
		const report = makeReport({root, context: {secrets}, unreferencedLargeFiles: hostileNames.map(file => ({path: file, bytes: 6_000_000})), dockerignore: {path: '.dockerignore', text: '!.env\n!.aws/config\n'}});
		const {text} = proposeDockerignore(report, ['app.py', 'requirements.txt']);
		const walk = await walkContext(root, text);
		const sent = walk.included.map(entry => entry.path);
		expect(sent).toEqual(expect.arrayContaining(['app.py', 'requirements.txt', 'important']));
		for (const file of [...secrets.map(s => s.replace(/\/$/, '')), '.aws/config', ...hostileNames]) expect(sent, JSON.stringify(file)).not.toContain(file);
	});
});

describe('a project .dockerignore that leaves the app out', () => {
	it('is kept as written, and the proposal says which line hides which source file', () => {
		const report = makeReport({sourceFiles: ['app.py', 'views.py'], dockerignore: {path: '.dockerignore', text: '.git\n*.py\n'}});
		const {text, notes} = proposeDockerignore(report, ['requirements.txt']);
		expect(text.startsWith('.git\n*.py\n')).toBe(true);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatch(/"app\.py", "views\.py"\): the line `\*\.py` excludes it/);
		expect(proposeDockerignore(makeReport(), ['requirements.txt']).notes).toEqual([]);
	});
});
