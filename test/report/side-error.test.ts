// builds.<side>.error in the JSON: where a side failed, in the user's words; logs only with --logs.
import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {renderPlainSummary} from '../../source/report/plain.js';
import {sampleBuild, sampleMeasurement, sampleProject, sampleProposal, sideError} from './sample.js';

const pipTail = ['Collecting nosuchpkg==1.0', 'ERROR: Could not find a version that satisfies the requirement nosuchpkg==1.0 (from versions: none)', 'ERROR: No matching distribution found for nosuchpkg==1.0'];

function failedBefore(includeLogs: boolean) {
	const measurement = sampleMeasurement();
	measurement.builds.before = sampleBuild({
		ok: false,
		sizeBytes: null,
		layers: null,
		buildSeconds: null,
		rebuildSeconds: null,
		user: null,
		smoke: null,
		phases: {context: 'passed', pull: 'passed', build: 'failed', rebuild: 'not run', smoke: 'not run'},
		error: sideError('The command \'/bin/sh -c pip install -r requirements-dev.txt\' returned a non-zero code: 1', {step: 4, instruction: 'RUN pip install -r requirements-dev.txt', exitCode: 1, logTail: pipTail}),
		logs: {build: ['Step 4/5 : RUN pip install -r requirements-dev.txt', ...pipTail, 'token=ghp_abcdefghijklmnopqrstuvwxyz0123456789'], container: [], cutLines: 0},
	});
	return assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement, includeLogs});
}

describe('a failed build step in the report', () => {
	it('carries the phase, step, instruction, exit code and output, and a hint read off that output', () => {
		const {before} = failedBefore(false).builds!;
		expect(before.error).toEqual({
			phase: 'build',
			step: 4,
			instruction: 'RUN pip install -r requirements-dev.txt',
			exitCode: 1,
			message: 'The command \'/bin/sh -c pip install -r requirements-dev.txt\' returned a non-zero code: 1',
			logTail: pipTail,
		});
		expect(before.phases).toEqual({context: 'passed', pull: 'passed', build: 'failed', rebuild: 'not run', smoke: 'not run'});
		expect(before.hints?.map(hint => hint.id)).toEqual(['FH001']);
		expect(before.logs).toBeUndefined();
	});

	it('keeps the whole logs, masked, only with --logs', () => {
		const {before} = failedBefore(true).builds!;
		expect(before.logs?.build).toContain('ERROR: No matching distribution found for nosuchpkg==1.0');
		expect(before.logs?.build.at(-1)).toBe('token=***');
	});

	it('prints the same diagnosis in the plain summary a headless run ends with', () => {
		const text = renderPlainSummary(failedBefore(false));
		expect(text).toContain('FAILED before: build failed at step 4 (RUN pip install -r requirements-dev.txt), exit code 1');
		expect(text).toContain('hint before: FH001');
		expect(text).toContain('before: the failing step\'s last 3 output line(s):');
		expect(text).toContain('  | ERROR: No matching distribution found for nosuchpkg==1.0');
		expect(text).toMatch(/Image size\s+not built\s+128 MB/);
	});
});
