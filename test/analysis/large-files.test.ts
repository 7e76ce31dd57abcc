import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {unreferencedLargeFiles} from '../../source/analysis/large-files.js';

const made: string[] = [];
function project(files: Record<string, string | number>): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-large-'));
	made.push(root);
	for (const [file, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
		fs.writeFileSync(path.join(root, file), typeof content === 'number' ? Buffer.alloc(content, 1) : content);
	}

	return root;
}

afterEach(() => {
	for (const root of made.splice(0)) fs.rmSync(root, {recursive: true, force: true});
});

describe('large files no source names', () => {
	it('keeps a file whose name a module or template mentions, and reports the others', async () => {
		const root = project({
			'app.py': 'import pandas\nDATA = "data/prices.parquet"\n',
			'templates/index.html': '<img src="{{ url_for(\'static\', filename=\'hero.png\') }}">',
			'data/prices.parquet': 10,
			'static/hero.png': 10,
			'dumps/backup.sql.gz': 10,
		});
		const entries = ['data/prices.parquet', 'static/hero.png', 'dumps/backup.sql.gz'].map(file => ({path: file, bytes: 6_000_000}));
		const found = await unreferencedLargeFiles(root, entries, ['app.py', 'templates/index.html', ...entries.map(entry => entry.path)]);
		expect(found).toEqual([{path: 'dumps/backup.sql.gz', bytes: 6_000_000}]);
	});

	it('is part of the scan: only files of 5 MB or more that nothing names', async () => {
		const root = project({
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			'requirements.txt': 'flask\n',
			'data/sample.csv': 6_000_000,
			'data/small.csv': 1000,
		});
		const report = await scanProject(root);
		expect(report.unreferencedLargeFiles).toEqual([{path: 'data/sample.csv', bytes: 6_000_000}]);
	});
});
