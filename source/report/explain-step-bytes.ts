// Where the bytes went, step by step: each waterfall step's breakdown set against the step
// before it, as the categories (and wasted bytes) that moved, largest move first. The plain
// summary and the Summary screen print one compact line a step; the Markdown report a table.
import {byteCategories} from '../analysis/image-bytes.js';
import type {ExplainStep, LayerBreakdown} from '../explain-types.js';
import {formatBytes} from './format.js';
import {table} from './markdown.js';

export type ByteMove = {label: string; deltaBytes: number};

const signed = (bytes: number) => `${bytes > 0 ? '+' : ''}${formatBytes(bytes)}`;

/** What moved from one breakdown to the next (every non-zero category and the waste), largest move first. */
export function byteMoves(previous: LayerBreakdown, current: LayerBreakdown): ByteMove[] {
	const moves: ByteMove[] = byteCategories.map(category => ({label: category, deltaBytes: current.categories[category] - previous.categories[category]}));
	moves.push({label: 'wasted', deltaBytes: current.wastedBytes - previous.wastedBytes});
	return moves.filter(move => move.deltaBytes !== 0).sort((a, b) => Math.abs(b.deltaBytes) - Math.abs(a.deltaBytes));
}

/** One line a step: the first step's own categories, then what each step moved. */
export function stepBytesLines(steps: readonly ExplainStep[], most = 4): string[] {
	if (steps.every(step => step.bytes === null)) return [];
	const lines = ['Where the bytes went, step by step:'];
	steps.forEach((step, index) => {
		const label = `  ${index + 1}. ${step.change}: `;
		const previous = steps[index - 1]?.bytes;
		if (!step.bytes) {
			lines.push(`${label}not read`);
		} else if (index === 0 || !previous) {
			const parts = byteCategories.filter(category => step.bytes!.categories[category] > 0).map(category => `${category} ${formatBytes(step.bytes!.categories[category])}`);
			lines.push(`${label}${[...parts, `wasted ${formatBytes(step.bytes.wastedBytes)}`].join(', ')}`);
		} else {
			const moves = byteMoves(previous, step.bytes);
			const shown = moves.slice(0, most).map(move => `${move.label} ${signed(move.deltaBytes)}`);
			if (moves.length > most) shown.push(`${moves.length - most} more`);
			lines.push(`${label}${shown.join(', ') || 'no category moved'}`);
		}
	});
	return lines;
}

/** Every step's bytes by category, a column a step (a category no step has is left out). */
export function stepBytesTable(steps: readonly ExplainStep[]): string {
	const cell = (bytes: number | undefined) => formatBytes(bytes ?? null);
	const rows = byteCategories
		.filter(category => steps.some(step => (step.bytes?.categories[category] ?? 0) > 0))
		.map(category => [category, ...steps.map(step => cell(step.bytes?.categories[category]))]);
	rows.push(['total (all layers)', ...steps.map(step => cell(step.bytes?.totalBytes))], ['wasted', ...steps.map(step => cell(step.bytes?.wastedBytes))]);
	return table(['Bytes by category', ...steps.map((_step, index) => `Step ${index + 1}`)], rows);
}
