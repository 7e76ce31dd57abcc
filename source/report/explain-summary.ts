// The waterfall as numbers a renderer shows: each step's size and warm rebuild with its delta
// from the step before (what that change bought), and the sum check: the steps' size deltas
// add up to the first-to-last difference, set beside the before/after measured in the same run.
import type {Explanation, ExplainStep} from '../explain-types.js';
import type {Builds} from '../types.js';

export type WaterfallRow = {
	change: string;
	sizeBytes: number | null;
	/** Size minus the previous step's; null for the first step or when either is missing. */
	sizeDeltaBytes: number | null;
	rebuildSeconds: number | null;
	rebuildDeltaSeconds: number | null;
	buildSeconds: number | null;
	contextBytes: number | null;
	ok: boolean;
	error: string | null;
};

export type SumCheck = {
	/** The steps' size deltas, added up. */
	stepDeltasBytes: number;
	/** Last step's size minus the first's. */
	firstToLastBytes: number;
	adds: boolean;
	/** The before/after measurement of the same run, for comparison (null when it has none). */
	measuredDeltaBytes: number | null;
};

const delta = (value: number | null, previous: number | null | undefined) => (value === null || previous === null || previous === undefined ? null : value - previous);

export function waterfallRows(steps: ExplainStep[]): WaterfallRow[] {
	return steps.map((step, index) => ({
		change: step.change,
		sizeBytes: step.sizeBytes,
		sizeDeltaBytes: index === 0 ? null : delta(step.sizeBytes, steps[index - 1].sizeBytes),
		rebuildSeconds: step.rebuildSeconds,
		rebuildDeltaSeconds: index === 0 ? null : delta(step.rebuildSeconds, steps[index - 1].rebuildSeconds),
		buildSeconds: step.buildSeconds,
		contextBytes: step.contextBytes,
		ok: step.error === null && step.sizeBytes !== null,
		error: step.error,
	}));
}

/** Null when a step has no size (a step failed to build): then the deltas cannot add up. */
export function sumCheckOf(explanation: Pick<Explanation, 'steps'>, builds: Builds | null): SumCheck | null {
	const rows = waterfallRows(explanation.steps);
	const first = rows[0]?.sizeBytes;
	const last = rows.at(-1)?.sizeBytes;
	if (rows.length < 2 || rows.some(row => row.sizeBytes === null) || first === null || last === null || first === undefined || last === undefined) return null;
	const stepDeltasBytes = rows.slice(1).reduce((sum, row) => sum + (row.sizeDeltaBytes ?? 0), 0);
	const measured = builds?.before.sizeBytes !== null && builds?.after.sizeBytes !== null && builds ? (builds.after.sizeBytes ?? 0) - (builds.before.sizeBytes ?? 0) : null;
	return {stepDeltasBytes, firstToLastBytes: last - first, adds: stepDeltasBytes === last - first, measuredDeltaBytes: measured};
}
