import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {unreferencedLargeFiles} from '../../source/analysis/large-files.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();
const bytes = (count: number) => Buffer.alloc(count, 1);

describe('large files no source names', () => {
	it('keeps a file whose name a module or template mentions, and reports the others', async () => {
		const root = await tree({
			'app.py': 'import pandas\nDATA = "data/prices.parquet"\n',
			'templates/index.html': '<img src="{{ url_for(\'static\', filename=\'hero.png\') }}">',
			'data/prices.parquet': bytes(10),
			'static/hero.png': bytes(10),
			'dumps/backup.sql.gz': bytes(10),
		});
		const entries = ['data/prices.parquet', 'static/hero.png', 'dumps/backup.sql.gz'].map(file => ({path: file, bytes: 6_000_000}));
		const found = await unreferencedLargeFiles(root, entries, ['app.py', 'templates/index.html', ...entries.map(entry => entry.path)]);
		expect(found).toEqual([{path: 'dumps/backup.sql.gz', bytes: 6_000_000}]);
	});

	it('is part of the scan: only files of 5 MB or more that nothing names', async () => {
		const root = await tree({
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			'requirements.txt': 'flask\n',
			'data/sample.csv': bytes(6_000_000),
			'data/small.csv': bytes(1000),
		});
		const report = await scanProject(root);
		expect(report.unreferencedLargeFiles).toEqual([{path: 'data/sample.csv', bytes: 6_000_000}]);
	});
});
