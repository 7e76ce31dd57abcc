import type {Spread} from '../types.js';

/** Median with min and max of repeated runs (the median of an even count is the mean of the middle two). */
export function spreadOf(values: readonly number[]): Spread | null {
	if (values.length === 0) {
		return null;
	}

	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return {median, min: sorted[0], max: sorted.at(-1) ?? median, runs: [...values]};
}
