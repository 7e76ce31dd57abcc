import {describe, expect, it} from 'vitest';
import {explainMarkdown} from '../../source/report/explain-markdown.js';
import {explainPlainLines} from '../../source/report/explain-plain.js';
import {sumCheckOf, waterfallRows} from '../../source/report/explain-summary.js';
import {explainSvg} from '../../source/report/explain-svg.js';
import {explainEventLine} from '../../source/report/explain-lines.js';
import {sampleExplanation} from './explain-sample.js';

describe('waterfallRows and sumCheckOf', () => {
	it('gives each step its delta from the step before, and the deltas add up to first-to-last', () => {
		const explain = sampleExplanation();
		expect(waterfallRows(explain.steps).map(row => row.sizeDeltaBytes)).toEqual([null, -30_000_000, -670_000_000, -50_000_000]);
		expect(waterfallRows(explain.steps).map(row => row.rebuildDeltaSeconds)).toEqual([null, -2, -26, -0.5]);
		const builds = {before: {sizeBytes: 900_000_100}, after: {sizeBytes: 150_000_000}} as never;
		expect(sumCheckOf(explain, builds)).toEqual({stepDeltasBytes: -750_000_000, firstToLastBytes: -750_000_000, adds: true, measuredDeltaBytes: -750_000_100});
	});

	it('has no sum check when a step has no size', () => {
		const explain = sampleExplanation();
		explain.steps[2] = {...explain.steps[2], sizeBytes: null, error: 'The build failed.'};
		expect(sumCheckOf(explain, null)).toBeNull();
		expect(waterfallRows(explain.steps)[2].ok).toBe(false);
	});
});

describe('explain renderers', () => {
	it('the Markdown section has the waterfall, the sum check, the byte breakdown, the packages and the context rules', () => {
		const explain = {...sampleExplanation(), sumCheck: sumCheckOf(sampleExplanation(), null)};
		const markdown = explainMarkdown(explain, 'report-explain.svg');
		expect(markdown).toContain('![Size and warm rebuild per step](report-explain.svg)');
		expect(markdown).toContain('| 3 | Slim base (python:3.11-slim) | 200 MB | -670 MB | 1.00 kB | 10.0 s | 2.00 s | -26.0 s | yes |');
		expect(markdown).toContain('add up to -750 MB (-750000000 bytes), the first-to-last difference is -750 MB (-750000000 bytes): they match');
		expect(markdown).toContain('| package-manager caches | 5.00 MB | 0 B |');
		expect(markdown).toContain('| wasted (overwritten or deleted by a later layer) | 1.05 MB | 0 B |');
		expect(markdown).toContain('- Before: Flask 3.0.0 300 kB');
		expect(markdown).toContain('| 1 | `.git` | 120 | 30.0 MB |');
		expect(markdown).toContain('- Note: No pip cache: no different here.');
	});

	it('the plain lines show a bar per step, largest first step full', () => {
		const lines = explainPlainLines({...sampleExplanation(), sumCheck: null}, 100);
		expect(lines[0]).toBe('Each change measured on its own (2 min 3 s):');
		const before = lines.find(line => line.startsWith('1. Before'))!;
		const slim = lines.find(line => line.startsWith('3. Slim base'))!;
		expect((before.match(/█/g) ?? []).length).toBeGreaterThan((slim.match(/█/g) ?? []).length);
		expect(slim).toContain('200 MB -670 MB');
		expect(lines).toContain('  line 1 .git: 30.0 MB in 120 file(s)');
	});

	it('the SVG has a row per step with its size and rebuild, and escapes text', () => {
		const explain = sampleExplanation();
		explain.steps[1] = {...explain.steps[1], change: 'A <b> & "c"'};
		const svg = explainSvg(explain);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
		expect(svg).toContain('2. A &lt;b&gt; &amp; &quot;c&quot;');
		expect(svg).toContain('200 MB (-670 MB)');
		expect(svg.match(/<rect /g)?.length).toBe(1 + 2 * 4);
		expect(svg).not.toMatch(/<!--[^>]*--[^>]/);
	});

	it('progress lines name the step and what it measured', () => {
		const explain = sampleExplanation();
		expect(explainEventLine({type: 'explain-step', index: 2, total: 4, change: 'Slim base', phase: 'build'})).toBe('dockwiz: explaining step 3/4: Slim base');
		expect(explainEventLine({type: 'explain-step', index: 2, total: 4, change: 'Slim base', phase: 'rebuild'})).toBeNull();
		expect(explainEventLine({type: 'explain-done', index: 2, step: explain.steps[2]})).toBe('  step 3: 200 MB, context 1.00 kB, build 10.0 s, rebuild 2.00 s; the app answered');
	});
});
