import {describe, expect, it} from 'vitest';
import {summarize} from '../../source/report/summary.js';
import {sampleBuild} from './sample.js';

describe('summarize', () => {
	it('divides after by before for size, cold build and rebuild', () => {
		const summary = summarize({
			before: sampleBuild({sizeBytes: 1_000, buildSeconds: 50, rebuildSeconds: 20}),
			after: sampleBuild({sizeBytes: 250, buildSeconds: 25, rebuildSeconds: 2}),
		});
		expect(summary).toEqual({sizeRatio: 0.25, buildTimeRatio: 0.5, rebuildTimeRatio: 0.1, dependencyRebuildTimeRatio: null});
	});

	it('gives null ratios when a side failed, even with partial numbers', () => {
		const failedAfter = summarize({before: sampleBuild(), after: sampleBuild({ok: false, error: 'pip failed', sizeBytes: 5})});
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
