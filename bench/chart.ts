// media/bench.svg: grouped bars per project, one bar per variant, for image size and for the
// warm rebuild. Hand-written SVG so it needs nothing but a browser (or resvg for the PNG).
import type {BenchResults, VariantResult} from './results.js';
import {variantOrder, type VariantName} from './variants.js';

const colors: Record<VariantName, string> = {
	naive: '#b0b0b0',
	article: '#8fb3d9',
	'docker-init': '#4a78b5',
	'docker-init-edited': '#6f93c4',
	'dockwiz-slim': '#2e9e5b',
	'dockwiz-distroless': '#136b39',
};

const labels: Record<VariantName, string> = {
	naive: 'naive',
	article: "article's recipe on slim",
	'docker-init': 'docker init',
	'docker-init-edited': 'docker init, hand-edited',
	'dockwiz-slim': 'dockwiz slim',
	'dockwiz-distroless': 'dockwiz distroless',
};

function escape(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A round axis maximum and its step: 1, 2 or 5 times a power of ten, four or five ticks. */
export function niceScale(max: number): {top: number; step: number} {
	if (!(max > 0)) {
		return {top: 1, step: 0.25};
	}

	const rough = max / 4;
	const power = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map(f => f * power).find(candidate => candidate >= rough) ?? 10 * power;
	return {top: Math.ceil(max / step) * step, step};
}

type Panel = {title: string; unit: string; value: (v: VariantResult) => number | null; format: (n: number) => string};

export function benchChart(results: BenchResults): string {
	const panels: Panel[] = [
		{title: 'Image size', unit: 'MB', value: v => (v.sizeBytes === null ? null : v.sizeBytes / 1e6), format: n => n.toFixed(0)},
		{title: 'Warm rebuild after a one-line edit', unit: 's', value: v => v.warmSeconds?.median ?? null, format: n => n.toFixed(1)},
	];
	const fixtures = results.fixtures;
	const bar = 14;
	const groupGap = 26;
	const groupWidth = variantOrder.length * bar;
	const plotWidth = fixtures.length * groupWidth + (fixtures.length + 1) * groupGap;
	const left = 56;
	const panelHeight = 230;
	const plotHeight = 150;
	const top = 60;
	const width = left + plotWidth + 20;
	const legendHeight = 50;
	const height = top + panels.length * panelHeight + legendHeight;
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="${left}" y="26" font-size="16" font-weight="bold" fill="#222">dockwiz benchmark: five Dockerfiles per project</text>`,
		`<text x="${left}" y="44" font-size="11" fill="#555">${escape(`${results.date}, medians of ${results.runs} ${results.runs === 1 ? 'run' : 'runs'}, Docker ${results.machine.engineVersion}, ${results.machine.builder}; lower is better`)}</text>`,
	];
	panels.forEach((panel, p) => {
		const y0 = top + p * panelHeight + 24;
		const values = fixtures.flatMap(f => f.variants.map(v => panel.value(v))).filter((n): n is number => n !== null);
		const {top: axisTop, step} = niceScale(Math.max(0, ...values));
		const y = (n: number) => y0 + plotHeight - (n / axisTop) * plotHeight;
		out.push(`<text x="${left}" y="${y0 - 10}" font-size="13" font-weight="bold" fill="#222">${escape(panel.title)} (${panel.unit})</text>`);
		for (let tick = 0; tick <= axisTop + step / 2; tick += step) {
			out.push(
				`<line x1="${left}" x2="${left + plotWidth}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${tick === 0 ? '#888' : '#e4e4e4'}" stroke-width="1"/>`,
				`<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="10" fill="#666" text-anchor="end">${panel.format(tick)}</text>`,
			);
		}

		fixtures.forEach((f, i) => {
			const gx = left + groupGap + i * (groupWidth + groupGap);
			variantOrder.forEach((name, j) => {
				const variant = f.variants.find(v => v.name === name);
				const value = variant ? panel.value(variant) : null;
				const x = gx + j * bar;
				if (value === null) {
					// A cross marks a failed build; a build the bench did not make, or a variant a project lacks, stays blank.
					if (variant?.sizeBytes === null) {
						out.push(`<text x="${x + bar / 2}" y="${y0 + plotHeight - 4}" font-size="9" fill="#c00" text-anchor="middle">×</text>`);
					}

					return;
				}

				out.push(`<rect x="${x + 1}" y="${y(value).toFixed(1)}" width="${bar - 2}" height="${(y0 + plotHeight - y(value)).toFixed(1)}" fill="${colors[name]}"><title>${escape(`${f.name}, ${labels[name]}: ${panel.format(value)} ${panel.unit}`)}</title></rect>`);
			});
			out.push(`<text x="${gx + groupWidth / 2}" y="${y0 + plotHeight + 16}" font-size="11" fill="#333" text-anchor="middle">${escape(f.name)}</text>`);
		});
	});
	let legendY = top + panels.length * panelHeight + 8;
	let lx = left;
	for (const name of variantOrder) {
		// About 7 px a character at 11 px: wrap before an entry would run off the right edge.
		const entryWidth = 28 + labels[name].length * 7;
		if (lx > left && lx + entryWidth > width - 10) {
			lx = left;
			legendY += 18;
		}

		out.push(`<rect x="${lx}" y="${legendY}" width="12" height="12" fill="${colors[name]}"/>`, `<text x="${lx + 16}" y="${legendY + 10}" font-size="11" fill="#333">${escape(labels[name])}</text>`);
		lx += entryWidth;
	}

	out.push('</svg>', '');
	return out.join('\n');
}
