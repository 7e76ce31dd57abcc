import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultChoices, propose, smokeEnvironment, smokePlaceholder} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import {makeReport} from './make-report.js';

const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'required-env-at-import');
const read = (name: string, line: number) => ({name, evidence: {file: 'app.py', line, detail: `X = os.environ["${name}"]`}});
const withRequired = (...names: string[]) => makeReport({startup: {pkgResources: [], writablePaths: [], gunicornConfig: null, startScript: null, requiredEnv: names.map((name, index) => read(name, index + 3))}});

describe('environment variables the app requires at start', () => {
	it('gives each one a placeholder for the smoke test, and PORT the app\'s port', () => {
		expect(smokeEnvironment(withRequired('DBUSER', 'PORT'))).toEqual({DBUSER: smokePlaceholder, PORT: '8000'});
		expect(smokePlaceholder).toBe('dockwiz-smoke-placeholder');
		expect(smokeEnvironment(makeReport())).toEqual({});
	});

	it('warns and adds a change naming each variable and how to set it, with no value in the image', async () => {
		const report = await scanProject(fixture);
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		const warning = proposal.warnings.find(item => item.includes('KeyError'));
		expect(warning).toContain('DBUSER, DBPASS, DBHOST, DBNAME');
		expect(warning).toContain('docker run -e DBUSER=... -e DBPASS=... -e DBHOST=... -e DBNAME=...');
		expect(warning).toContain('never bake');
		const change = proposal.changes.find(item => item.title.startsWith('Set at run time'));
		expect(change).toMatchObject({title: 'Set at run time, not in the image: DBUSER, DBPASS, DBHOST, DBNAME', impact: 'correctness'});
		expect(change?.why).toContain('app.py:7');
		expect(proposal.dockerfile).not.toMatch(/DBUSER|DBPASS|placeholder/);
	});

	it('says nothing when the app requires nothing', () => {
		const report = makeReport();
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.warnings.some(item => item.includes('KeyError'))).toBe(false);
		expect(proposal.changes.some(item => item.title.startsWith('Set at run time'))).toBe(false);
	});
});
