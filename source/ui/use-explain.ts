// The Summary's `e` (and --explain in the wizard): measure each change in turn with the flow's
// explainRun, show its progress live, then put the explanation into the report (and save the
// report again when --report saved it already).
import {useCallback, useEffect, useRef, type Dispatch} from 'react';
import {explainRun, saveReportFile, type Opened} from '../flow/index.js';
import {sumCheckOf} from '../report/explain-summary.js';
import type {Options, Work} from '../types.js';
import type {Action, State} from './state.js';

type Tracker = {track: <T>(promise: Promise<T>) => Promise<T>; signal: () => AbortSignal};

export function useExplainAction({options, work}: {options: Options; work: Work}, state: State, opened: Opened | null, dispatch: Dispatch<Action>, {track, signal}: Tracker): () => void {
	const {result, measurement, measureError, explain, savedReportPath} = state;
	return useCallback(() => {
		if (!opened || !result || explain.running || result.explain) return;
		dispatch({type: 'explainStarted', atMs: Date.now()});
		const aborted = signal();
		void track(explainRun(work, {...opened, measurement, measureError}, event => dispatch({type: 'explainEvent', event, atMs: Date.now()}), aborted).then(async explained => {
			const report = explained.explanation ? {...result, explain: {...explained.explanation, sumCheck: sumCheckOf(explained.explanation, result.builds)}} : null;
			dispatch({type: 'explained', report, error: explained.explainError});
			if (report && savedReportPath && !options.dryRun) {
				const saved = await saveReportFile(work, savedReportPath, report);
				dispatch(saved.ok ? {type: 'reportSaved', path: saved.value} : {type: 'taskFailed', message: saved.failure.message});
			}

			if (options.yes) dispatch({type: 'quit'});
		}, (error: unknown) => aborted.aborted || dispatch({type: 'explained', report: null, error: error instanceof Error ? error.message : String(error)})));
	}, [opened, result, measurement, measureError, explain.running, savedReportPath, options.dryRun, options.yes, dispatch, signal, track, work]);
}

/** --explain: once the summary has its report, the explanation starts by itself (once). */
export function useAutoExplain(options: Options, state: State, actions: {explain(): void}): void {
	const started = useRef(false);
	const ready = state.screen === 'summary' && state.result !== null && state.task === null && state.measurement !== null;
	useEffect(() => {
		if (!options.explain || !ready || started.current) return;
		started.current = true;
		actions.explain();
	}, [options.explain, ready, actions]);
}
