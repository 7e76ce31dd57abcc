import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultChoices, findingsFor, propose} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import {makeReport} from './make-report.js';

const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'python-markers-exclude');
const requirement = (name: string, line: number, marker?: string) => ({name, spec: '', extras: [], file: 'requirements.txt', line, ...(marker ? {marker} : {})});

describe('DW031: requirement markers that exclude the image\'s Python', () => {
	it('is an error naming how many requirements pip would skip on --python 3.11, and the fix', async () => {
		const report = await scanProject(fixture);
		const finding = findingsFor(report, '3.11').find(item => item.rule === 'DW031');
		expect(finding).toMatchObject({severity: 'error', file: 'requirements.txt', line: 2});
		expect(finding?.message).toContain('All 8 of 8 requirements (blinker, click, flask...) carry markers that exclude Python 3.11');
		expect(finding?.message).toContain('pip skips them without an error');
		expect(finding?.fix).toContain('Use Python 3.12 (dockwiz --python 3.12, or FROM python:3.12-slim)');
		expect(finding?.fix).toContain('drop the markers from requirements.txt');
	});

	it('says nothing on the Python the markers chose, and warns in the proposal when another is chosen', async () => {
		const report = await scanProject(fixture);
		expect(findingsFor(report).filter(item => item.rule === 'DW031')).toEqual([]);
		expect(propose(report, defaultChoices(report, {base: 'slim', python: undefined})).warnings.filter(item => item.includes('markers'))).toEqual([]);
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		expect(proposal.warnings.find(item => item.includes('markers'))).toContain('All 8 of 8 requirements');
	});

	it('counts some requirements, and flags an existing FROM the markers exclude', () => {
		const report = makeReport({
			dependencies: {packages: [requirement('flask', 1), requirement('rich', 2, 'python_version >= "3.13"'), requirement('tomli', 3, 'python_version < "3.11"')]},
			dockerfile: {path: 'Dockerfile', text: 'FROM python:3.12-slim\nCOPY . .\n'},
		});
		const findings = findingsFor(report).filter(item => item.rule === 'DW031');
		expect(findings.map(item => item.message)).toEqual([
			'1 of 3 requirements (rich) carry markers that exclude Python 3.11 (`python_version >= "3.13"`): on the proposed image pip skips it without an error, and the app fails at start.',
			'1 of 3 requirements (rich) carry markers that exclude Python 3.12 (`python_version >= "3.13"`): on the existing Dockerfile\'s FROM python:3.12-slim pip skips it without an error, and the app fails at start.',
		]);
		expect(findings[0]).toMatchObject({line: 2, fix: expect.stringContaining('Use Python 3.13')});
	});
});
