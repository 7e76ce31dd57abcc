// The headline ratios of a comparison: after/before, null when either side has no number.

import type {BuildResult, Builds, Summary} from '../types.js';
import {measuredValue} from './comparison.js';
import {ratio} from './format.js';

function measured(result: BuildResult, key: 'sizeBytes' | 'buildSeconds' | 'rebuildSeconds' | 'dependencyRebuildSeconds'): number | null {
	// Only numbers whose phase passed: a build that broke half-way would make a flattering ratio.
	return measuredValue(result, key) ?? null;
}

export function summarize(builds: Builds): Summary {
	const {before, after} = builds;
	return {
		sizeRatio: ratio(measured(after, 'sizeBytes'), measured(before, 'sizeBytes')),
		buildTimeRatio: ratio(measured(after, 'buildSeconds'), measured(before, 'buildSeconds')),
		rebuildTimeRatio: ratio(measured(after, 'rebuildSeconds'), measured(before, 'rebuildSeconds')),
		dependencyRebuildTimeRatio: ratio(measured(after, 'dependencyRebuildSeconds'), measured(before, 'dependencyRebuildSeconds')),
	};
}
