// The wizard's root: one reducer for the flow, the work sequenced in effects, keys mapped
// to actions, and the one place that decides the exit code.

import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import {useInput} from 'ink';
import {assembleReport} from './report/assemble.js';
import {formatBytes, formatRatio} from './report/format.js';
import type {DockwizReport, Options, ProjectReport, ProposalChoices, Work} from './types.js';
import {UserError} from './types.js';
import {Frame} from './ui/components/frame.js';
import type {KeyBinding} from './ui/components/key-help.js';
import {BuildScreen} from './ui/screens/build-screen.js';
import {FailedScreen} from './ui/screens/failed-screen.js';
import {FindingsScreen} from './ui/screens/findings-screen.js';
import {ProposalScreen} from './ui/screens/proposal-screen.js';
import {ScanScreen} from './ui/screens/scan-screen.js';
import {SummaryScreen} from './ui/screens/summary-screen.js';
import {initialState, reducer, type Action, type State} from './ui/state.js';
import {ThemeContext, colorsEnabled} from './ui/theme.js';
import {frameLines} from './ui/components/frame.js';
import {abortBinding} from './ui/frame-text.js';
import {useTerminalSize} from './ui/use-terminal-size.js';

export type AppProps = {
	options: Options;
	work: Work;
	onExit: (code: number) => void;
	/** Aborted by the process on SIGINT/SIGTERM: handled like Ctrl+C. */
	interrupt?: AbortSignal;
	/** Lines worth keeping after the full screen closes (the headline, files written). */
	onFarewell?: (lines: string[]) => void;
	/** Colours; defaults to off when NO_COLOR is set. */
	color?: boolean;
};

export const defaultReportPath = 'dockwiz-report.md';

export function initialChoices(report: ProjectReport, options: Options): ProposalChoices {
	return {
		flavor: options.base,
		python: options.python ?? report.python.version,
		port: report.port,
		// gunicorn's conventional target when nothing better was found; the proposal warns.
		wsgiTarget: report.wsgiTarget ?? report.wsgiCandidates[0]?.target ?? 'app:app',
	};
}

function messageOf(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}

/** A UserError keeps its exit code; anything else is a failure of dockwiz (exit 1). */
function failure(error: unknown, fallbackExitCode: number): Action {
	if (error instanceof UserError) return {type: 'failed', message: error.message, exitCode: error.exitCode};
	return {type: 'failed', message: messageOf(error), exitCode: fallbackExitCode};
}

function farewellLines(state: State, report: DockwizReport | null): string[] {
	if (state.exitCode === 130) return ['dockwiz: interrupted; the builds were stopped and our containers and images removed.'];
	if (state.failure) return [`dockwiz: ${state.failure.message}`];
	const lines: string[] = [];
	const builds = report?.builds;
	if (builds && report?.summary) {
		lines.push(
			`dockwiz: image ${formatBytes(builds.before.sizeBytes)} -> ${formatBytes(builds.after.sizeBytes)} (${formatRatio(report.summary.sizeRatio)}), warm rebuild ${formatRatio(report.summary.rebuildTimeRatio)} the time.`,
		);
	}

	if (state.measureError) lines.push(`dockwiz: measuring stopped: ${state.measureError}`);
	if (state.written && state.written.written.length > 0) lines.push(`dockwiz: wrote ${state.written.written.join(', ')}${state.written.backups.length > 0 ? ` (backups: ${state.written.backups.join(', ')})` : ''}`);
	if (state.savedReportPath) lines.push(`dockwiz: report saved to ${state.savedReportPath}`);
	return lines;
}

function keysFor(state: State, options: Options): KeyBinding[] {
	if (state.interrupted) return [{keys: 'ctrl+c', action: 'pressed: stopping the work and cleaning up…'}];
	const abort = abortBinding;
	switch (state.screen) {
		case 'scan': {
			return [abort];
		}

		case 'findings': {
			const keys = [
				{keys: '↑↓', action: 'select finding'},
				{keys: 'enter', action: 'see the proposal'},
			];
			if ((state.report?.wsgiCandidates.length ?? 0) > 1) keys.push({keys: '1-9', action: 'choose app'});
			return [...keys, {keys: 'q', action: 'quit'}];
		}

		case 'proposal': {
			return [
				{keys: 'enter', action: options.build ? 'build & compare' : 'finish'},
				{keys: 'tab', action: 'view'},
				{keys: '↑↓', action: 'scroll'},
				{keys: 'f/p/o', action: 'base/python/port'},
				{keys: 'w', action: options.dryRun ? 'write (off: --dry-run)' : 'write, no build'},
				{keys: 'b', action: 'back'},
				{keys: 'q', action: 'quit'},
			];
		}

		case 'build': {
			return [{keys: 'ctrl+c', action: 'abort the builds and clean up'}];
		}

		case 'summary': {
			return [
				{keys: 'w', action: options.dryRun ? 'write (off: --dry-run)' : 'write files (backups kept)'},
				{keys: 'r', action: 'save report'},
				{keys: 'tab', action: 'numbers/what it bought'},
				{keys: '↑↓', action: 'scroll'},
				{keys: 'q', action: 'quit'},
			];
		}

		case 'failed': {
			return [{keys: 'q', action: 'quit'}];
		}
	}
}

export function App({options, work, onExit, interrupt, onFarewell, color}: AppProps) {
	const [state, dispatch] = useReducer(reducer, initialState);
	const {columns, rows} = useTerminalSize();
	const controller = useRef(new AbortController());
	const running = useRef(new Set<Promise<unknown>>());
	const exited = useRef(false);
	const autoSummary = useRef(false);

	/** Runs a piece of work so that Ctrl+C can wait for it to settle (it cleans up). */
	const track = useCallback(<T,>(promise: Promise<T>): Promise<T> => {
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
	}, []);

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

	const advise = useCallback(
		(report: ProjectReport, choices: ProposalChoices) => {
			const advice = work.advise(report, choices);
			return {choices, findings: advice.findings, proposal: advice.proposal};
		},
		[work],
	);

	// Scan once, then advise with the detected defaults and the flags.
	useEffect(() => {
		const signal = controller.current.signal;
		track(work.scan(message => dispatch({type: 'scanProgress', message}), signal)).then(
			report => {
				try {
					dispatch({type: 'scanned', report, ...advise(report, initialChoices(report, options))});
				} catch (error) {
					dispatch(failure(error, 1));
				}
			},
			error => {
				if (!signal.aborted) dispatch(failure(error, 1));
			},
		);
		// The scan runs once per mount.
	}, []);

	const choose = useCallback(
		(choices: ProposalChoices) => {
			if (!state.report) return;
			try {
				dispatch({type: 'advised', ...advise(state.report, choices)});
			} catch (error) {
				dispatch(failure(error, 1));
			}
		},
		[advise, state.report],
	);

	const runWrite = useCallback(() => {
		if (!state.report || !state.proposal) return;
		if (options.dryRun) {
			dispatch({type: 'notice', message: '--dry-run: nothing was written.'});
			return;
		}

		if (state.task !== null) return;
		dispatch({type: 'taskStarted', task: 'writing'});
		track(work.write(state.report, state.proposal)).then(
			outcome => dispatch({type: 'written', outcome}),
			error => dispatch({type: 'taskFailed', message: `Could not write the files: ${messageOf(error)}`}),
		);
	}, [options.dryRun, state.report, state.proposal, state.task, track, work]);

	const report = useMemo(() => {
		if (!state.report || !state.proposal) return null;
		return assembleReport({report: state.report, findings: state.findings, proposal: state.proposal, measurement: state.measurement});
	}, [state.report, state.proposal, state.findings, state.measurement]);

	const runSaveReport = useCallback(() => {
		if (!report || state.task !== null) return;
		if (options.dryRun) {
			dispatch({type: 'notice', message: '--dry-run: the report was not saved.'});
			return;
		}

		dispatch({type: 'taskStarted', task: 'saving'});
		track(work.saveReport(options.report ?? defaultReportPath, report)).then(
			path => dispatch({type: 'reportSaved', path}),
			error => dispatch({type: 'taskFailed', message: `Could not save the report: ${messageOf(error)}`}),
		);
	}, [options.dryRun, options.report, report, state.task, track, work]);

	const startBuild = useCallback(() => {
		if (options.build) dispatch({type: 'buildStarted', atMs: Date.now()});
		else dispatch({type: 'skipBuild'});
	}, [options.build]);

	const writeWithoutBuilding = useCallback(() => {
		if (options.dryRun) {
			dispatch({type: 'notice', message: '--dry-run: nothing was written.'});
			return;
		}

		dispatch({type: 'skipBuild'});
		runWrite();
	}, [options.dryRun, runWrite]);

	// Measure when the build screen opens.
	useEffect(() => {
		if (state.screen !== 'build' || !state.report || !state.proposal) return;
		const signal = controller.current.signal;
		track(work.measure(state.report, state.proposal, event => dispatch({type: 'engineEvent', event, atMs: Date.now()}), signal)).then(
			measurement => dispatch({type: 'measured', measurement}),
			error => {
				if (signal.aborted) return;
				if (error instanceof UserError) dispatch(failure(error, 1));
				else dispatch({type: 'measureFailed', message: messageOf(error)});
			},
		);
		// Only the move to the build screen starts a measurement.
	}, [state.screen]);

	// --yes walks through the screens without questions.
	useEffect(() => {
		if (!options.yes || state.interrupted) return;
		if (state.screen === 'findings') dispatch({type: 'showProposal'});
		else if (state.screen === 'proposal') startBuild();
	}, [options.yes, state.screen, state.interrupted, startBuild]);

	// On the summary: --write and --report act without asking; --yes then finishes.
	useEffect(() => {
		if (state.screen !== 'summary' || autoSummary.current || !report) return;
		autoSummary.current = true;
		const afterFailed = report.builds !== null && !report.builds.after.ok;
		void (async () => {
			if (options.write && !options.dryRun && !state.written) {
				if (afterFailed) {
					dispatch({type: 'notice', message: 'The proposed image did not build, so nothing was written (--write).'});
				} else {
					dispatch({type: 'taskStarted', task: 'writing'});
					try {
						dispatch({type: 'written', outcome: await track(work.write(state.report!, state.proposal!))});
					} catch (error) {
						dispatch({type: 'taskFailed', message: `Could not write the files: ${messageOf(error)}`});
					}
				}
			}

			if (options.report && options.dryRun) {
				dispatch({type: 'notice', message: `--dry-run: the report was not saved (it would go to ${options.report}).`});
			} else if (options.report) {
				dispatch({type: 'taskStarted', task: 'saving'});
				try {
					dispatch({type: 'reportSaved', path: await track(work.saveReport(options.report, report))});
				} catch (error) {
					dispatch({type: 'taskFailed', message: `Could not save the report: ${messageOf(error)}`});
				}
			}

			if (options.yes) dispatch({type: 'quit'});
		})();
	}, [state.screen, report, options, state.written, state.report, state.proposal, track, work]);

	// With --yes a failure ends the run: nobody is there to read the screen.
	useEffect(() => {
		if (options.yes && state.screen === 'failed') dispatch({type: 'quit'});
	}, [options.yes, state.screen]);

	// The one place that exits.
	useEffect(() => {
		if (state.exitCode === null || exited.current) return;
		exited.current = true;
		onFarewell?.(farewellLines(state, report));
		onExit(state.exitCode);
	}, [state, report, onExit, onFarewell]);

	const quit = useCallback(() => dispatch({type: 'quit'}), []);
	const bodyHeight = Math.max(1, rows - frameLines);
	const active = !state.interrupted && state.exitCode === null;
	const theme = useMemo(() => ({color: color ?? colorsEnabled(process.env)}), [color]);

	let body;
	switch (state.screen) {
		case 'scan': {
			body = <ScanScreen dir={options.dir} messages={state.scanMessages} height={bodyHeight} />;
			break;
		}

		case 'findings': {
			body = (
				<FindingsScreen
					report={state.report!}
					findings={state.findings}
					wsgiTarget={state.choices!.wsgiTarget}
					width={columns}
					height={bodyHeight}
					isActive={active && !options.yes}
					onChooseTarget={target => choose({...state.choices!, wsgiTarget: target})}
					onContinue={() => dispatch({type: 'showProposal'})}
					onQuit={quit}
				/>
			);
			break;
		}

		case 'proposal': {
			body = (
				<ProposalScreen
					proposal={state.proposal!}
					choices={state.choices!}
					detectedPort={state.report!.port}
					existing={{dockerfile: state.report!.dockerfile !== null, dockerignore: state.report!.dockerignore !== null}}
					build={options.build}
					notice={state.notices.at(-1)}
					width={columns}
					height={bodyHeight}
					isActive={active && !options.yes}
					onChoose={choose}
					onBuild={startBuild}
					onWrite={writeWithoutBuilding}
					onBack={() => dispatch({type: 'back'})}
					onQuit={quit}
				/>
			);
			break;
		}

		case 'build': {
			body = (
				<BuildScreen build={state.build} baseline={state.report?.dockerfile === null} interrupted={state.interrupted} width={columns} height={bodyHeight} />
			);
			break;
		}

		case 'summary': {
			body = report ? (
				<SummaryScreen
					report={report}
					measureError={state.measureError}
					task={state.task}
					written={state.written}
					savedReportPath={state.savedReportPath}
					notices={state.notices}
					width={columns}
					height={bodyHeight}
					isActive={active}
					onWrite={runWrite}
					onSaveReport={runSaveReport}
					onQuit={quit}
				/>
			) : null;
			break;
		}

		case 'failed': {
			body = <FailedScreen message={state.failure?.message ?? ''} width={columns} isActive={active} onQuit={quit} />;
			break;
		}
	}

	return (
		<ThemeContext.Provider value={theme}>
			<Frame screen={state.screen} columns={columns} rows={rows} keys={keysFor(state, options)} context={state.report?.root ?? options.dir}>
				{body}
			</Frame>
		</ThemeContext.Provider>
	);
}
