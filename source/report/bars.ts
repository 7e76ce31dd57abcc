// Horizontal bars for the before/after comparison (Ink summary and plain summary).

const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A bar of `width` cells at most, `value/max` of it filled, with eighth-cell precision.
 * A positive value never renders empty, so a tiny "after" still shows it exists.
 */
export function bar(value: number, max: number, width: number): string {
	if (!Number.isFinite(value) || !Number.isFinite(max) || !Number.isFinite(width)) return '';
	const cells = Math.max(0, Math.floor(width));
	if (cells === 0 || max <= 0 || value <= 0) return '';
	const share = Math.min(value, max) / max;
	let units = Math.round(share * cells * 8);
	if (units === 0) units = 1;
	const full = Math.floor(units / 8);
	return '█'.repeat(full) + eighths[units % 8];
}
