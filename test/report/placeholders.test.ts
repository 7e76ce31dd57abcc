import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {propose, defaultChoices} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import {assembleReport} from '../../source/report/assemble.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {renderPlainSummary} from '../../source/report/plain.js';
import {measurePlanFor} from '../../source/work.js';
import type {Measurement} from '../../source/types.js';
import {sampleBuild, sampleFindings, sampleMeasurement, sampleProject, sampleProposal} from './sample.js';

function withPlaceholders(names: string[]): Measurement {
	const measurement = sampleMeasurement();
	const smoke = {ok: true, status: 200, startupSeconds: 0.8, placeholderEnv: names};
	return {...measurement, builds: {before: sampleBuild({smoke}), after: {...measurement.builds.after, smoke}}};
}

describe('variables given placeholders by the smoke test', () => {
	it('are named in the plain summary, the Markdown report and the JSON', () => {
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement: withPlaceholders(['DBUSER', 'DBPASS'])});
		expect(report.builds?.after.smoke?.placeholderEnv).toEqual(['DBUSER', 'DBPASS']);
		const plain = renderPlainSummary(report);
		expect(plain).toContain('after: smoke test run with placeholder values for DBUSER, DBPASS (the app requires them at start; set real values with docker run -e)');
		expect(plain).toContain('before: smoke test run with placeholder values for DBUSER, DBPASS');
		expect(renderMarkdown(report, {date: 'today'})).toContain('- after: smoke test run with placeholder values for DBUSER, DBPASS');
	});

	it('are not mentioned when none were needed', () => {
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement: sampleMeasurement()});
		expect(renderPlainSummary(report)).not.toContain('placeholder');
	});

	it('come from the scan: the measure plan carries exactly the required variables', async () => {
		const report = await scanProject(path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'required-env-at-import'));
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		const plan = measurePlanFor(report, proposal, {runs: 1, network: 'host', keepImages: false});
		expect(plan.smokeEnv).toEqual({DBUSER: 'dockwiz-smoke-placeholder', DBPASS: 'dockwiz-smoke-placeholder', DBHOST: 'dockwiz-smoke-placeholder', DBNAME: 'dockwiz-smoke-placeholder'});
	});
});
