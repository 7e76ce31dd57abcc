// Materializes the bundled demo project (--demo) in a fresh temp folder: the Flask app of
// demo-project.ts plus the clutter real projects carry and a naive build context sends
// to the engine: a .git, a .venv of thousands of files, __pycache__, a .env with a fake
// secret and a large data file. Everything is generated from a fixed seed, so every run
// measures the same bytes.

import {mkdir, mkdtemp, open, rm, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {defaultDemoApp, demoApps, type DemoApp} from './demo-apps.js';

export type DemoProject = {
	/** The project folder, inside a fresh temp folder. */
	dir: string;
	/** Removes the temp folder; safe to call more than once. */
	cleanup: () => Promise<void>;
};

export type DemoInProgress = DemoProject & {
	/** Settles when every file is written; rejects (after removing the folder) when writing fails. */
	ready: Promise<void>;
};

/** The Flask demo folder's name, as the report shows it. */
export const demoFolderName = demoApps[defaultDemoApp].folder;

export const demoSecretKey = 'demo-fake-secret-not-real';
const demoEnv = `# Local settings: never commit, never ship in an image.\nSECRET_KEY=${demoSecretKey}\nDATABASE_URL=postgresql://demo:demo-fake-password@localhost:5432/demo\nFLASK_DEBUG=1\n`;

const csvTargetBytes = 25_000_000;
const gitObjectCount = 170;
const gitObjectMeanBytes = 11_500;

// ---------------------------------------------------------------- deterministic data

/** mulberry32: tiny, fast and good enough for filler that only has to look varied. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function randomBytes(random: () => number, count: number): Buffer {
	const bytes = Buffer.alloc(count);
	// Four bytes per draw: filler for megabytes has to be cheap.
	for (let i = 0; i < count; i += 4) {
		const word = Math.floor(random() * 4_294_967_296);
		for (let j = 0; j < 4 && i + j < count; j++) bytes[i + j] = (word >>> (j * 8)) & 0xff;
	}

	return bytes;
}

function randomHex(random: () => number, length: number): string {
	let hex = '';
	for (let i = 0; i < length; i++) hex += Math.floor(random() * 16).toString(16);
	return hex;
}

function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)];
}

type GeneratedFile = {path: string; content: string | Buffer};

// ---------------------------------------------------------------- .git

function gitFiles(random: () => number): GeneratedFile[] {
	const head = randomHex(random, 40);
	const files: GeneratedFile[] = [
		{path: '.git/HEAD', content: 'ref: refs/heads/main\n'},
		{path: '.git/config', content: '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n'},
		{path: '.git/description', content: "Unnamed repository; edit this file 'description' to name the repository.\n"},
		{path: '.git/refs/heads/main', content: `${head}\n`},
		{path: '.git/info/exclude', content: '# git ls-files --others --exclude-from=.git/info/exclude\n'},
		{path: '.git/hooks/pre-commit.sample', content: '#!/bin/sh\n# An example hook script to verify what is about to be committed.\nexec git diff-index --check --cached HEAD --\n'},
		{path: '.git/index', content: Buffer.concat([Buffer.from('DIRC\u0000\u0000\u0000\u0002'), randomBytes(random, 4_000)])},
	];
	const log: string[] = [];
	let previous = '0'.repeat(40);
	for (let commit = 0; commit < 24; commit++) {
		const next = commit === 23 ? head : randomHex(random, 40);
		log.push(`${previous} ${next} Demo Developer <demo@example.com> ${1_700_000_000 + commit * 86_400} +0000\tcommit: ${pick(random, ['add about page', 'fix typo', 'contact route', 'bump flask', 'readme', 'sample data'])}`);
		previous = next;
	}

	files.push({path: '.git/logs/HEAD', content: `${log.join('\n')}\n`});
	// Loose objects are zlib streams: random bytes have the same size and entropy.
	for (let object = 0; object < gitObjectCount; object++) {
		const name = randomHex(random, 40);
		const bytes = Math.round(gitObjectMeanBytes * (0.2 + random() * 1.6));
		files.push({path: `.git/objects/${name.slice(0, 2)}/${name.slice(2)}`, content: randomBytes(random, bytes)});
	}

	return files;
}

// ---------------------------------------------------------------- .venv

const sitePackages = '.venv/lib/python3.11/site-packages';

// Roughly the file counts of a real Flask venv (pip and setuptools dominate).
type VenvPackage = {name: string; version: string; files: number; folders: readonly string[]};
const venvPackages: readonly VenvPackage[] = [
	{name: 'pip', version: '24.0', files: 1_180, folders: ['_internal', '_internal/commands', '_internal/models', '_internal/utils', '_vendor', '_vendor/rich', '_vendor/urllib3', '_vendor/requests']},
	{name: 'setuptools', version: '69.5.1', files: 860, folders: ['', 'command', '_distutils', '_vendor', 'config', 'tests']},
	{name: 'werkzeug', version: '3.0.3', files: 290, folders: ['', 'datastructures', 'debug', 'routing', 'sansio', 'wrappers']},
	{name: 'jinja2', version: '3.1.4', files: 210, folders: ['']},
	{name: 'flask', version: '3.0.3', files: 170, folders: ['', 'json', 'sansio']},
	{name: 'click', version: '8.1.7', files: 140, folders: ['']},
	{name: 'markupsafe', version: '2.1.5', files: 60, folders: ['']},
	{name: 'itsdangerous', version: '2.2.0', files: 50, folders: ['']},
	{name: 'blinker', version: '1.8.2', files: 40, folders: ['']},
];

// Roughly a Django venv's (Django itself dominates, with its locale and contrib folders).
const djangoVenvPackages: readonly VenvPackage[] = [
	{name: 'django', version: '4.2.16', files: 2_600, folders: ['', 'contrib/admin', 'contrib/auth', 'db/models', 'core/management', 'template', 'conf/locale', 'utils']},
	{name: 'pip', version: '24.0', files: 1_180, folders: ['_internal', '_internal/commands', '_vendor', '_vendor/rich']},
	{name: 'setuptools', version: '69.5.1', files: 860, folders: ['', 'command', '_distutils', '_vendor']},
	{name: 'asgiref', version: '3.8.1', files: 30, folders: ['']},
	{name: 'sqlparse', version: '0.5.1', files: 45, folders: ['', 'engine', 'filters']},
	{name: 'whitenoise', version: '6.7.0', files: 25, folders: ['', 'runserver_nostatic']},
	{name: 'gunicorn', version: '23.0.0', files: 80, folders: ['', 'app', 'http', 'workers']},
];

const words = ['cache', 'config', 'request', 'response', 'session', 'parser', 'utils', 'compat', 'loader', 'helpers', 'exceptions', 'logging', 'filters', 'runtime', 'context', 'signals', 'testing', 'wrappers', 'format', 'models'] as const;

function pythonModule(random: () => number, packageName: string, moduleName: string): string {
	const lines = [`"""${packageName}.${moduleName}: support code."""`, 'from __future__ import annotations', ''];
	const functions = 1 + Math.floor(random() * 5);
	for (let i = 0; i < functions; i++) {
		const name = `${pick(random, words)}_${i}`;
		lines.push(`def ${name}(value, *args, **kwargs):`, `    """Return ${pick(random, words)} for value."""`, `    if value is None:`, `        return ${Math.floor(random() * 1000)}`, '    return value', '');
	}

	return lines.join('\n');
}

function venvFiles(random: () => number, packages: readonly VenvPackage[] = venvPackages): GeneratedFile[] {
	const files: GeneratedFile[] = [
		{path: '.venv/pyvenv.cfg', content: 'home = /usr/local/bin\ninclude-system-site-packages = false\nversion = 3.11.9\nexecutable = /usr/local/bin/python3.11\n'},
		{path: '.venv/bin/activate', content: '# This file must be used with "source bin/activate"\nVIRTUAL_ENV="$(cd "$(dirname "$BASH_SOURCE")/.." && pwd)"\nexport VIRTUAL_ENV\nPATH="$VIRTUAL_ENV/bin:$PATH"\nexport PATH\n'},
		{path: '.venv/bin/flask', content: '#!/usr/bin/env python\nimport sys\nfrom flask.cli import main\nsys.exit(main())\n'},
	];
	for (const pkg of packages) {
		const distInfo = `${sitePackages}/${pkg.name}-${pkg.version}.dist-info`;
		files.push(
			{path: `${distInfo}/METADATA`, content: `Metadata-Version: 2.1\nName: ${pkg.name}\nVersion: ${pkg.version}\n`},
			{path: `${distInfo}/INSTALLER`, content: 'pip\n'},
			{path: `${distInfo}/RECORD`, content: `${pkg.name}/__init__.py,sha256=${randomHex(random, 43)},${Math.floor(random() * 4000)}\n`},
		);
		for (let i = 0; i < pkg.files; i++) {
			const folder = pkg.folders[i % pkg.folders.length];
			const moduleName = i < pkg.folders.length ? '__init__' : `${words[i % words.length]}_${i}`;
			files.push({path: `${sitePackages}/${pkg.name}/${folder ? `${folder}/` : ''}${moduleName}.py`, content: pythonModule(random, pkg.name, moduleName)});
		}
	}

	return files;
}

// ---------------------------------------------------------------- the rest

function pycFile(random: () => number): Buffer {
	// CPython 3.11's magic number, flags, mtime and source size, then the marshalled code.
	const header = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0x80, 0x1c, 0x5f, 0x65, 0x8e, 0x01, 0, 0]);
	return Buffer.concat([header, randomBytes(random, 720)]);
}

/** ~25 MB of sensor readings, written in chunks so it never sits in memory whole. */
async function writeSampleCsv(filePath: string, random: () => number, signal: AbortSignal): Promise<void> {
	// Formatting numbers is the slow part: draw readings from small pools of formatted values.
	const temperatures = Array.from({length: 1024}, () => (15 + random() * 15).toFixed(2));
	const humidities = Array.from({length: 1024}, () => (30 + random() * 50).toFixed(1));
	const sensors = Array.from({length: 64}, (_, i) => `sensor-${String(i).padStart(3, '0')}`);
	const start = Date.UTC(2024, 0, 1) / 1000;
	const file = await open(filePath, 'w');
	try {
		let chunk = 'timestamp,sensor_id,temperature_c,humidity_pct,status\n';
		let written = 0;
		let row = 0;
		while (written < csvTargetBytes && !signal.aborted) {
			for (let i = 0; i < 20_000; i++, row++) {
				const draw = Math.floor(random() * 1_048_576);
				chunk += `${start + row * 15},${sensors[row & 63]},${temperatures[draw & 1023]},${humidities[draw >>> 10]},${(draw & 63) === 0 ? 'alert' : 'ok'}\n`;
			}

			const bytes = Math.min(chunk.length, csvTargetBytes - written);
			await file.write(chunk.slice(0, bytes));
			written += bytes;
			chunk = '';
		}
	} finally {
		await file.close();
	}
}

/** Writes many small files a bounded number at a time (thousands at once exhaust file handles). */
async function writeAll(root: string, files: GeneratedFile[], signal: AbortSignal): Promise<void> {
	const folders = new Set(files.map(file => path.dirname(path.join(root, file.path))));
	for (const folder of [...folders].sort()) await mkdir(folder, {recursive: true});
	let next = 0;
	const worker = async () => {
		while (next < files.length && !signal.aborted) {
			const file = files[next++];
			await writeFile(path.join(root, file.path), file.content);
		}
	};

	await Promise.all(Array.from({length: 32}, worker));
}

/**
 * Makes the temp folder and starts writing the demo into it: the folder's name is known at
 * once (the wizard shows it on its first frame) while the files are still being written.
 */
export async function startDemo(name: string = defaultDemoApp): Promise<DemoInProgress> {
	// options.ts only lets the known names through.
	const app = demoApps[name] ?? demoApps[defaultDemoApp];
	const tempDir = await mkdtemp(path.join(os.tmpdir(), 'dockwiz-demo-'));
	const dir = path.join(tempDir, app.folder);
	const stop = new AbortController();
	// Django's clutter differs (its own .env, caches and venv packages).
	const written = name === 'django' ? writeDjangoDemo(dir, app, stop.signal) : writeDemo(dir, app, stop.signal);
	const writingSettled = written.then(
		() => undefined,
		() => undefined,
	);
	let removed: Promise<void> | undefined;
	// Stops the writers and waits for them first: files still being added make a removal fail.
	const cleanup = async () => {
		stop.abort();
		await writingSettled;
		removed ??= rm(tempDir, {recursive: true, force: true});
		await removed;
	};

	const ready = written.catch(async (error: unknown) => {
		await cleanup();
		throw error;
	});
	// Awaited later (by the scan); until then a failure must not count as unhandled.
	ready.catch(() => undefined);
	return {dir, cleanup, ready};
}

/** The demo, written whole. */
export async function materializeDemo(name: string = defaultDemoApp): Promise<DemoProject> {
	const {dir, cleanup, ready} = await startDemo(name);
	await ready;
	return {dir, cleanup};
}

async function writeDemo(dir: string, app: DemoApp, signal: AbortSignal): Promise<void> {
	const random = seededRandom(20_240_611);
	const main = app.files.find(file => file.path.endsWith('.py'))?.path ?? 'app.py';
	const files: GeneratedFile[] = [
		...app.files.map(file => ({path: file.path, content: file.text})),
		{path: '.env', content: demoEnv},
		{path: `__pycache__/${main.replace(/\.py$/, '')}.cpython-311.pyc`, content: pycFile(random)},
		...gitFiles(random),
		...venvFiles(random),
	];
	await mkdir(path.join(dir, 'data'), {recursive: true});
	// The big file's generation overlaps the small files' I/O.
	await Promise.all([writeAll(dir, files, signal), writeSampleCsv(path.join(dir, 'data/sample.csv'), seededRandom(7), signal)]);
	signal.throwIfAborted();
	// A venv's interpreter is a link to the machine's Python: it dangles anywhere else.
	await symlink('/usr/local/bin/python3.11', path.join(dir, '.venv/bin/python'));
}

/** The Django demo: its app, and the same kind of clutter (.git, a Django .venv, a .env with a fake key, .pyc files). */
async function writeDjangoDemo(dir: string, app: DemoApp, signal: AbortSignal): Promise<void> {
	const random = seededRandom(20_251_201);
	const files: GeneratedFile[] = [
		...app.files.map(file => ({path: file.path, content: file.text})),
		{path: '.env', content: `# Local settings: never commit, never ship in an image.\nDJANGO_SECRET_KEY=${demoSecretKey}\nDJANGO_DEBUG=True\n`},
		{path: 'catalog/__pycache__/views.cpython-311.pyc', content: pycFile(random)},
		{path: 'shop/__pycache__/settings.cpython-311.pyc', content: pycFile(random)},
		...gitFiles(random),
		...venvFiles(random, djangoVenvPackages),
	];
	await writeAll(dir, files, signal);
	signal.throwIfAborted();
	await symlink('/usr/local/bin/python3.11', path.join(dir, '.venv/bin/python'));
}
