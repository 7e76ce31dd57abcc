// The steps of a run over a Work, in order: open (scan, starting choices, advice), measure,
// conclude (audit the proposed context, assemble the report, write, save). The headless run
// takes them back to back (run.ts); the wizard asks its questions between them.

import {defaultChoices} from '../advice/choices.js';
import {assembleReport} from '../report/assemble.js';
import {checkBudgets} from '../ci/budgets.js';
import {sumCheckOf} from '../report/explain-summary.js';
import {summarize} from '../report/summary.js';
import type {DockwizReport, EditableFile, EngineEvent, Finding, Measurement, Options, ProjectReport, Proposal, ProposalChoices, Work, WriteOutcome} from '../types.js';
import {UserError} from '../types.js';
import {autoWriteDecision, failureOf, reportNotSavedNotice, type Measured, type NoWriteReason, type StepFailure} from './decisions.js';

export type Advice = {choices: ProposalChoices; findings: Finding[]; proposal: Proposal};

/** A scanned project and the advice for the current choices. */
export type Opened = Advice & {report: ProjectReport};

export function adviseWith(work: Work, report: ProjectReport, choices: ProposalChoices): Advice {
	const {findings, proposal} = work.advise(report, choices);
	return {choices, findings, proposal};
}

/** Scans, then advises with the starting choices: the flags over what the scan detected. */
export async function openRun(work: Work, options: Options, onProgress: (message: string) => void, signal: AbortSignal): Promise<Opened> {
	const report = await work.scan(onProgress, signal);
	// The proposal uses cache mounts only where the engine that builds it offers BuildKit.
	const builders = options.build && work.engineBuilders ? await work.engineBuilders() : null;
	return {report, ...adviseWith(work, report, defaultChoices(report, options, builders))};
}

/**
 * Builds and measures before and after. An error a user can fix (no engine) and an abort end
 * the run; anything else stops the measuring only, and the run goes on to its report.
 */
export async function measureRun(work: Work, run: Opened, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<Measured> {
	try {
		return {measurement: await work.measure(run.report, run.proposal, onEvent, signal), measureError: null};
	} catch (error) {
		if (signal.aborted || error instanceof UserError) throw error;
		return {measurement: null, measureError: error instanceof Error ? error.message : String(error)};
	}
}

export const notMeasured: Measured = {measurement: null, measureError: null};

/**
 * After the user edited the proposal: builds and measures the after side alone, and keeps
 * the before the first measurement gave (its numbers do not change with the after's file).
 */
export async function remeasureAfter(work: Work, run: Opened, previous: Measurement, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<Measured> {
	try {
		const fresh = await work.measure(run.report, run.proposal, onEvent, signal, ['after']);
		const builds = {before: previous.builds.before, after: fresh.builds.after};
		return {measurement: {builds, summary: summarize(builds)}, measureError: null};
	} catch (error) {
		if (signal.aborted || error instanceof UserError) throw error;
		return {measurement: null, measureError: error instanceof Error ? error.message : String(error)};
	}
}

/** The proposal with the user's edit of one of its files; the edit is what `w` writes. */
export function proposalWithEdit(proposal: Proposal, file: EditableFile, text: string): Proposal {
	const note = `The ${file} was edited by you after the proposal; the changes listed are the proposal's own.`;
	const warnings = proposal.warnings.includes(note) ? proposal.warnings : [...proposal.warnings, note];
	return file === 'Dockerfile' ? {...proposal, dockerfile: text, warnings} : {...proposal, dockerignore: text, warnings};
}

export type ConcludeHooks = {
	/** The report is assembled (before anything is written). */
	onReport?(report: DockwizReport): void;
	onTask?(task: 'writing' | 'saving'): void;
	onWritten?(outcome: WriteOutcome): void;
	onNotWritten?(reason: NoWriteReason): void;
	onSaved?(path: string): void;
	/** --report with --dry-run: the notice that says it was not saved. */
	onNotSaved?(notice: string): void;
};

export type Concluded = {
	report: DockwizReport;
	written: WriteOutcome | null;
	savedReportPath: string | null;
	/** The write or save that failed; the steps after it were not taken. */
	failure: StepFailure | null;
};

/** The JSON report: the run's pieces and the context the proposed .dockerignore would send. */
export async function reportFor(work: Work, run: Opened & Measured, includeLogs = false): Promise<DockwizReport> {
	const proposedContext = await work.auditProposed(run.report, run.proposal);
	const report = assembleReport({report: run.report, findings: run.findings, proposal: run.proposal, proposedContext, measurement: run.measurement, includeLogs});
	return run.explanation ? {...report, explain: {...run.explanation, sumCheck: sumCheckOf(run.explanation, report.builds)}} : report;
}

export type Attempt<T> = {ok: true; value: T} | {ok: false; failure: StepFailure};

/** Writes the proposal (backups kept); a failure is a value with the message to show. */
export async function writeFiles(work: Work, run: Opened): Promise<Attempt<WriteOutcome>> {
	try {
		return {ok: true, value: await work.write(run.report, run.proposal)};
	} catch (error) {
		return {ok: false, failure: failureOf(error, 'Could not write the files: ')};
	}
}

/** Saves the Markdown report; resolves to the path written, or the failure. */
export async function saveReportFile(work: Work, file: string, report: DockwizReport): Promise<Attempt<string>> {
	try {
		return {ok: true, value: await work.saveReport(file, report)};
	} catch (error) {
		return {ok: false, failure: failureOf(error, 'Could not save the report: ')};
	}
}

/**
 * Assembles the report, writes the files when the flags ask and the decision allows, then
 * saves the report (--report). A failed write or save ends it: the steps after it are not taken.
 */
export async function concludeRun(work: Work, options: Options, run: Opened & Measured, hooks: ConcludeHooks = {}): Promise<Concluded> {
	const report = await reportFor(work, run, options.logs ?? false);
	// --ci: the budgets are checked over the report itself, so the saved report shows them too.
	if (options.ci) report.budgets = checkBudgets(report, options.budgets ?? {}, options.build);
	hooks.onReport?.(report);
	const concluded: Concluded = {report, written: null, savedReportPath: null, failure: null};

	const decision = autoWriteDecision(options, run);
	if (decision.write) {
		hooks.onTask?.('writing');
		const written = await writeFiles(work, run);
		if (!written.ok) return {...concluded, failure: written.failure};
		concluded.written = written.value;
		hooks.onWritten?.(written.value);
	} else {
		hooks.onNotWritten?.(decision.reason);
	}

	if (options.report && options.dryRun) {
		hooks.onNotSaved?.(reportNotSavedNotice(options.report));
	} else if (options.report) {
		hooks.onTask?.('saving');
		const saved = await saveReportFile(work, options.report, report);
		if (!saved.ok) return {...concluded, failure: saved.failure};
		concluded.savedReportPath = saved.value;
		hooks.onSaved?.(saved.value);
	}

	return concluded;
}
