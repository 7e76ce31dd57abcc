// The renderer for no TTY (CI logs, pipes): one short line per meaningful engine event,
// then a summary that reads well in a fixed-width log.

import {budgetLines} from '../ci/budget-text.js';
import {explainPlainLines} from './explain-plain.js';
import type {DockwizReport, EngineEvent} from '../types.js';
import {bar} from './bars.js';
import {buildFailures, comparisonRows, containerLogTails, dependencyChangeLines, failedStepOutputs, failureHintLines, measuredValue, placeholderLines} from './comparison.js';
import {formatBytes, formatSeconds} from './format.js';
import {pullRecordText, pullSummaryLines} from './pull-lines.js';

const maxLineChars = 120;

/** Strips colours and carriage-return progress so a log line stays one readable line. */
function clean(text: string): string {
	// eslint-disable-next-line no-control-regex
	const plain = text.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
	const lastFrame = plain.split('\r').filter(part => part.trim() !== '').at(-1) ?? '';
	return lastFrame.replaceAll(/\s+$/g, '');
}

function clip(text: string, maxChars = maxLineChars): string {
	return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

const phaseNames = {pull: 'pulling base images', build: 'cold build', rebuild: 'warm rebuild after a code edit', smoke: 'smoke test', cleanup: 'cleaning up'};

// Per-layer pull progress is dozens of lines per image; only a layer's end is worth a line.
const layerDoneStatuses = new Set(['Pull complete', 'Already exists']);

export function plainEventLine(event: EngineEvent): string | null {
	switch (event.type) {
		case 'engine': {
			return `engine: Docker ${event.info.engineVersion} (API ${event.info.apiVersion}) at ${event.info.endpoint}${event.info.appHost ? `; app probed at ${event.info.appHost}` : ''}`;
		}

		case 'phase': {
			const runs = event.runs !== undefined && event.runs > 1 ? ` (run ${event.run ?? 1}/${event.runs})` : '';
			return `${event.side ? `[${event.side}] ` : ''}${phaseNames[event.phase]}${runs}`;
		}

		case 'pull': {
			if (event.pull?.record) return clip(`[pull] ${event.status === 'failed' && event.pull.message ? `${event.image}: ${event.pull.message}` : pullRecordText(event.pull.record)}`, 400);
			if (event.status === 'pulling') {
				const sizes = Object.values(event.pull?.layerBytes ?? {});
				return `[pull] ${event.image}: pulling${sizes.length > 0 ? ` (${formatBytes(sizes.reduce((sum, bytes) => sum + bytes, 0))} in ${sizes.length} layers, some may be on the engine already)` : ''}`;
			}

			if (event.layer === undefined) return event.status.trim() === '' ? null : `[pull] ${event.image}: ${clip(clean(event.status))}`;
			return layerDoneStatuses.has(event.status) ? `[pull] ${event.image}: layer ${event.layer.slice(0, 12)} ${event.status.toLowerCase()}` : null;
		}

		case 'step': {
			const verb = event.phase === 'rebuild' ? 'rebuild step' : 'step';
			return clip(`[${event.side}] ${verb} ${event.index}/${event.total} ${clean(event.instruction)}`);
		}

		case 'log': {
			const line = clean(event.line);
			return line.trim() === '' ? null : clip(`[${event.side}]   ${line}`);
		}

		case 'built': {
			const what = event.phase === 'rebuild' ? 'rebuilt' : 'built';
			if (event.ok) return `[${event.side}] ${what} in ${formatSeconds(event.seconds)}`;
			return clip(`[${event.side}] ${event.phase} failed after ${formatSeconds(event.seconds)}${event.error ? `: ${clean(event.error)}` : ''}`);
		}

		case 'smoke': {
			if (event.status === 'start') return `[${event.side}] smoke test: starting the container`;
			const http = event.httpStatus === undefined ? 'no HTTP answer' : `HTTP ${event.httpStatus}`;
			const after = event.seconds === undefined ? '' : ` after ${formatSeconds(event.seconds)}`;
			return `[${event.side}] smoke test ${event.status === 'ok' ? 'passed' : 'failed'}: ${http}${after}`;
		}

		case 'warning': {
			return clip(`warning: ${clean(event.message)}`);
		}
	}
}

function pad(text: string, width: number): string {
	return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padStart(text: string, width: number): string {
	return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

const barWidth = 30;

function barsBlock(label: string, before: number | null, after: number | null, format: (value: number) => string): string[] {
	if (before === null || after === null) return [];
	const max = Math.max(before, after);
	return [
		`${label}:`,
		`  before ${pad(bar(before, max, barWidth), barWidth)} ${format(before)}`,
		`  after  ${pad(bar(after, max, barWidth), barWidth)} ${format(after)}`,
	];
}

function comparisonTable(report: DockwizReport): string[] {
	const rows = comparisonRows(report);
	if (rows.length === 0) return [];
	const header = {label: '', before: report.builds?.before.baseline ? 'before*' : 'before', after: 'after', ratio: 'after/before'};
	const all = [header, ...rows];
	const widths = {
		label: Math.max(...all.map(r => r.label.length)),
		before: Math.max(...all.map(r => r.before.length)),
		after: Math.max(...all.map(r => r.after.length)),
		ratio: Math.max(...all.map(r => r.ratio.length)),
	};
	const line = (r: typeof header) =>
		`  ${pad(r.label, widths.label)}  ${padStart(r.before, widths.before)}  ${padStart(r.after, widths.after)}  ${padStart(r.ratio, widths.ratio)}`.trimEnd();
	const lines = [line(header), ...rows.map(r => line(r))];
	if (report.builds?.before.baseline) lines.push('  * the naive baseline (no Dockerfile existed)');
	return lines;
}

export function renderPlainSummary(report: DockwizReport): string {
	const lines: string[] = [];
	const {findings, proposal} = report;

	lines.push(`Findings (${findings.length}):`);
	if (findings.length === 0) lines.push('  none');
	for (const finding of findings) {
		const where = `${finding.file ?? 'Dockerfile'}${finding.line === null ? '' : `:${finding.line}`}`;
		lines.push(`  ${pad(finding.severity, 7)} ${pad(finding.rule, 6)} ${where}  ${finding.message}`);
		lines.push(`          fix: ${finding.fix}`);
	}

	lines.push('', `Changes (${proposal.changes.length}):`);
	if (proposal.changes.length === 0) lines.push('  none');
	for (const change of proposal.changes) lines.push(`  - ${change.title}: ${change.why}`);
	for (const warning of proposal.warnings) lines.push(`  ! ${warning}`);

	lines.push('');
	if (report.builds) {
		lines.push('Before and after:', ...comparisonTable(report));
		const {before, after} = report.builds;
		const bars = [
			...barsBlock('Image size', measuredValue(before, 'sizeBytes'), measuredValue(after, 'sizeBytes'), formatBytes),
			...barsBlock('Cold build', measuredValue(before, 'buildSeconds'), measuredValue(after, 'buildSeconds'), formatSeconds),
		];
		if (bars.length > 0) lines.push('', ...bars);
		const pulls = pullSummaryLines(report.builds.pulls);
		if (pulls.length > 0) lines.push('', ...pulls);
		const placeholders = placeholderLines(report);
		if (placeholders.length > 0) lines.push('', ...placeholders);
		const dependency = dependencyChangeLines(report);
		if (dependency.length > 0) lines.push('', ...dependency);
		const failures = buildFailures(report);
		if (failures.length > 0) lines.push('', ...failures.map(failure => `FAILED ${failure}`));
		lines.push(...failureHintLines(report).map(hint => `  hint ${hint}`));
		for (const step of failedStepOutputs(report)) {
			lines.push('', `${step.side}: the failing step's last ${step.lines.length} output line(s):`, ...step.lines.map(line => clip(`  | ${clean(line)}`)));
		}

		for (const tail of containerLogTails(report)) {
			lines.push('', `${tail.side}: the container's last ${tail.lines.length} log line(s):`, ...tail.lines.map(line => clip(`  | ${clean(line)}`)));
		}
	} else {
		lines.push('Not measured (--no-build).', ...comparisonTable(report));
	}

	if (report.budgets) lines.push('', ...budgetLines(report.budgets));
	if (report.explain) lines.push('', ...explainPlainLines(report.explain));
	return `${lines.join('\n')}\n`;
}
