import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {buildFailures, comparisonRows, dependencyChangeLines} from '../../source/report/comparison.js';
import {sampleBuild, sampleMeasurement, sampleProject, sampleProposal} from './sample.js';

function reportWith(before = sampleBuild(), after = sampleBuild({image: 'dockwiz-after'})) {
	const measurement = sampleMeasurement();
	measurement.builds = {before, after};
	return assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement});
}

describe('comparisonRows', () => {
	it('has the metrics in a fixed order', () => {
		expect(comparisonRows(reportWith()).map(row => row.label)).toEqual(['Image size', 'Cold build', 'Warm rebuild', 'Layers', 'Build context', 'Runs as', 'HTTP']);
	});

	it('reads uid 0 and an empty user as root', () => {
		const rows = comparisonRows(reportWith(sampleBuild({user: '0'}), sampleBuild({user: '10001'})));
		expect(rows.find(row => row.label === 'Runs as')).toMatchObject({before: 'root', after: '10001', ratio: ''});
	});

	it('tells a failed HTTP answer from no answer', () => {
		const rows = comparisonRows(
			reportWith(sampleBuild({smoke: {ok: false, status: null, startupSeconds: null, error: 'timed out after 30 s'}}), sampleBuild({smoke: {ok: false, status: 500, startupSeconds: 1}})),
		);
		expect(rows.find(row => row.label === 'HTTP')).toMatchObject({before: 'no answer', after: '500 failed'});
	});

	it('says how small a ratio below a thousandth is', () => {
		const rows = comparisonRows(reportWith(sampleBuild({contextBytes: 28_000_000}), sampleBuild({contextBytes: 1_300})));
		expect(rows.find(row => row.label === 'Build context')?.ratio).toBe('<0.001×');
	});

	it('keeps the raw numbers of a finished side for bars', () => {
		const rows = comparisonRows(reportWith(sampleBuild({sizeBytes: 900}), sampleBuild({ok: false, sizeBytes: 3})));
		expect(rows[0]).toMatchObject({beforeValue: 900, afterValue: null, after: '—', ratio: '—'});
	});
});

describe('buildFailures', () => {
	it('names each failed side with its error', () => {
		const report = reportWith(sampleBuild({smoke: {ok: false, status: null, startupSeconds: null, error: 'no answer on port 5000'}}), sampleBuild({ok: false, error: 'exit 1'}));
		expect(buildFailures(report)).toEqual(['before: smoke test failed: no answer on port 5000', 'after: build failed: exit 1']);
	});
});

describe('the dependency change and the first answer', () => {
	it('add their rows when measured, and say what was added or why a side has no figure', () => {
		const change = {measured: true, packageName: 'six', file: 'requirements.txt'};
		const before = sampleBuild({dependencyRebuildSeconds: 30, dependencyChange: change, smoke: {ok: true, status: 200, startupSeconds: 1, firstAnswerSeconds: 1.5}});
		const after = sampleBuild({dependencyRebuildSeconds: null, dependencyChange: {...change, measured: false, reason: 'the image rebuilt after adding six does not have it.'}, smoke: {ok: true, status: 200, startupSeconds: 0.5, firstAnswerSeconds: 0.75}});
		const rows = comparisonRows(reportWith(before, after));
		expect(rows.map(row => row.label)).toEqual(['Image size', 'Cold build', 'Warm rebuild', 'Dependency change', 'First answer', 'Layers', 'Build context', 'Runs as', 'HTTP']);
		expect(rows.find(row => row.label === 'First answer')).toMatchObject({beforeValue: 1.5, afterValue: 0.75, ratio: '0.50×'});
		expect(rows.find(row => row.label === 'Dependency change')).toMatchObject({beforeValue: 30, afterValue: null});
		expect(dependencyChangeLines(reportWith(before, after))).toEqual([
			'dependency change: six added to requirements.txt in the build context (the folder is not changed), then rebuilt with the cache',
			'after: dependency change not measured: the image rebuilt after adding six does not have it.',
		]);
	});
});
