// The whole sequence back to back, for the run that asks nothing (headless): open, measure
// when building, conclude, and the exit code.

import type {DockwizReport, EngineEvent, Options, Work} from '../types.js';
import {exitCodeWithBudgets} from '../ci/budgets.js';
import type {ExplainEvent} from '../explain-types.js';
import {exitCodeFor, type Measured, type StepFailure} from './decisions.js';
import {explainRun} from './explain-step.js';
import {concludeRun, measureRun, notMeasured, openRun, type ConcludeHooks, type Opened} from './steps.js';

export type FlowHooks = ConcludeHooks & {
	onScanProgress?(message: string): void;
	/** Scanned and advised; measuring (when building) comes next. */
	onAdvised?(run: Opened): void;
	onEngineEvent?(event: EngineEvent): void;
	onMeasureError?(message: string): void;
	/** --explain: each step's progress, and why it stopped when it did. */
	onExplainEvent?(event: ExplainEvent | EngineEvent): void;
	onExplainError?(message: string): void;
};

export type FlowResult = {report: DockwizReport; code: number; failure: StepFailure | null};

export async function runFlow(work: Work, options: Options, hooks: FlowHooks, signal: AbortSignal): Promise<FlowResult> {
	const opened = await openRun(work, options, message => hooks.onScanProgress?.(message), signal);
	hooks.onAdvised?.(opened);
	let measured: Measured = options.build ? await measureRun(work, opened, event => hooks.onEngineEvent?.(event), signal) : notMeasured;
	if (measured.measureError !== null) hooks.onMeasureError?.(measured.measureError);
	if (options.explain && options.build) {
		const explained = await explainRun(work, {...opened, ...measured}, event => hooks.onExplainEvent?.(event), signal);
		measured = {...measured, explanation: explained.explanation};
		if (explained.explainError !== null) hooks.onExplainError?.(explained.explainError);
	}

	const concluded = await concludeRun(work, options, {...opened, ...measured}, hooks);
	const code = exitCodeFor({...measured, failure: concluded.failure, interrupted: false});
	return {report: concluded.report, failure: concluded.failure, code: exitCodeWithBudgets(code, concluded.report.budgets)};
}
