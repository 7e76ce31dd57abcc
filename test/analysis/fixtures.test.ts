import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/scan-project.js';
import {projectReport} from './report-projection.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/projects');
const names = readdirSync(fixtures).sort();

describe('scanProject on the fixture projects', () => {
	it('has at least 15 fixture projects', () => {
		expect(names.length).toBeGreaterThanOrEqual(15);
	});

	it.each(names)('%s matches its expected.json', async name => {
		const expected = JSON.parse(readFileSync(path.join(fixtures, name, 'expected.json'), 'utf8')) as unknown;
		const report = await scanProject(path.join(fixtures, name));
		expect(projectReport(report)).toEqual(expected);
	});
});
