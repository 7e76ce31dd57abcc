// What the measurements say about each kind of change: only a number that supports the claim
// ("Smaller image": the image or the context did shrink) is shown as its evidence. A number that
// was not measured is never evidence, and one that went the other way is said plainly.

import type {Change, DockwizReport} from '../types.js';
import {comparisonRows, measuredValue, type ComparisonRow} from './comparison.js';

export type ChangeEvidence = {
	/** Measured rows that support the claim, as `Image size 1.09 GB → 128 MB (0.12×)`. */
	supports: string[];
	/** Measured rows that do not (the after is no better), in the same words. */
	against: string[];
};

const evidenceRows: Record<Change['impact'], string[]> = {
	size: ['Image size', 'Build context', 'Layers'],
	speed: ['Cold build', 'Warm rebuild'],
	security: ['Runs as'],
	correctness: ['HTTP'],
};

/** Rows that say something rather than count: judged on the after side's own result. */
const textRows = new Set(['Runs as', 'HTTP']);

function rowText(row: ComparisonRow): string {
	return `${row.label} ${row.before} → ${row.after}${row.ratio ? ` (${row.ratio})` : ''}`;
}

/** Smaller is better for every number we compare. */
function numberVerdict(row: ComparisonRow): 'supports' | 'against' | null {
	if (row.beforeValue === null || row.afterValue === null) return null;
	return row.afterValue < row.beforeValue ? 'supports' : 'against';
}

function textVerdict(report: DockwizReport, label: string): 'supports' | 'against' | null {
	const builds = report.builds;
	if (!builds) return null;
	if (label === 'Runs as') {
		const user = measuredValue(builds.after, 'user');
		if (user === null) return null;
		return user === 'root' || user === '' || user === '0' ? 'against' : 'supports';
	}

	const smoke = builds.after.smoke;
	if (!smoke) return null;
	return smoke.ok ? 'supports' : 'against';
}

export function changeEvidence(report: DockwizReport, impact: Change['impact']): ChangeEvidence {
	const rows = comparisonRows(report);
	const evidence: ChangeEvidence = {supports: [], against: []};
	for (const label of evidenceRows[impact]) {
		const row = rows.find(r => r.label === label);
		if (!row) continue;
		const verdict = textRows.has(label) ? textVerdict(report, label) : numberVerdict(row);
		if (verdict) evidence[verdict].push(rowText(row));
	}

	return evidence;
}
