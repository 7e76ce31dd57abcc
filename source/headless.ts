// The run without Ink (no TTY, CI, --json): the flow's steps back to back (flow/run.ts),
// reported as plain progress lines, then a plain summary or one JSON document. It asks
// nothing and decides nothing of its own: choices, writing and the exit code are the flow's.
import {isRefusal, noWriteNotices, runFlow} from './flow/index.js';
import path from 'node:path';
import {plainEventLine, renderPlainSummary} from './report/plain.js';
import {failedBudgetLines} from './ci/budgets.js';
import {renderDocument, workspacePrefix} from './ci/output.js';
import {UserError, type DockwizReport, type EngineInfo, type Options, type Work} from './types.js';
import {explainEventLine} from './report/explain-lines.js';

export type HeadlessIo = {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
};

export async function runHeadless(options: Options, work: Work, io: HeadlessIo, signal: AbortSignal): Promise<{code: number; report: DockwizReport}> {
	// With --json, stdout carries the JSON document alone; progress goes to stderr.
	const log = (line: string) => (options.mode === 'json' ? io.stderr : io.stdout).write(`${line}\n`);

	log(`dockwiz: scanning ${options.dir}`);
	if (options.configFile) log(`dockwiz: settings from ${options.configFile}`);
	let engine: EngineInfo | undefined;
	const {report, code, failure} = await runFlow(work, options, {
		onScanProgress: message => log(`  ${message}`),
		onAdvised({findings, proposal}) {
			log(`dockwiz: ${findings.length} finding(s); proposal: ${proposal.choices.flavor} image on Python ${proposal.choices.python}, ${proposal.changes.length} change(s)`);
			for (const warning of proposal.warnings) log(`  warning: ${warning}`);
			if (options.build) log('dockwiz: building before and after on the engine (progress below)');
		},
		onEngineEvent(event) {
			if (event.type === 'engine') engine = event.info;
			const line = plainEventLine(event);
			if (line !== null) log(line);
		},
		onMeasureError: message => log(`dockwiz: measuring stopped: ${message}`),
		onExplainEvent(event) {
			const line = explainEventLine(event);
			if (line !== null) log(line);
		},
		onExplainError: message => log(`dockwiz: no explanation: ${message}`),
		onWritten(outcome) {
			for (const file of outcome.written) log(`dockwiz: wrote ${file}`);
			for (const file of outcome.backups) log(`dockwiz: kept the previous file as ${file}`);
			for (const file of outcome.unchanged) log(`dockwiz: ${file} already up to date`);
		},
		// A JSON run was not asked to write: only a refused --write is news there.
		onNotWritten(reason) {
			if (isRefusal(reason) || !(options.json || options.ci)) log(`dockwiz: ${noWriteNotices[reason]}`);
		},
		onSaved: path => log(`dockwiz: report saved to ${path}`),
		onNotSaved: notice => log(`dockwiz: ${notice}`),
	}, signal);

	// A write or save that failed ends the run with its message, and no report on stdout.
	if (failure) throw new UserError(failure.message, failure.exitCode);

	// Failed budgets are named where progress goes, whatever the format (the document has them too).
	for (const line of failedBudgetLines(report.budgets ?? [])) log(`dockwiz: ${line}`);
	const format = options.format ?? (options.mode === 'json' ? 'json' : 'text');
	if (format === 'text') {
		io.stdout.write(`\n${renderPlainSummary(report)}\n`);
	} else {
		const pathPrefix = workspacePrefix(report.project.root, process.env.GITHUB_WORKSPACE, path.relative);
		io.stdout.write(renderDocument(format, report, {date: new Date().toISOString().slice(0, 10), engine, pathPrefix}));
	}

	return {code, report};
}
