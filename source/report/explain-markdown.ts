// The Markdown report's measured explanation (--explain): the waterfall table with each step's
// delta, the sum check, where the bytes are before and after, the largest packages, and which
// .dockerignore line keeps how much out of the context.
import {byteCategories} from '../analysis/image-bytes.js';
import type {Explanation, LayerBreakdown} from '../explain-types.js';
import {stepBytesTable} from './explain-step-bytes.js';
import {waterfallRows, type SumCheck} from './explain-summary.js';
import {formatBytes, formatSeconds} from './format.js';
import {table} from './markdown.js';

const signedBytes = (bytes: number | null) => (bytes === null ? '—' : `${bytes > 0 ? '+' : ''}${formatBytes(bytes)}`);
const signedSeconds = (seconds: number | null) => (seconds === null ? '—' : `${seconds > 0 ? '+' : seconds < 0 ? '-' : ''}${formatSeconds(Math.abs(seconds))}`);

export function sumCheckLine(check: SumCheck | null | undefined): string {
	if (!check) return 'Sum check: not possible, a step has no size (it did not build).';
	const measured = check.measuredDeltaBytes === null ? '' : `; the before/after measurement of the same run: ${signedBytes(check.measuredDeltaBytes)} (${check.measuredDeltaBytes} bytes)`;
	return `Sum check: the steps' size deltas add up to ${signedBytes(check.stepDeltasBytes)} (${check.stepDeltasBytes} bytes), the first-to-last difference is ${signedBytes(check.firstToLastBytes)} (${check.firstToLastBytes} bytes): ${check.adds ? 'they match' : 'they differ'}${measured}.`;
}

function bytesTable(before: LayerBreakdown | null, after: LayerBreakdown | null): string {
	const rows = byteCategories.map(category => [category, formatBytes(before?.categories[category]), formatBytes(after?.categories[category])]);
	rows.push(['total (all layers)', formatBytes(before?.totalBytes), formatBytes(after?.totalBytes)]);
	rows.push(['wasted (overwritten or deleted by a later layer)', formatBytes(before?.wastedBytes), formatBytes(after?.wastedBytes)]);
	return table(['Bytes by category', 'Before', 'After'], rows);
}

function packagesLines(side: string, layers: LayerBreakdown | null): string[] {
	if (!layers || layers.packages.length === 0) return [`- ${side}: no installed packages found.`];
	return [`- ${side}: ${layers.packages.map(item => `${item.name} ${item.version} ${formatBytes(item.sizeBytes)}`).join(', ')}`];
}

export function explainMarkdown(explain: Explanation, chart?: string): string {
	const rows = waterfallRows(explain.steps);
	const lines = ['## Each change measured on its own (--explain)', '', `Each step applies one more group of changes to the one before and is built on the same engine and builder (${formatSeconds(explain.seconds)} in all).`, ''];
	if (chart) lines.push(`![Size and warm rebuild per step](${chart})`, '');
	lines.push(table(['Step', 'Change', 'Size', 'Δ size', 'Context', 'Cold build', 'Warm rebuild', 'Δ rebuild', 'Answered'], rows.map((row, index) => [
		String(index + 1),
		row.change,
		formatBytes(row.sizeBytes),
		signedBytes(row.sizeDeltaBytes),
		formatBytes(row.contextBytes),
		formatSeconds(row.buildSeconds),
		formatSeconds(row.rebuildSeconds),
		signedSeconds(row.rebuildDeltaSeconds),
		row.ok ? 'yes' : row.error ?? 'no',
	])));
	lines.push('', sumCheckLine(explain.sumCheck), '', 'How each number was measured:', '');
	for (const [name, how] of Object.entries(explain.method)) lines.push(`- ${name}: ${how}`);
	for (const note of explain.notes) lines.push(`- Note: ${note}`);
	lines.push('', '### Where the bytes are', '', bytesTable(explain.layers.before, explain.layers.after), '', 'Largest installed Python packages (from their dist-info RECORD):', '', ...packagesLines('Before', explain.layers.before), ...packagesLines('After', explain.layers.after));
	if (explain.steps.some(step => step.bytes)) lines.push('', 'Step by step (each step\'s own image, read from its layers):', '', stepBytesTable(explain.steps));
	const wasted = explain.layers.before?.wasted ?? [];
	if (wasted.length > 0) lines.push('', 'Most wasted in the before image:', '', ...wasted.slice(0, 5).map(entry => `- \`${entry.path}\` — ${formatBytes(entry.bytes)}`));
	lines.push('', '### Context bytes by .dockerignore line', '');
	if (explain.context.rules.length === 0) {
		lines.push('The proposed .dockerignore has no patterns.');
	} else {
		lines.push(table(['Line', 'Pattern', 'Files left out', 'Bytes left out'], explain.context.rules.map(rule => [String(rule.line), `\`${rule.pattern}\``, String(rule.files), formatBytes(rule.bytes)])));
		lines.push('', `Still sent: ${formatBytes(explain.context.sentBytes)} in ${explain.context.sentFiles} files.`);
	}

	return lines.join('\n');
}
