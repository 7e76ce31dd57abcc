// The wizard's side of the flow: the flow's steps (flow/steps.ts) started as the screens
// are reached, the answers to its questions, --yes answering them, Ctrl+C, and the exit.
// It decides nothing the headless run decides differently: choices, writes, the report and
// the exit code come from the flow.

import {useCallback, useEffect, useMemo, useRef, type Dispatch} from 'react';
import {useInput} from 'ink';
import {concludeRun, failureOf, isRefusal, reportNotSavedNotice, measureRun, noWriteNotices, openRun, adviseWith, remeasureAfter, saveReportFile, writeFiles, type Opened} from '../flow/index.js';
import type {EditableFile, EngineEvent, Options, ProposalChoices, Work} from '../types.js';
import {farewellLines} from './farewell.js';
import {openedOf, type Action, type State} from './state.js';
import {useAutoExplain, useExplainAction} from './use-explain.js';

export const defaultReportPath = 'dockwiz-report.md';

export type WizardFlowProps = {
	options: Options;
	work: Work;
	onExit: (code: number) => void;
	interrupt?: AbortSignal;
	onFarewell?: (lines: string[]) => void;
	/** Hands the terminal to an editor and takes it back (render.tsx); absent in tests. */
	terminal?: TerminalHandoff;
};

export type TerminalHandoff = {suspend(): void; resume(): void};

/** What the screens can ask for. */
export type WizardActions = {
	choose(choices: ProposalChoices): void;
	showProposal(): void;
	back(): void;
	startBuild(): void;
	writeWithoutBuilding(): void;
	write(): void;
	saveReport(): void;
	/** Measures each change in turn (the Summary's `e`). */
	explain(): void;
	/** Opens a proposed file in the user's editor; a saved change rebuilds the after side. */
	edit(file: EditableFile): void;
	showLogs(open: boolean): void;
	quit(): void;
};

function failed(error: unknown): Action {
	const {message, exitCode} = failureOf(error);
	return {type: 'failed', message, exitCode};
}

type Tracker = {
	/** Runs a piece of work so that Ctrl+C can wait for it to settle (it cleans up). */
	track: <T>(promise: Promise<T>) => Promise<T>;
	signal: () => AbortSignal;
	/** Each step starts once, whatever re-renders: true the first time only. */
	begin: (step: string) => boolean;
};

/** Ctrl+C and the process's signals abort the work in flight; the run ends when it has settled. */
function useTrackedWork(dispatch: Dispatch<Action>, interrupt: AbortSignal | undefined): Tracker {
	const controller = useRef(new AbortController());
	const running = useRef(new Set<Promise<unknown>>());
	const begun = useRef(new Set<string>());

	const track = useCallback(<T>(promise: Promise<T>): Promise<T> => {
		running.current.add(promise);
		const forget = () => running.current.delete(promise);
		promise.then(forget, forget);
		return promise;
	}, []);

	const stop = useCallback(() => {
		if (controller.current.signal.aborted) return;
		dispatch({type: 'interrupt'});
		controller.current.abort();
		void Promise.allSettled([...running.current]).then(() => dispatch({type: 'settled'}));
	}, [dispatch]);

	useEffect(() => {
		if (!interrupt) return;
		if (interrupt.aborted) {
			stop();
			return;
		}

		interrupt.addEventListener('abort', stop);
		return () => interrupt.removeEventListener('abort', stop);
	}, [interrupt, stop]);

	useInput((input, key) => {
		if (key.ctrl && input === 'c') stop();
	});

	const signal = useCallback(() => controller.current.signal, []);
	const begin = useCallback((step: string) => {
		if (begun.current.has(step)) return false;
		begun.current.add(step);
		return true;
	}, []);
	return {track, signal, begin};
}

/** The flow's steps, each started once when its screen is reached. */
function useFlowSteps({options, work}: WizardFlowProps, state: State, opened: Opened | null, dispatch: Dispatch<Action>, {track, signal, begin}: Tracker): void {
	const {screen, measurement, measureError, buildSkipped, writeAsked, attempt} = state;

	useEffect(() => {
		if (!begin('scan')) return;
		const aborted = signal();
		track(openRun(work, options, message => dispatch({type: 'scanProgress', message}), aborted)).then(
			run => dispatch({type: 'scanned', ...run}),
			error => aborted.aborted || dispatch(failed(error)),
		);
	}, [begin, dispatch, options, signal, track, work]);

	useEffect(() => {
		if (screen !== 'build' || !opened || !begin(`measure-${attempt}`)) return;
		const aborted = signal();
		const onEvent = (event: EngineEvent) => dispatch({type: 'engineEvent', event, atMs: Date.now()});
		// After an edit, the measurement on view is the one whose before side stands.
		const measuring = attempt > 0 && measurement ? remeasureAfter(work, opened, measurement, onEvent, aborted) : measureRun(work, opened, onEvent, aborted);
		track(measuring).then(
			measured => dispatch(measured.measurement ? {type: 'measured', measurement: measured.measurement} : {type: 'measureFailed', message: measured.measureError ?? 'measuring stopped'}),
			error => aborted.aborted || dispatch(failed(error)),
		);
	}, [screen, opened, attempt, measurement, begin, dispatch, signal, track, work]);

	// On the proposal, before building: which proposed base images the build will pull first.
	const proposedDockerfile = state.proposal?.dockerfile;
	useEffect(() => {
		if (screen !== 'proposal' || !options.build || !proposedDockerfile || !work.baseImageNotes || !begin(`bases ${proposedDockerfile}`)) return;
		void track(work.baseImageNotes(proposedDockerfile)).then(
			notes => dispatch({type: 'baseImagesChecked', dockerfile: proposedDockerfile, notes}),
			() => undefined,
		);
	}, [screen, options.build, proposedDockerfile, begin, dispatch, track, work]);

	useEffect(() => {
		if (screen !== 'summary' || !opened || !begin(`conclude-${attempt}`)) return;
		// What this run turned out to be: `w` on the proposal asks to write, without a build.
		const flags = {...options, build: options.build && !buildSkipped, write: options.write || writeAsked};
		const hooks = {
			onReport: report => dispatch({type: 'reported', report}),
			onTask: task => dispatch({type: 'taskStarted', task}),
			onWritten: outcome => dispatch({type: 'written', outcome}),
			onNotWritten: reason => isRefusal(reason) && dispatch({type: 'notice', message: noWriteNotices[reason]}),
			onSaved: path => dispatch({type: 'reportSaved', path}),
			onNotSaved: message => dispatch({type: 'notice', message}),
		} satisfies Parameters<typeof concludeRun>[3];
		track(concludeRun(work, flags, {...opened, measurement, measureError}, hooks)).then(concluded => {
			dispatch({type: 'concluded', failure: concluded.failure});
			// With --explain the explanation runs first (use-explain.ts quits after it).
			if (options.yes && !(options.explain && measurement)) dispatch({type: 'quit'});
		}, error => dispatch(failed(error)));
	}, [screen, opened, measurement, measureError, buildSkipped, writeAsked, attempt, begin, dispatch, options, track, work]);
}

/** --yes answers every question with the proposal; a failure then ends the run. */
function useAutoAnswers(options: Options, state: State, actions: WizardActions): void {
	const {screen, interrupted} = state;
	useEffect(() => {
		if (!options.yes || interrupted) return;
		if (screen === 'findings') actions.showProposal();
		else if (screen === 'proposal') actions.startBuild();
		else if (screen === 'failed') actions.quit();
	}, [options.yes, interrupted, screen, actions]);
}

function useActions({options, work, terminal}: WizardFlowProps, state: State, opened: Opened | null, dispatch: Dispatch<Action>, tracker: Tracker): WizardActions {
	const {track} = tracker;
	const {task, result} = state;
	const startBuild = useCallback(() => dispatch(options.build ? {type: 'buildStarted', atMs: Date.now()} : {type: 'skipBuild', write: false}), [dispatch, options.build]);
	const choose = useCallback(
		(choices: ProposalChoices) => {
			if (!opened) return;
			try {
				dispatch({type: 'advised', ...adviseWith(work, opened.report, choices)});
			} catch (error) {
				dispatch(failed(error));
			}
		},
		[dispatch, opened, work],
	);
	const write = useCallback(() => {
		if (!opened || task !== null) return;
		dispatch({type: 'taskStarted', task: 'writing'});
		void track(writeFiles(work, opened)).then(written => dispatch(written.ok ? {type: 'written', outcome: written.value} : {type: 'taskFailed', message: written.failure.message}));
	}, [dispatch, opened, task, track, work]);
	const saveReport = useCallback(() => {
		if (!result || task !== null) return;
		if (options.dryRun) {
			dispatch({type: 'notice', message: reportNotSavedNotice(options.report ?? defaultReportPath)});
			return;
		}

		dispatch({type: 'taskStarted', task: 'saving'});
		void track(saveReportFile(work, options.report ?? defaultReportPath, result)).then(saved => dispatch(saved.ok ? {type: 'reportSaved', path: saved.value} : {type: 'taskFailed', message: saved.failure.message}));
	}, [dispatch, options.dryRun, options.report, result, task, track, work]);

	const explain = useExplainAction({options, work}, state, opened, dispatch, tracker);
	const edit = useCallback((file: EditableFile) => {
		if (!opened || task !== null || !work.editText) return;
		dispatch({type: 'taskStarted', task: 'editing'});
		const text = file === 'Dockerfile' ? opened.proposal.dockerfile : opened.proposal.dockerignore;
		// The editor owns the terminal until it exits (editText blocks until then).
		terminal?.suspend();
		const editing = work.editText(file, text);
		terminal?.resume();
		void track(editing).then(outcome => {
			if (!outcome.ok) dispatch({type: 'taskFailed', message: outcome.message});
			else if (!outcome.changed) dispatch({type: 'taskFailed', message: `The ${file} was saved unchanged: nothing to rebuild.`});
			else dispatch({type: 'edited', file, text: outcome.text, atMs: Date.now()});
		});
	}, [dispatch, opened, task, terminal, track, work]);

	return useMemo(() => ({
		choose,
		startBuild,
		write,
		saveReport,
		explain,
		edit,
		showLogs: (open: boolean) => dispatch({type: 'logs', open}),
		showProposal: () => dispatch({type: 'showProposal'}),
		back: () => dispatch({type: 'back'}),
		writeWithoutBuilding: () => dispatch({type: 'skipBuild', write: true}),
		quit: () => dispatch({type: 'quit'}),
	}), [choose, startBuild, write, saveReport, explain, edit, dispatch]);
}

/** Runs the flow for the wizard and ends it: the one place that calls onExit. */
export function useWizardFlow(props: WizardFlowProps, state: State, dispatch: Dispatch<Action>): WizardActions {
	const tracker = useTrackedWork(dispatch, props.interrupt);
	const {report, choices, findings, proposal} = state;
	// One object per advice, not per render: the steps and actions depend on it.
	const opened = useMemo(() => openedOf({report, choices, findings, proposal}), [report, choices, findings, proposal]);
	useFlowSteps(props, state, opened, dispatch, tracker);
	const actions = useActions(props, state, opened, dispatch, tracker);
	useAutoAnswers(props.options, state, actions);
	useAutoExplain(props.options, state, actions);

	const exited = useRef(false);
	const {onExit, onFarewell} = props;
	useEffect(() => {
		if (state.exitCode === null || exited.current) return;
		exited.current = true;
		onFarewell?.(farewellLines(state));
		onExit(state.exitCode);
	}, [state, onExit, onFarewell]);
	return actions;
}
