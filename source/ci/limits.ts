// Budget limits as people write them (`200MB`, `5s`, `0.5`), for the flags and the config
// file alike. Decimal units, as `docker images` and the reports print sizes.

const sizeUnits: Record<string, number> = {
	'': 1, b: 1,
	k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
	kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4,
};

const timeUnits: Record<string, number> = {'': 1, s: 1, sec: 1, ms: 0.001, m: 60, min: 60};

const numberAndUnit = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i;

/** `200MB`, `1.5 GB`, `512MiB`, `300000000` -> bytes; null when it is none of these. */
export function parseSize(text: string | number): number | null {
	if (typeof text === 'number') return Number.isFinite(text) && text > 0 ? text : null;
	const match = numberAndUnit.exec(text);
	const unit = match ? sizeUnits[match[2].toLowerCase()] : undefined;
	if (!match || unit === undefined) return null;
	const bytes = Number(match[1]) * unit;
	return bytes > 0 ? Math.round(bytes) : null;
}

/** `5s`, `1.5s`, `500ms`, `2m`, `5` -> seconds; null when it is none of these. */
export function parseSeconds(text: string | number): number | null {
	if (typeof text === 'number') return Number.isFinite(text) && text > 0 ? text : null;
	const match = numberAndUnit.exec(text);
	const unit = match ? timeUnits[match[2].toLowerCase()] : undefined;
	if (!match || unit === undefined) return null;
	const seconds = Number(match[1]) * unit;
	return seconds > 0 ? seconds : null;
}

/** `0.5` -> 0.5: an after/before ratio above zero. */
export function parseRatio(text: string | number): number | null {
	const value = typeof text === 'number' ? text : /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
	return Number.isFinite(value) && value > 0 ? value : null;
}
