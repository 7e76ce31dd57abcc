// The renderer for no TTY (CI logs, pipes): one short line per meaningful engine event,
// then a summary that reads well in a fixed-width log.

import type {DockwizReport, EngineEvent} from '../types.js';
import {bar} from './bars.js';
import {buildFailures, comparisonRows, containerLogTails, dependencyChangeLines, failureHintLines, placeholderLines} from './comparison.js';
import {formatBytes, formatSeconds} from './format.js';

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
			return `engine: Docker ${event.info.engineVersion} (API ${event.info.apiVersion}) at ${event.info.endpoint}`;
		}

		case 'phase': {
			const runs = event.runs !== undefined && event.runs > 1 ? ` (run ${event.run ?? 1}/${event.runs})` : '';
			return `${event.side ? `[${event.side}] ` : ''}${phaseNames[event.phase]}${runs}`;
		}

		case 'pull': {
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
			...barsBlock('Image size', before.ok ? before.sizeBytes : null, after.ok ? after.sizeBytes : null, formatBytes),
			...barsBlock('Cold build', before.ok ? before.buildSeconds : null, after.ok ? after.buildSeconds : null, formatSeconds),
		];
		if (bars.length > 0) lines.push('', ...bars);
		const placeholders = placeholderLines(report);
		if (placeholders.length > 0) lines.push('', ...placeholders);
		const dependency = dependencyChangeLines(report);
		if (dependency.length > 0) lines.push('', ...dependency);
		const failures = buildFailures(report);
		if (failures.length > 0) lines.push('', ...failures.map(failure => `FAILED ${failure}`));
		lines.push(...failureHintLines(report).map(hint => `  hint ${hint}`));
		for (const tail of containerLogTails(report)) {
			lines.push('', `${tail.side}: the container's last ${tail.lines.length} log line(s):`, ...tail.lines.map(line => clip(`  | ${clean(line)}`)));
		}
	} else {
		lines.push('Not measured (--no-build).', ...comparisonTable(report));
	}

	return `${lines.join('\n')}\n`;
}
