// Human formatting shared by every renderer (Ink, plain lines, Markdown), so the
// same number reads the same everywhere.

const units = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units, as `docker images` prints them (1 MB = 1 000 000 bytes). */
export function formatBytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
	let value = Math.abs(bytes);
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}

	const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
	return `${bytes < 0 ? '-' : ''}${value.toFixed(digits)} ${units[unit]}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
	if (seconds < 10) return `${seconds.toFixed(2)} s`;
	if (seconds < 120) return `${seconds.toFixed(1)} s`;
	const minutes = Math.floor(seconds / 60);
	return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** A ratio after/before, e.g. 0.12 -> "0.12×". */
export function formatRatio(ratio: number | null | undefined): string {
	if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
	return `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;
}

/** after/before, or null when either side is missing or before is zero. */
export function ratio(after: number | null | undefined, before: number | null | undefined): number | null {
	if (after === null || after === undefined || before === null || before === undefined || before === 0) return null;
	return after / before;
}
