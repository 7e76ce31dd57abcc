// The waterfall as an SVG chart for the report folder: one row per step, its image size and
// its warm rebuild as bars on a shared scale each, the delta from the step before in text.
import type {Explanation} from '../explain-types.js';
import {waterfallRows} from './explain-summary.js';
import {formatBytes, formatSeconds} from './format.js';

/** Ends every chart dockwiz writes: a later run replaces only a file that holds it (no `--` in an XML comment). */
export const chartMarker = '<!-- dockwiz explain chart: a later dockwiz report to the same path replaces this file -->';

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export function explainSvg(explain: Explanation): string {
	const rows = waterfallRows(explain.steps);
	const rowHeight = 34;
	const top = 56;
	const labelWidth = 360;
	const sizeWidth = 250;
	const rebuildWidth = 190;
	// Room for the size label ("854 MB (+14.3 kB)") after the longest bar.
	const gap = 150;
	const width = labelWidth + sizeWidth + gap + rebuildWidth + 70;
	const height = top + rows.length * rowHeight + 40;
	const maxSize = Math.max(1, ...rows.map(row => row.sizeBytes ?? 0));
	const maxRebuild = Math.max(0.001, ...rows.map(row => row.rebuildSeconds ?? 0));
	const sizeX = labelWidth;
	const rebuildX = labelWidth + sizeWidth + gap;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="12" y="24" font-size="16" font-weight="bold">What each change bought, measured step by step</text>`,
		`<text x="${sizeX}" y="${top - 10}" fill="#444">Image size</text>`,
		`<text x="${rebuildX}" y="${top - 10}" fill="#444">Warm rebuild after a code edit</text>`,
	];
	rows.forEach((row, index) => {
		const y = top + index * rowHeight;
		const sizeBar = row.sizeBytes === null ? 0 : Math.max(1, (row.sizeBytes / maxSize) * sizeWidth);
		const rebuildBar = row.rebuildSeconds === null ? 0 : Math.max(1, (row.rebuildSeconds / maxRebuild) * rebuildWidth);
		const sizeDelta = row.sizeDeltaBytes === null ? '' : ` (${row.sizeDeltaBytes > 0 ? '+' : ''}${formatBytes(row.sizeDeltaBytes)})`;
		parts.push(
			`<text x="12" y="${y + 20}">${escape(`${index + 1}. ${clip(row.change, 46)}`)}</text>`,
			`<rect x="${sizeX}" y="${y + 6}" width="${sizeBar.toFixed(1)}" height="20" fill="${row.ok ? '#2f6fb3' : '#b33a2f'}"/>`,
			`<text x="${(sizeX + sizeBar + 6).toFixed(1)}" y="${y + 20}" font-size="11">${escape(row.sizeBytes === null ? 'failed' : `${formatBytes(row.sizeBytes)}${sizeDelta}`)}</text>`,
			`<rect x="${rebuildX}" y="${y + 6}" width="${rebuildBar.toFixed(1)}" height="20" fill="#3a9b5c"/>`,
			`<text x="${(rebuildX + rebuildBar + 6).toFixed(1)}" y="${y + 20}" font-size="11">${escape(formatSeconds(row.rebuildSeconds))}</text>`,
		);
	});
	parts.push(`<text x="12" y="${height - 14}" fill="#666" font-size="11">${escape(`Each step adds one group of changes to the step before; same engine and builder; ${formatSeconds(explain.seconds)} in all.`)}</text>`, '</svg>');
	return `${parts.join('\n')}\n`;
}
