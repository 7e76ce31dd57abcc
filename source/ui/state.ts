// The wizard's state machine: one reducer, pure, tested without rendering.
// Keys live in useInput hooks and work lives in App's effects; both only dispatch here.

import {exitCodeFor, proposalWithEdit, type Opened, type StepFailure} from '../flow/index.js';
import {emptyLog, withLine, type BoundedLog} from '../report/bounded-log.js';
import type {
	BaseImageNote,
	BuildPhase,
	DockwizReport,
	EditableFile,
	EngineEvent,
	EngineInfo,
	Finding,
	Measurement,
	ProjectReport,
	Proposal,
	ProposalChoices,
	PullRecord,
	Side,
	WriteOutcome,
} from '../types.js';
import type {StepScreen} from './frame-text.js';
import type {ExplainEvent} from '../explain-types.js';
import {applyExplainEvent, finishExplain, startExplain, type ExplainProgress} from './explain-state.js';
import {foldPull, type PullTally} from '../report/pull-tally.js';

/** The wizard's steps (frame-text.ts), and the screen a failure ends on. */
export type ScreenName = StepScreen | 'failed';

export type StepProgress = {index: number; total: number; instruction: string};

export type BuiltOutcome = {ok: boolean; seconds: number; error?: string};

export type SmokeProgress = {status: 'start' | 'ok' | 'fail'; httpStatus?: number; seconds?: number};

export type SideProgress = {
	/** The build phase this side is in, or null before its first step. */
	phase: BuildPhase | null;
	step: StepProgress | null;
	/** The last few lines of build output. */
	logTail: string[];
	/** The whole build output, bounded (the log viewer). */
	log: BoundedLog;
	/** When the running build or rebuild began (for the elapsed clock); null when idle. */
	runningSinceMs: number | null;
	build: BuiltOutcome | null;
	rebuild: BuiltOutcome | null;
	smoke: SmokeProgress | null;
};

export type PullProgress = {
	image: string;
	status: string;
	/** Each layer's state and bytes (report/pull-tally.ts), summed for the image's progress. */
	layers: PullTally;
	/** When its pull began and when its last event came, for the speed and the time left. */
	startedAtMs: number;
	updatedAtMs: number;
	/** How it ended: present, pulled or failed, with bytes and seconds. */
	record: PullRecord | null;
	/** Why it failed, with the fix. */
	message: string | null;
};

export type EnginePhase = 'pull' | 'build' | 'rebuild' | 'smoke' | 'cleanup';

export type BuildProgress = {
	engine: EngineInfo | null;
	phase: EnginePhase | null;
	phaseSide: Side | null;
	run: number | null;
	runs: number | null;
	pulls: PullProgress[];
	before: SideProgress;
	after: SideProgress;
	warnings: string[];
	startedAtMs: number | null;
};

export type Task = 'writing' | 'saving' | 'editing';

export type State = {
	screen: ScreenName;
	scanMessages: string[];
	report: ProjectReport | null;
	choices: ProposalChoices | null;
	findings: Finding[];
	proposal: Proposal | null;
	build: BuildProgress;
	measurement: Measurement | null;
	/** Why measuring stopped, when it threw (an unreachable engine, a bug). */
	measureError: string | null;
	/** Enter on the proposal skipped the build, or `w` wrote without building. */
	buildSkipped: boolean;
	/** `w` on the proposal: write without building. */
	writeAsked: boolean;
	/** The report the flow assembled on reaching the summary (with the proposed context). */
	result: DockwizReport | null;
	/** The write or save the flags asked for failed: the run ends with its code. */
	stepFailure: StepFailure | null;
	task: Task | null;
	written: WriteOutcome | null;
	savedReportPath: string | null;
	/** Short messages for the user about actions (a write that failed, --dry-run...). */
	notices: string[];
	failure: {message: string; exitCode: number} | null;
	/** Ctrl+C was pressed: running work is aborting and cleaning up. */
	interrupted: boolean;
	/** The proposed base images the engine lacks, for the Dockerfile they were checked for. */
	baseNotes: {dockerfile: string; notes: BaseImageNote[]} | null;
	/** Set once: the root sees it and exits with it. */
	exitCode: number | null;
	/** The measured explanation's progress (the Summary's `e`, or --explain). */
	explain: ExplainProgress;
	/** How many times the user edited the proposal and rebuilt the after side (each a new measurement). */
	attempt: number;
	/** The full-log viewer is open over the Build or Summary screen. */
	logsOpen: boolean;
};

/** Moves through the screens: the scan, the advice, the build and the report. */
type StepAction =
	| {type: 'scanProgress'; message: string}
	| {type: 'scanned'; report: ProjectReport; choices: ProposalChoices; findings: Finding[]; proposal: Proposal}
	| {type: 'failed'; message: string; exitCode: number}
	| {type: 'advised'; choices: ProposalChoices; findings: Finding[]; proposal: Proposal}
	| {type: 'showProposal'}
	| {type: 'back'}
	| {type: 'buildStarted'; atMs: number}
	| {type: 'engineEvent'; event: EngineEvent; atMs: number}
	| {type: 'measured'; measurement: Measurement}
	| {type: 'measureFailed'; message: string}
	| {type: 'skipBuild'; write: boolean}
	| {type: 'reported'; report: DockwizReport}
	| {type: 'explainStarted'; atMs: number}
	| {type: 'explainEvent'; event: ExplainEvent | EngineEvent; atMs: number}
	| {type: 'explained'; report: DockwizReport | null; error: string | null}
	| {type: 'baseImagesChecked'; dockerfile: string; notes: BaseImageNote[]}
	/** The user saved an edit of a proposed file: rebuild the after side with it. */
	| {type: 'edited'; file: EditableFile; text: string; atMs: number}
	| {type: 'logs'; open: boolean};

/** The actions on the summary, notices, Ctrl+C and the end. */
type OutcomeAction =
	| {type: 'concluded'; failure: StepFailure | null}
	| {type: 'taskStarted'; task: Task}
	| {type: 'written'; outcome: WriteOutcome}
	| {type: 'reportSaved'; path: string}
	| {type: 'taskFailed'; message: string}
	| {type: 'notice'; message: string}
	| {type: 'interrupt'}
	| {type: 'settled'}
	| {type: 'quit'};

export type Action = StepAction | OutcomeAction;

const outcomeActions = new Set<Action['type']>(['concluded', 'taskStarted', 'written', 'reportSaved', 'taskFailed', 'notice', 'interrupt', 'settled', 'quit']);

function isOutcomeAction(action: Action): action is OutcomeAction {
	return outcomeActions.has(action.type);
}

const logTailLines = 8;
const maxScanMessages = 50;
const maxNotices = 4;

export function idleSide(): SideProgress {
	return {phase: null, step: null, logTail: [], log: emptyLog(), runningSinceMs: null, build: null, rebuild: null, smoke: null};
}

export function idleBuild(): BuildProgress {
	return {
		engine: null,
		phase: null,
		phaseSide: null,
		run: null,
		runs: null,
		pulls: [],
		before: idleSide(),
		after: idleSide(),
		warnings: [],
		startedAtMs: null,
	};
}

export const initialState: State = {
	screen: 'scan',
	scanMessages: [],
	report: null,
	choices: null,
	findings: [],
	proposal: null,
	build: idleBuild(),
	measurement: null,
	measureError: null,
	buildSkipped: false,
	writeAsked: false,
	result: null,
	stepFailure: null,
	task: null,
	written: null,
	savedReportPath: null,
	notices: [],
	failure: null,
	interrupted: false,
	baseNotes: null,
	exitCode: null,
	// Spelled out, not explain-state's idleExplain: that module reads visibleLine from this one.
	explain: {running: false, current: null, done: 0, instruction: null, logTail: [], startedAtMs: null, lastEventAtMs: null, error: null},
	attempt: 0,
	logsOpen: false,
};

/** The scanned project and its current advice, once the scan is done. */
export function openedOf({report, choices, proposal, findings}: Pick<State, 'report' | 'choices' | 'proposal' | 'findings'>): Opened | null {
	return report && choices && proposal ? {report, choices, findings, proposal} : null;
}

/** The Summary offers `x` (measure each change in turn) once something was measured. */
export function canExplain(state: Pick<State, 'measurement'>): boolean {
	return state.measurement !== null;
}

/** Fix in place: the Summary of a measured run whose after side failed offers to edit the proposal and rebuild. */
export function canEdit(state: Pick<State, 'screen' | 'measurement' | 'result'>): boolean {
	return state.screen === 'summary' && state.result !== null && state.measurement !== null && !state.measurement.builds.after.ok;
}

/** The flow's exit code for where the wizard ended. */
export function outcomeExitCode(state: State): number {
	return exitCodeFor({
		measurement: state.measurement,
		measureError: state.measureError,
		failure: state.failure ?? state.stepFailure,
		interrupted: state.interrupted,
	});
}

function pushLimited<T>(list: T[], item: T, limit: number): T[] {
	const next = [...list, item];
	return next.length > limit ? next.slice(next.length - limit) : next;
}

function updateSide(build: BuildProgress, side: Side, update: (progress: SideProgress) => SideProgress): BuildProgress {
	return {...build, [side]: update(build[side])};
}

function applyPull(pulls: PullProgress[], event: Extract<EngineEvent, {type: 'pull'}>, atMs: number): PullProgress[] {
	const index = pulls.findIndex(pull => pull.image === event.image);
	const previous: PullProgress = index === -1 ? {image: event.image, status: event.status, layers: {}, startedAtMs: atMs, updatedAtMs: atMs, record: null, message: null} : pulls[index];
	const next: PullProgress = {
		...previous,
		status: event.status,
		layers: foldPull(previous.layers, event),
		updatedAtMs: atMs,
		record: event.pull?.record ?? previous.record,
		message: event.pull?.message ?? previous.message,
	};
	return index === -1 ? [...pulls, next] : pulls.map((pull, i) => (i === index ? next : pull));
}

// Build output may carry colours, cursor moves and carriage-return progress bars; on a
// fixed layout only the visible text of the last redraw belongs. (Matching control
// characters is the point of these two patterns.)
/* eslint-disable no-control-regex */
const escapeSequences = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/* eslint-enable no-control-regex */

export function visibleLine(line: string): string {
	const lastRedraw = line.replace(/\r+$/, '').split('\r').at(-1) ?? '';
	return lastRedraw.replace(escapeSequences, '').replace(controlCharacters, '').replace(/\t/g, '  ').trimEnd();
}

/** Folds one engine event into the build progress; `atMs` stamps the elapsed clocks. */
export function applyEngineEvent(build: BuildProgress, event: EngineEvent, atMs: number): BuildProgress {
	switch (event.type) {
		case 'engine': {
			return {...build, engine: event.info};
		}

		case 'phase': {
			return {...build, phase: event.phase, phaseSide: event.side ?? null, run: event.run ?? null, runs: event.runs ?? null};
		}

		case 'pull': {
			return {...build, pulls: applyPull(build.pulls, event, atMs)};
		}

		case 'step': {
			return updateSide(build, event.side, side => ({
				...side,
				phase: event.phase,
				step: {index: event.index, total: event.total, instruction: visibleLine(event.instruction)},
				log: withLine(side.log, `Step ${event.index}/${event.total} : ${visibleLine(event.instruction)}`),
				// A new phase starts its own clock; later steps of the same phase keep it.
				runningSinceMs: side.runningSinceMs !== null && side.phase === event.phase ? side.runningSinceMs : atMs,
			}));
		}

		case 'log': {
			const line = visibleLine(event.line);
			if (line.trim() === '') return build;
			return updateSide(build, event.side, side => ({...side, logTail: pushLimited(side.logTail, line, logTailLines), log: withLine(side.log, line)}));
		}

		case 'built': {
			const outcome: BuiltOutcome = {ok: event.ok, seconds: event.seconds};
			if (event.error !== undefined) outcome.error = event.error;
			return updateSide(build, event.side, side => ({
				...side,
				phase: event.phase,
				runningSinceMs: null,
				[event.phase]: outcome,
			}));
		}

		case 'smoke': {
			const smoke: SmokeProgress = {status: event.status};
			if (event.httpStatus !== undefined) smoke.httpStatus = event.httpStatus;
			if (event.seconds !== undefined) smoke.seconds = event.seconds;
			return updateSide(build, event.side, side => ({...side, smoke}));
		}

		case 'warning': {
			return {...build, warnings: pushLimited(build.warnings, event.message, 5)};
		}
	}
}

function stepReducer(state: State, action: StepAction): State {
	switch (action.type) {
		case 'scanProgress': {
			if (state.screen !== 'scan') return state;
			return {...state, scanMessages: pushLimited(state.scanMessages, action.message, maxScanMessages)};
		}

		case 'scanned': {
			if (state.screen !== 'scan') return state;
			return {
				...state,
				screen: 'findings',
				report: action.report,
				choices: action.choices,
				findings: action.findings,
				proposal: action.proposal,
			};
		}

		case 'failed': {
			return {...state, screen: 'failed', failure: {message: action.message, exitCode: action.exitCode}};
		}

		case 'advised': {
			if (state.screen !== 'findings' && state.screen !== 'proposal') return state;
			return {...state, choices: action.choices, findings: action.findings, proposal: action.proposal};
		}

		case 'showProposal': {
			return state.screen === 'findings' ? {...state, screen: 'proposal'} : state;
		}

		case 'back': {
			return state.screen === 'proposal' ? {...state, screen: 'findings'} : state;
		}

		case 'buildStarted': {
			if (state.screen !== 'proposal') return state;
			return {...state, screen: 'build', build: {...idleBuild(), startedAtMs: action.atMs}, measurement: null, measureError: null};
		}

		case 'engineEvent': {
			if (state.screen !== 'build') return state;
			return {...state, build: applyEngineEvent(state.build, action.event, action.atMs)};
		}

		case 'measured': {
			if (state.screen !== 'build') return state;
			return {...state, screen: 'summary', measurement: action.measurement, logsOpen: false};
		}

		case 'measureFailed': {
			if (state.screen !== 'build') return state;
			// After an edit, the earlier measurement is not this proposal's: it is not shown as if it were.
			return {...state, screen: 'summary', measureError: action.message, logsOpen: false, measurement: state.attempt > 0 ? null : state.measurement};
		}

		case 'skipBuild': {
			return state.screen === 'proposal' ? {...state, screen: 'summary', buildSkipped: true, writeAsked: action.write} : state;
		}

		case 'reported': {
			return state.screen === 'summary' ? {...state, result: action.report} : state;
		}

		case 'explainStarted': {
			return state.screen === 'summary' && !state.explain.running ? {...state, explain: startExplain(action.atMs)} : state;
		}

		case 'explainEvent': {
			return state.explain.running ? {...state, explain: applyExplainEvent(state.explain, action.event, action.atMs)} : state;
		}

		case 'explained': {
			return {...state, result: action.report ?? state.result, explain: finishExplain(state.explain, action.error)};
		}

		case 'baseImagesChecked': {
			return {...state, baseNotes: {dockerfile: action.dockerfile, notes: action.notes}};
		}

		case 'edited': {
			if (state.screen !== 'summary' || !state.proposal || !state.measurement) return state;
			// The before stands as measured; only the after is built again, live.
			const build = {...idleBuild(), startedAtMs: action.atMs, engine: state.build.engine, before: state.build.before};
			return {
				...state,
				screen: 'build',
				proposal: proposalWithEdit(state.proposal, action.file, action.text),
				build,
				attempt: state.attempt + 1,
				measureError: null,
				result: null,
				written: null,
				task: null,
				logsOpen: false,
			};
		}

		case 'logs': {
			return state.screen === 'build' || state.screen === 'summary' ? {...state, logsOpen: action.open} : state;
		}
	}
}

function outcomeReducer(state: State, action: OutcomeAction): State {
	switch (action.type) {
		case 'concluded': {
			if (!action.failure) return {...state, task: null};
			return {...state, task: null, stepFailure: action.failure, notices: pushLimited(state.notices, action.failure.message, maxNotices)};
		}

		case 'taskStarted': {
			if (state.task !== null) return state;
			return {...state, task: action.task};
		}

		case 'written': {
			return {...state, task: null, written: action.outcome};
		}

		case 'reportSaved': {
			return {...state, task: null, savedReportPath: action.path};
		}

		case 'taskFailed': {
			return {...state, task: null, notices: pushLimited(state.notices, action.message, maxNotices)};
		}


		case 'notice': {
			return {...state, notices: pushLimited(state.notices, action.message, maxNotices)};
		}

		case 'interrupt': {
			return {...state, interrupted: true};
		}

		case 'settled': {
			return state.interrupted ? {...state, exitCode: outcomeExitCode(state)} : state;
		}

		case 'quit': {
			// Work in flight (a scan, a build, the report, a write) must finish or be interrupted first.
			if (state.task !== null || state.explain.running || state.screen === 'build' || state.screen === 'scan' || (state.screen === 'summary' && state.result === null)) return state;
			return {...state, exitCode: outcomeExitCode(state)};
		}
	}
}

export function reducer(state: State, action: Action): State {
	// After Ctrl+C only the work settling and the final exit matter.
	if (state.exitCode !== null) return state;
	if (state.interrupted && action.type !== 'settled') return state;
	return isOutcomeAction(action) ? outcomeReducer(state, action) : stepReducer(state, action);
}
