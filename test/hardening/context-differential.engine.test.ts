// Differential test of the build context: for generated trees and .dockerignore files, what
// dockwiz packs equals what `docker build` (the CLI, classic builder, same engine) puts into
// an image with `COPY . /ctx`. The one deliberate difference: links that point out of the
// folder, which the CLI sends and dockwiz never does.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {walkContext} from '../../source/analysis/index.js';

const label = `dockwiz.hardening=ctxdiff-${process.pid}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-ctxdiff-'));
const built: string[] = [];

type Tree = {files: string[]; links: Array<[string, string]>; emptyDirs: string[]; ignore: string};

const name = fc.constantFrom('a', 'b', 'src', 'venv', '.git', 'docs', '__pycache__', 'x.py', 'y.md', 'README.md', 'a b', 'c$d', 'keep.py', '.env', 'e.f.g');
const relPath = fc.array(name, {minLength: 1, maxLength: 4}).map(parts => parts.join('/'));
const pattern = fc.constantFrom('*.md', '!README.md', '**/__pycache__', 'src/*', '!src/keep.py', 'venv', 'docs/**', '*/x.py', '.git', '[ab]', '?.py', '**/*.py', '!**/keep.py', 'a/b', '.env', '# note', '', '/src', 'a b', '!a/*/y.md', '**', '!x.py');
const tree: fc.Arbitrary<Tree> = fc.record({
	files: fc.uniqueArray(relPath, {minLength: 3, maxLength: 25}),
	links: fc.array(fc.tuple(name.map(n => `link-${n}`), fc.constantFrom('x.py', 'src', 'nowhere', '../outside.txt', '/etc/hostname')), {maxLength: 3}),
	emptyDirs: fc.array(relPath.map(p => `empty-${p}`), {maxLength: 2}),
	ignore: fc.array(pattern, {minLength: 1, maxLength: 7}).map(lines => lines.join('\n') + '\n'),
});

/** Writes a tree; a path that needs a folder where a file is (or the reverse) is skipped. */
function materialize(root: string, spec: Tree): void {
	fs.mkdirSync(root, {recursive: true});
	const write = (file: string, make: (full: string) => void) => {
		try {
			fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
			if (!fs.existsSync(path.join(root, file))) make(path.join(root, file));
		} catch {
			// A name already taken by the other kind: this tree simply does not have it.
		}
	};

	for (const file of spec.files) write(file, full => fs.writeFileSync(full, `${file}\n`));
	for (const dir of spec.emptyDirs) write(dir, full => fs.mkdirSync(full));
	for (const [link, target] of spec.links) write(link, full => fs.symlinkSync(target, full));
	fs.writeFileSync(path.join(root, '.dockerignore'), spec.ignore);
	fs.writeFileSync(path.join(root, 'Dockerfile'), `FROM debian:12-slim\nLABEL ${label}\nCOPY . /ctx\nRUN cd /ctx && echo "---lis""ting---" && find . -mindepth 1 -printf '%y %P\\n' | LC_ALL=C sort && echo "---e""nd---"\n`);
}

/** `kind path` lines with every folder an entry implies (COPY makes parents), minus the two files Docker treats apart. */
function normalize(lines: string[]): string[] {
	const out = new Set<string>();
	for (const line of lines) {
		const [kind, ...rest] = line.split(' ');
		const file = rest.join(' ');
		if (file === 'Dockerfile' || file === '.dockerignore') continue;
		out.add(`${kind} ${file}`);
		const parts = file.split('/');
		for (let i = 1; i < parts.length; i++) out.add(`d ${parts.slice(0, i).join('/')}`);
	}

	return [...out].sort();
}

async function ours(root: string): Promise<{listing: string[]; outside: string[]}> {
	const walk = await walkContext(root, fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'));
	const kinds = {file: 'f', dir: 'd', symlink: 'l'} as const;
	return {listing: normalize(walk.included.map(f => `${kinds[f.kind]} ${f.path}`)), outside: walk.outsideLinks};
}

function dockers(root: string): string[] {
	const idFile = path.join(work, `iid-${built.length}`);
	const output = execFileSync('docker', ['build', '--no-cache', '--network', 'host', '--iidfile', idFile, root], {
		encoding: 'utf8',
		env: {...process.env, DOCKER_BUILDKIT: '0'},
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 300_000,
	});
	built.push(fs.readFileSync(idFile, 'utf8').trim());
	// The markers are split in the Dockerfile so that only the RUN's output holds them whole.
	const start = output.indexOf('---listing---\n');
	const end = output.indexOf('---end---');
	if (start === -1 || end < start) throw new Error(`no listing in the build output:\n${output}`);
	const listing = output.slice(start + 14, end);
	return normalize(listing.split('\n').filter(line => line.trim() !== ''));
}

afterAll(() => {
	for (const id of built) execFileSync('docker', ['rmi', '-f', id], {stdio: 'ignore'});
	const left = execFileSync('docker', ['images', '-a', '-q', '--filter', `label=${label}`], {encoding: 'utf8'}).trim();
	fs.rmSync(work, {recursive: true, force: true});
	expect(left, 'images of this test left on the engine').toBe('');
});

const handWritten: Tree = {
	files: ['app.py', 'src/keep.py', 'src/drop.py', 'docs/a.md', 'docs/deep/b.md', 'README.md', 'venv/lib/x.py', '.git/HEAD', 'a b/c$d.txt', 'pkg/__pycache__/m.pyc', 'pkg/m.py'],
	links: [['link-app', 'app.py'], ['link-out', '../outside.txt'], ['link-abs', '/etc/hostname'], ['link-dangling', 'nowhere']],
	emptyDirs: ['empty', 'venv/empty'],
	ignore: 'venv\n.git\nsrc/*\n!src/keep.py\ndocs\n!docs/deep/*.md\n**/__pycache__\n*.md\n!README.md\n',
};

describe('the packed context against docker build\'s own view', () => {
	const trees = [handWritten, ...fc.sample(tree, {numRuns: 6, seed: 20_260_127})];
	it.each(trees.map((spec, index) => [index, spec] as const))('tree %i: same entries in the image as in our context', async (index, spec) => {
		const root = path.join(work, `tree-${index}`);
		materialize(root, spec);
		fs.writeFileSync(path.join(work, 'outside.txt'), 'outside\n');
		const mine = await ours(root);
		const theirs = dockers(root);
		// dockwiz leaves out links that point out of the folder; the CLI sends them as links.
		const outside = mine.outside.map(link => `l ${link}`);
		expect(theirs.filter(line => !outside.includes(line)), `${spec.ignore}`).toEqual(mine.listing);
		expect(mine.listing.filter(line => outside.includes(line))).toEqual([]);
	});
});
