import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {buildFailures, comparisonRows, dependencyChangeLines, failedStepOutputs} from '../../source/report/comparison.js';
import {sampleBuild, sampleMeasurement, sampleProject, sampleProposal, sideError} from './sample.js';

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
		expect(rows[0]).toMatchObject({beforeValue: 900, afterValue: null, after: 'not built', ratio: ''});
	});
});

describe('buildFailures', () => {
	it('names each failed side with its error', () => {
		const report = reportWith(sampleBuild({smoke: {ok: false, status: null, startupSeconds: null, error: 'no answer on port 5000'}}), sampleBuild({ok: false, error: sideError('exit 1')}));
		expect(buildFailures(report)).toEqual(['before: smoke test failed (the image built: its size, layers and build times are measured): no answer on port 5000', 'after: build failed: exit 1']);
	});

	it('names the failing step, its instruction and exit code', () => {
		const error = sideError('The command \'/bin/sh -c pip install .\' returned a non-zero code: 1', {step: 4, instruction: 'RUN pip install .', exitCode: 1, logTail: ['ERROR: No matching distribution found for flask==9.9']});
		const report = reportWith(sampleBuild({ok: false, error, phases: {...passed, build: 'failed', rebuild: 'not run', smoke: 'not run'}}));
		expect(buildFailures(report)[0]).toBe('before: build failed at step 4 (RUN pip install .), exit code 1: The command \'/bin/sh -c pip install .\' returned a non-zero code: 1');
		expect(failedStepOutputs(report)).toEqual([{side: 'before', lines: ['ERROR: No matching distribution found for flask==9.9']}]);
	});
});

const passed = {context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'passed'} as const;

describe('numbers that were not measured', () => {
	it('keeps the size, layers and times of a side whose container failed, and compares them', () => {
		const after = sampleBuild({ok: false, image: 'dockwiz-after', sizeBytes: 223_000_000, layers: 9, buildSeconds: 20, phases: {...passed, smoke: 'failed'}, smoke: {ok: false, status: null, startupSeconds: null, error: 'The container exited with code 3 before answering on port 5000.'}, error: sideError('The container exited with code 3 before answering on port 5000.', {phase: 'smoke', exitCode: 3})});
		const report = reportWith(sampleBuild({phases: passed}), after);
		const rows = comparisonRows(report);
		expect(rows.find(row => row.label === 'Image size')).toMatchObject({after: '223 MB', afterValue: 223_000_000, ratio: '0.20×'});
		expect(rows.find(row => row.label === 'Layers')?.after).toBe('9');
		expect(rows.find(row => row.label === 'HTTP')?.after).toBe('no answer');
		expect(buildFailures(report)).toEqual(['after: smoke test failed, exit code 3 (the image built: its size, layers and build times are measured): The container exited with code 3 before answering on port 5000.']);
	});

	it('says not built, not run and not measured instead of dashes or zeros', () => {
		const before = sampleBuild({ok: false, sizeBytes: null, layers: null, buildSeconds: null, rebuildSeconds: null, user: null, smoke: null, contextBytes: null, phases: {context: 'not run', pull: 'failed', build: 'not run', rebuild: 'not run', smoke: 'not run'}, error: sideError('Base image python:9 is not on this engine', {phase: 'pull'})});
		const rows = comparisonRows(reportWith(before, sampleBuild({image: 'dockwiz-after', phases: passed})));
		const cells = Object.fromEntries(rows.map(row => [row.label, row.before]));
		expect(cells).toEqual({'Image size': 'not built', 'Cold build': 'not built', 'Warm rebuild': 'not run', Layers: 'not built', 'Build context': 'not measured', 'Runs as': 'not built', HTTP: 'not run'});
		expect(rows.every(row => !/—|^0 B$|^0\.00 s$/.test(`${row.before} ${row.ratio}`))).toBe(true);
	});

	it('keeps a cold build whose warm rebuild failed, and marks the rebuild failed', () => {
		const before = sampleBuild({ok: false, rebuildSeconds: null, phases: {...passed, rebuild: 'failed'}, error: sideError('exit 2', {phase: 'rebuild'})});
		const rows = comparisonRows(reportWith(before, sampleBuild({image: 'dockwiz-after', phases: passed})));
		expect(rows.find(row => row.label === 'Cold build')?.before).toBe('50.3 s');
		expect(rows.find(row => row.label === 'Warm rebuild')?.before).toBe('failed');
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
