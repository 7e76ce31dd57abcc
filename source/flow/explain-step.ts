// --explain in the flow: after a measurement whose after built, measure each change in turn.
// Like the measurement, an error a user can fix and an abort end the run; anything else
// stops the explanation only, and the run goes on to its report with the reason.
import type {ExplainEvent} from '../explain-types.js';
import type {EngineEvent, Work} from '../types.js';
import {UserError} from '../types.js';
import type {Measured} from './decisions.js';
import type {Opened} from './steps.js';

export type Explained = {explanation: Measured['explanation']; explainError: string | null};

/** Why no explanation is measured after this measurement, or null when it can be. */
export function explainBlocked(work: Work, measured: Measured): string | null {
	if (!work.explain) return 'This run cannot explain the image (no engine work).';
	if (measured.measurement === null) return 'Nothing was measured, so there is nothing to explain.';
	if (!measured.measurement.builds.after.ok) return 'The proposed image did not build and answer, so its changes cannot be measured one by one. Fix the failure first.';
	return null;
}

export async function explainRun(work: Work, run: Opened & Measured, onEvent: (event: ExplainEvent | EngineEvent) => void, signal: AbortSignal): Promise<Explained> {
	const blocked = explainBlocked(work, run);
	if (blocked !== null || !work.explain) return {explanation: null, explainError: blocked};
	try {
		return {explanation: await work.explain(run.report, run.proposal, onEvent, signal), explainError: null};
	} catch (error) {
		if (signal.aborted || error instanceof UserError) throw error;
		return {explanation: null, explainError: error instanceof Error ? error.message : String(error)};
	}
}
