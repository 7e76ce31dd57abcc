// Screenshots of what dockwiz shows when things fail, from a real run: a Flask app whose own
// Dockerfile fails in pip (a package no index has) and whose proposed image builds but
// crashes at start (the app needs DBUSER, read under a name no scan can see). Then the fix in
// place: `e` opens the proposed Dockerfile in $EDITOR (a script that adds ENV DBUSER), and
// the after side is rebuilt alone until it answers.
// Usage: node --import tsx test/ui/harness/failure-screenshots.ts OUT_DIR [-- extra dockwiz flags]
// e.g.   node --import tsx test/ui/harness/failure-screenshots.ts media -- --network host

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {savePng, tmuxSession} from './terminal-shots.js';

const outDir = path.resolve(process.argv[2] ?? 'media');
const separator = process.argv.indexOf('--');
const extraFlags = separator === -1 ? [] : process.argv.slice(separator + 1);

const project = mkdtempSync(path.join(os.tmpdir(), 'dockwiz-failing-app-'));
const files: Record<string, string> = {
	'app.py': [
		'import os',
		'from flask import Flask',
		'',
		'# The database user comes from the environment, under a name built at run time.',
		'key = "DB" + "USER"',
		'db_user = os.environ[key]',
		'',
		'app = Flask(__name__)',
		'',
		'',
		'@app.route("/")',
		'def index():',
		'    return f"hello from {db_user}"',
		'',
	].join('\n'),
	'requirements.txt': 'flask\ngunicorn\n',
	// The project's own Dockerfile installs a development file naming a package no index has.
	'requirements-dev.txt': 'flask\ngunicorn\nnosuchpkg==1.0\n',
	Dockerfile: 'FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements-dev.txt\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
};
for (const [name, text] of Object.entries(files)) writeFileSync(path.join(project, name), text);
// The user's fix, as an editor would make it: a harmless default for DBUSER before the CMD.
const editor = path.join(project, '..', `${path.basename(project)}-editor.sh`);
writeFileSync(editor, '#!/bin/sh\nsleep 1\nsed -i "s/^CMD/ENV DBUSER=app\\nCMD/" "$1"\n', {mode: 0o755});

const shots = tmuxSession(`dockwiz-fail-shots-${process.pid}`);
const shot = (name: string, screen: string) => savePng(outDir, name, screen);
mkdirSync(outDir, {recursive: true});
const cli = ['node', '--import', 'tsx', 'source/cli.tsx', project, ...extraFlags].join(' ');
shots.start(`unset CI; EDITOR=${editor} ${cli}; sleep 30`, process.cwd());
try {
	await shots.until(/\d+ findings?/, 120);
	await shots.keys('Enter');
	await shots.until('Changes & why');
	await shots.keys('Enter');
	shot('8-failed-build-step', await shots.until(/BEFORE[\s\S]*✗ cold build\s+failed[\s\S]*AFTER/));
	shot('9-crashed-container', await shots.until(/after: smoke test failed[\s\S]*hint/));
	await shots.keys('l');
	await shots.keys('Tab');
	await shots.keys('Tab');
	await shots.keys('Tab');
	shot('10-full-logs', await shots.until("KeyError: 'DBUSER'"));
	await shots.keys('q');
	await shots.until('e/i edit & rebuild');
	await shots.keys('e');
	shot('11-edit-rebuild', await shots.until(/AFTER[\s\S]*step \d+\/\d+/));
	shot('12-fixed-answers', await shots.until(/HTTP\s+│\s+not run\s+│\s+\d{3} ok/));
	await shots.keys('q');
} finally {
	shots.kill();
	rmSync(project, {recursive: true, force: true});
	rmSync(editor, {force: true});
}
