import {execFileSync} from 'node:child_process';
import {chmod, mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildSync} from 'esbuild';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/scan-project.js';
import type {ProjectReport} from '../../source/types.js';
import {makeTree, removeTree} from './tree.js';

const scanModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../source/analysis/scan-project.ts');
const roots: string[] = [];
afterEach(async () => {
	await Promise.all(roots.splice(0).map(removeTree));
});

// nobody cannot read a checkout in a private folder (mode 700, as home folders often are):
// the scan runs from a bundle in a folder of this file's own, readable by all.
let kit: string | undefined;
afterAll(async () => {
	if (kit) await removeTree(kit);
});

async function scanBundle(): Promise<string> {
	kit ??= await mkdtemp(path.join(tmpdir(), 'dockwiz-scan-kit-'));
	await chmod(kit, 0o755);
	const outfile = path.join(kit, 'scan.mjs');
	buildSync({
		stdin: {contents: `import {scanProject} from ${JSON.stringify(scanModule)};\nconsole.log(JSON.stringify(await scanProject(process.argv[2])));\n`, resolveDir: path.dirname(scanModule), loader: 'ts'},
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		outfile,
		// Bundled CommonJS packages call require(); ESM output has none of its own.
		banner: {js: 'import {createRequire} from "node:module"; const require = createRequire(import.meta.url);'},
		logLevel: 'warning',
	});
	await chmod(outfile, 0o644);
	return outfile;
}

// Root reads everything, so as root the scan runs as the unprivileged user `nobody` instead.
async function scanAsUser(root: string): Promise<ProjectReport> {
	if (process.getuid?.() !== 0) {
		return scanProject(root);
	}

	const script = await scanBundle();
	// HOME and the working folder: the kit, never a folder of the checkout or /tmp itself.
	const output = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', `HOME=${kit}`, `TMPDIR=${kit}`, process.execPath, script, root], {
		encoding: 'utf8',
		cwd: kit,
		timeout: 60_000,
	});
	return JSON.parse(output) as ProjectReport;
}

describe('unreadable files and folders', () => {
	it('become DW901 findings and are left out of the context, never a crash', async () => {
		const root = await makeTree({
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			'views.py': 'x = 1\n',
			'private/notes.txt': 'n',
			'requirements.txt': 'flask\n',
		});
		roots.push(root);
		await chmod(root, 0o755);
		await chmod(path.join(root, 'views.py'), 0o000);
		await chmod(path.join(root, 'private'), 0o000);
		let report: ProjectReport;
		try {
			report = await scanAsUser(root);
		} finally {
			await chmod(path.join(root, 'private'), 0o755);
		}

		expect(report.wsgiTarget).toBe('app:app');
		expect(report.problems.map(p => [p.rule, p.file])).toEqual([
			['DW901', 'private'],
			['DW901', 'views.py'],
		]);
		expect(report.problems[1].message).toMatch(/permission|EACCES/);
		expect(report.context.files).toBe(2);
	});
});
