import {describe, expect, it} from 'vitest';
import {summarize} from '../../source/report/summary.js';
import {sampleBuild, sideError} from './sample.js';

describe('summarize', () => {
	it('divides after by before for size, cold build and rebuild', () => {
		const summary = summarize({
			before: sampleBuild({sizeBytes: 1_000, buildSeconds: 50, rebuildSeconds: 20}),
			after: sampleBuild({sizeBytes: 250, buildSeconds: 25, rebuildSeconds: 2}),
		});
		expect(summary).toEqual({sizeRatio: 0.25, buildTimeRatio: 0.5, rebuildTimeRatio: 0.1, dependencyRebuildTimeRatio: null});
	});

	it('compares a side whose image built though its container failed, and never a phase that did not pass', () => {
		const phases = {context: 'passed', pull: 'passed', build: 'passed', rebuild: 'failed', smoke: 'not run'} as const;
		const after = sampleBuild({ok: false, sizeBytes: 250_000_000, buildSeconds: 25.15, rebuildSeconds: 1, phases, error: sideError('exit 2', {phase: 'rebuild'})});
		const ratios = summarize({before: sampleBuild(), after});
		expect(ratios.sizeRatio).toBeCloseTo(250 / 1090);
		expect(ratios.buildTimeRatio).toBeCloseTo(0.5);
		expect(ratios.rebuildTimeRatio).toBeNull();
	});

	it('gives null ratios when a side failed, even with partial numbers', () => {
		const failedAfter = summarize({before: sampleBuild(), after: sampleBuild({ok: false, error: sideError('pip failed'), sizeBytes: 5})});
		expect(failedAfter).toEqual({sizeRatio: null, buildTimeRatio: null, rebuildTimeRatio: null, dependencyRebuildTimeRatio: null});
		const failedBefore = summarize({before: sampleBuild({ok: false}), after: sampleBuild()});
		expect(failedBefore.sizeRatio).toBeNull();
	});

	it('divides the dependency-change rebuilds when both sides measured one', () => {
		const summary = summarize({before: sampleBuild({dependencyRebuildSeconds: 40}), after: sampleBuild({dependencyRebuildSeconds: 4})});
		expect(summary.dependencyRebuildTimeRatio).toBe(0.1);
		expect(summarize({before: sampleBuild({dependencyRebuildSeconds: 40}), after: sampleBuild({dependencyRebuildSeconds: null})}).dependencyRebuildTimeRatio).toBeNull();
	});

	it('gives null for a metric that was not measured', () => {
		const summary = summarize({before: sampleBuild({rebuildSeconds: null}), after: sampleBuild()});
		expect(summary.rebuildTimeRatio).toBeNull();
		expect(summary.sizeRatio).toBe(1);
	});
});
