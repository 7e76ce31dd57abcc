// The waterfall and the byte breakdown as text lines with bars: the plain summary prints
// them, and the Summary screen shows the same lines (the numbers read the same everywhere).
import {byteCategories} from '../analysis/image-bytes.js';
import type {Explanation} from '../explain-types.js';
import {bar} from './bars.js';
import {sumCheckLine} from './explain-markdown.js';
import {stepBytesLines} from './explain-step-bytes.js';
import {waterfallRows} from './explain-summary.js';
import {formatBytes, formatSeconds} from './format.js';

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

/** One line per step: its size bar and delta, its warm rebuild bar. `width` is the columns available. */
export function waterfallLines(explain: Explanation, width = 100): string[] {
	const rows = waterfallRows(explain.steps);
	const labelWidth = Math.max(18, Math.min(44, width - 56));
	const barWidth = Math.max(6, Math.floor((width - labelWidth - 40) / 2));
	const maxSize = Math.max(0, ...rows.map(row => row.sizeBytes ?? 0));
	const maxRebuild = Math.max(0, ...rows.map(row => row.rebuildSeconds ?? 0));
	const lines = [`${pad('Step', labelWidth)} ${pad('Image size', barWidth + 20)} Warm rebuild`];
	rows.forEach((row, index) => {
		const delta = row.sizeDeltaBytes === null ? '' : ` ${row.sizeDeltaBytes > 0 ? '+' : ''}${formatBytes(row.sizeDeltaBytes)}`;
		const size = row.sizeBytes === null ? pad('failed', barWidth + 20) : `${pad(bar(row.sizeBytes, maxSize, barWidth), barWidth)} ${pad(`${formatBytes(row.sizeBytes)}${delta}`, 19)}`;
		const rebuild = row.rebuildSeconds === null ? '—' : `${pad(bar(row.rebuildSeconds, maxRebuild, barWidth), barWidth)} ${formatSeconds(row.rebuildSeconds)}`;
		lines.push(`${pad(`${index + 1}. ${row.change}`, labelWidth)} ${size} ${rebuild}`);
	});
	return lines;
}

/** Bytes by category before and after, with bars on one scale, then waste and the largest packages. */
export function breakdownLines(explain: Explanation, width = 100): string[] {
	const {before, after} = explain.layers;
	if (!before && !after) return ['Where the bytes are: the images\' layers could not be read.'];
	const barWidth = Math.max(6, Math.floor((width - 60) / 2));
	const max = Math.max(0, ...byteCategories.flatMap(category => [before?.categories[category] ?? 0, after?.categories[category] ?? 0]));
	const lines = [`${pad('Where the bytes are', 28)} ${pad('Before', barWidth + 10)} After`];
	for (const category of byteCategories) {
		const a = before?.categories[category] ?? 0;
		const b = after?.categories[category] ?? 0;
		if (a === 0 && b === 0) continue;
		lines.push(`${pad(category, 28)} ${pad(bar(a, max, barWidth), barWidth)} ${pad(formatBytes(a), 9)} ${pad(bar(b, max, barWidth), barWidth)} ${formatBytes(b)}`);
	}

	lines.push(`${pad('wasted (hidden by later layers)', 28)} ${pad(formatBytes(before?.wastedBytes), barWidth + 10)} ${formatBytes(after?.wastedBytes)}`);
	const top = (side: typeof before) => (side?.packages ?? []).slice(0, 5).map(item => `${item.name} ${formatBytes(item.sizeBytes)}`).join(', ') || 'none found';
	lines.push(`Largest packages before: ${top(before)}`, `Largest packages after:  ${top(after)}`);
	return lines;
}

/** Everything --explain adds to the plain summary. */
export function explainPlainLines(explain: Explanation, width = 100): string[] {
	const rules = explain.context.rules.filter(rule => rule.bytes > 0).sort((a, b) => b.bytes - a.bytes).slice(0, 5);
	return [
		`Each change measured on its own (${formatSeconds(explain.seconds)}):`,
		...waterfallLines(explain, width),
		sumCheckLine(explain.sumCheck),
		'',
		...breakdownLines(explain, width),
		...(explain.steps.some(step => step.bytes) ? ['', ...stepBytesLines(explain.steps)] : []),
		...(rules.length > 0 ? ['', 'Context kept out by .dockerignore line:', ...rules.map(rule => `  line ${rule.line} ${rule.pattern}: ${formatBytes(rule.bytes)} in ${rule.files} file(s)`)] : []),
	];
}
