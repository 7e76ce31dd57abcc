import {execFileSync} from 'node:child_process';
import {chmod, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/scan-project.js';
import type {ProjectReport} from '../../source/types.js';
import {makeTree, removeTree} from './tree.js';

const scanModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../source/analysis/scan-project.ts');
const roots: string[] = [];
afterEach(async () => {
	await Promise.all(roots.splice(0).map(removeTree));
});

// Root reads everything, so as root the scan runs as the unprivileged user `nobody` instead.
async function scanAsUser(root: string): Promise<ProjectReport> {
	if (process.getuid?.() !== 0) {
		return scanProject(root);
	}

	const script = path.join(root, '..', `${path.basename(root)}-scan.mts`);
	await writeFile(script, `import {scanProject} from ${JSON.stringify(scanModule)};\nconsole.log(JSON.stringify(await scanProject(${JSON.stringify(root)})));\n`);
	await chmod(script, 0o644);
	roots.push(script);
	const output = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'HOME=/tmp', process.execPath, '--import', 'tsx', script], {
		encoding: 'utf8',
		cwd: path.dirname(scanModule),
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
