import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hintsFor, type FailurePhase} from '../../source/advice/failure-hints/index.js';

// Each recognised cause, made to happen for real in a python:3.11-slim container, and its
// output (the container's logs, or the engine's refusal) handed to hintsFor as dockwiz would.
// No images are built: the failures come from a command, a mounted script or a pip install.
const indexUrl = `http://127.0.0.1:${process.env.DOCKWIZ_INDEX_PORT ?? '3141'}/simple/`;
const image = 'python:3.11-slim';
const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-failure-hints-'));
afterAll(() => fs.rmSync(scripts, {recursive: true, force: true}));

const files: Record<string, {text: string; mode: number}> = {
	'no-shebang.sh': {text: 'echo started\n', mode: 0o755},
	'crlf.sh': {text: '#!/bin/sh\r\necho started\r\n', mode: 0o755},
	'crlf-env.sh': {text: '#!/usr/bin/env bash\r\necho started\r\n', mode: 0o755},
	'not-executable.sh': {text: '#!/bin/sh\necho started\n', mode: 0o644},
	// A package with a C extension, built from source as pip does when no wheel fits.
	'cext/setup.py': {text: 'from setuptools import Extension, setup\n\nsetup(name="cext", version="0.1", ext_modules=[Extension("cext", ["cext.c"])])\n', mode: 0o644},
	'cext/cext.c': {text: '#include <Python.h>\n', mode: 0o644},
	'wsgi.py': {text: 'import os\nfrom flask import Flask\n\napplication = Flask(__name__)\nif os.environ.get("PORT_NUMBER"):\n    PORT = int(os.environ["PORT_NUMBER"])\n', mode: 0o644},
};
for (const [name, {text, mode}] of Object.entries(files)) {
	fs.mkdirSync(path.dirname(path.join(scripts, name)), {recursive: true});
	fs.writeFileSync(path.join(scripts, name), text);
	fs.chmodSync(path.join(scripts, name), mode);
}

let serial = 0;

/** Runs a throwaway container (removed on exit) and returns all it printed, with the engine's own errors. */
async function runContainer(args: string[]): Promise<{exitCode: number | null; lines: string[]}> {
	const name = `dockwiz-hints-${process.pid}-${++serial}`;
	return new Promise(resolve => {
		const child = spawn('docker', ['run', '--rm', '--name', name, '--network', 'host', '-v', `${scripts}:/scripts:ro`, ...args]);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.on('close', exitCode => resolve({exitCode, lines: output.split('\n').filter(line => line.length > 0).slice(-40)}));
	});
}

const python = (code: string) => [image, 'python', '-c', code];
const gunicorn = (env: string[], target: string) => [
	...env.flatMap(pair => ['-e', pair]), '-w', '/scripts', image, 'sh', '-c',
	`pip install -q --index-url ${indexUrl} flask gunicorn >/dev/null 2>&1 && exec gunicorn --bind 127.0.0.1:0 ${target}`,
];

type Case = {cause: string; phase: FailurePhase; args: string[]; id: string; names: string[]};

const cases: Case[] = [
	{cause: 'a pin the index does not have', phase: 'build', args: [image, 'pip', 'install', '--index-url', indexUrl, 'flask==0.0.1'], id: 'FH001', names: ['flask==0.0.1', '--python']},
	{cause: 'a package the index does not have at all', phase: 'build', args: [image, 'pip', 'install', '--index-url', indexUrl, 'dockwiz-no-such-package'], id: 'FH001', names: ['dockwiz-no-such-package', 'index']},
	{cause: 'a folder the non-root user cannot create', phase: 'smoke', args: ['-u', '10001', ...python("import os; os.makedirs('/app/instance', exist_ok=True)")], id: 'FH002', names: ['/app', 'chown']},
	{cause: 'mkdir as the non-root user', phase: 'build', args: ['-u', '10001', image, 'mkdir', '/srv/uploads'], id: 'FH002', names: ['/srv/uploads']},
	{cause: 'the project\'s module outside the import path', phase: 'smoke', args: python('import myapp.wsgi'), id: 'FH003', names: ["'myapp'", '--pythonpath']},
	{cause: 'a package not installed', phase: 'smoke', args: python('import yaml'), id: 'FH003', names: ['PyYAML']},
	{cause: 'libpq not in the image', phase: 'smoke', args: python("import ctypes; ctypes.CDLL('libpq.so.5')"), id: 'FH004', names: ['libpq.so.5', 'libpq5']},
	{cause: 'two servers on one port', phase: 'smoke', args: python("import socket\na = socket.socket(); a.bind(('127.0.0.1', 0)); a.listen()\nb = socket.socket(); b.bind(a.getsockname())"), id: 'FH005', names: ['app.run()']},
	{cause: 'an exception while gunicorn imports the app', phase: 'smoke', args: gunicorn(['PORT_NUMBER=eighty'], 'wsgi:application'), id: 'FH006', names: ['ValueError', "'eighty'"]},
	{cause: 'gunicorn pointed at a missing variable', phase: 'smoke', args: gunicorn([], 'wsgi:app'), id: 'FH006', names: ["'app'", 'wsgi:create_app()']},
	{cause: 'pkg_resources in a venv without setuptools', phase: 'smoke', args: [image, 'sh', '-c', 'python -m venv --without-pip /tmp/venv && exec /tmp/venv/bin/python -c "import pkg_resources"'], id: 'FH007', names: ['setuptools']},
	{cause: 'a C extension built without a compiler', phase: 'build', args: [image, 'sh', '-c', 'cp -r /scripts/cext /tmp/cext && exec pip install --no-build-isolation --no-index /tmp/cext'], id: 'FH008', names: ['gcc', 'build-essential']},
	{cause: 'an environment variable read at import', phase: 'smoke', args: python("import os\nSECRET_KEY = os.environ['SECRET_KEY']"), id: 'FH009', names: ['SECRET_KEY', '-e']},
	{cause: 'an entrypoint without a shebang', phase: 'smoke', args: [image, '/scripts/no-shebang.sh'], id: 'FH010', names: ['/scripts/no-shebang.sh', '#!/bin/sh']},
	{cause: 'an entrypoint with CRLF line endings', phase: 'smoke', args: [image, '/scripts/crlf.sh'], id: 'FH010', names: ['CRLF']},
	{cause: 'an env shebang with CRLF line endings', phase: 'smoke', args: [image, '/scripts/crlf-env.sh'], id: 'FH010', names: ['CRLF']},
	{cause: 'an entrypoint that is not executable', phase: 'smoke', args: [image, '/scripts/not-executable.sh'], id: 'FH010', names: ['chmod']},
];

describe('failure hints on real failures', () => {
	it.each(cases.map(failure => [failure.cause, failure] as const))('%s', async (_cause, failure) => {
		const {exitCode, lines} = await runContainer(failure.args);
		expect(exitCode, lines.join('\n')).not.toBe(0);
		const hints = hintsFor({phase: failure.phase, exitCode, logTail: lines});
		expect(hints.map(hint => hint.id), lines.join('\n')).toEqual([failure.id]);
		for (const name of failure.names) expect(`${hints[0].message} ${hints[0].fix}`).toContain(name);
	});

	it('says nothing about a container that exits cleanly', async () => {
		const {exitCode, lines} = await runContainer(python("print('serving')"));
		expect(exitCode).toBe(0);
		expect(hintsFor({phase: 'smoke', exitCode, logTail: lines})).toEqual([]);
	});
});
