// The run without Ink (no TTY, CI, --json): the same work as the wizard, reported as plain
// progress lines, then a plain summary or one JSON document. It asks nothing.
import {defaultChoices} from './advice/index.js';
import {assembleReport} from './report/assemble.js';
import {plainEventLine, renderPlainSummary} from './report/plain.js';
import type {DockwizReport, Measurement, Options, Work} from './types.js';
import type {WorkExtras} from './work.js';

export type HeadlessIo = {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
};

/** Exit code 1 when a build or a smoke test failed. */
export function exitCodeFor(measurement: Measurement | null): number {
	if (!measurement) return 0;
	const sides = [measurement.builds.before, measurement.builds.after];
	return sides.every(side => side.ok && side.smoke?.ok !== false) ? 0 : 1;
}

export async function runHeadless(options: Options, work: Work & WorkExtras, io: HeadlessIo, signal: AbortSignal): Promise<{code: number; report: DockwizReport}> {
	// With --json, stdout carries the JSON document alone; progress goes to stderr.
	const log = (line: string) => (options.mode === 'json' ? io.stderr : io.stdout).write(`${line}\n`);

	log(`dockwiz: scanning ${options.dir}`);
	const report = await work.scan(message => log(`  ${message}`), signal);
	const choices = defaultChoices(report, options);
	const {findings, proposal} = work.advise(report, choices);
	const proposedContext = await work.auditProposed(report, proposal);
	log(`dockwiz: ${findings.length} finding(s); proposal: ${proposal.choices.flavor} image on Python ${proposal.choices.python}, ${proposal.changes.length} change(s)`);
	for (const warning of proposal.warnings) log(`  warning: ${warning}`);

	let measurement: Measurement | null = null;
	if (options.build) {
		log('dockwiz: building before and after on the engine (progress below)');
		measurement = await work.measure(report, proposal, event => {
			const line = plainEventLine(event);
			if (line !== null) log(line);
		}, signal);
	}

	const result = assembleReport({report, findings, proposal, proposedContext, measurement});

	// Stopped during a step that finished anyway: nothing is written after the signal.
	signal.throwIfAborted();
	if (options.write && !options.dryRun) {
		const outcome = await work.write(report, proposal);
		for (const file of outcome.written) log(`dockwiz: wrote ${file}`);
		for (const file of outcome.backups) log(`dockwiz: kept the previous file as ${file}`);
		for (const file of outcome.unchanged) log(`dockwiz: ${file} already up to date`);
	} else if (!options.json) {
		log(options.dryRun ? 'dockwiz: --dry-run: nothing written.' : 'dockwiz: nothing written; pass --write to write the Dockerfile and .dockerignore (backups are kept).');
	}

	if (options.report && options.dryRun) log(`dockwiz: --dry-run: the report was not saved (it would go to ${options.report}).`);
	else if (options.report) log(`dockwiz: report saved to ${await work.saveReport(options.report, result)}`);

	if (options.mode === 'json') {
		io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	} else {
		io.stdout.write(`\n${renderPlainSummary(result)}\n`);
	}

	return {code: exitCodeFor(measurement), report: result};
}
