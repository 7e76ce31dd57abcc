// "What each change bought" shows only measured numbers that support each claim.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {changeEvidence} from '../../source/report/change-evidence.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {boughtLines} from '../../source/ui/screens/summary-screen.js';
import {sampleBuild, sampleMeasurement, sampleProject, sampleProposal, sideError} from './sample.js';

const passed = {context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'passed'} as const;

function reportWith(before = sampleBuild({phases: passed}), after = sampleBuild({image: 'dockwiz-after', phases: passed, sizeBytes: 128_000_000, contextBytes: 4_200, user: 'app'})) {
	const measurement = sampleMeasurement();
	measurement.builds = {before, after};
	return assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement});
}

describe('changeEvidence', () => {
	it('shows measured numbers that support the claim', () => {
		expect(changeEvidence(reportWith(), 'size')).toEqual({supports: ['Image size 1.09 GB → 128 MB (0.12×)', 'Build context 31.4 MB → 4.20 kB (<0.001×)'], against: ['Layers 12 → 12 (1.00×)']});
		expect(changeEvidence(reportWith(), 'security').supports).toEqual(['Runs as root → app']);
	});

	it('never counts a number that was not measured: a before that never built is "not measured", not 0 B', () => {
		const notBuilt = sampleBuild({ok: false, sizeBytes: null, layers: null, buildSeconds: null, rebuildSeconds: null, user: null, smoke: null, contextBytes: null, phases: {context: 'not run', pull: 'failed', build: 'not run', rebuild: 'not run', smoke: 'not run'}, error: sideError('no base image', {phase: 'pull'})});
		const report = reportWith(notBuilt, sampleBuild({image: 'dockwiz-after', phases: passed, contextBytes: 48_100}));
		expect(changeEvidence(report, 'size')).toEqual({supports: [], against: []});
		const text = boughtLines(report, 80).map(line => line.text);
		expect(text.slice(0, 2)).toEqual(['Smaller image', '  not measured']);
		expect(text.join('\n')).not.toContain('0 B');
		expect(renderMarkdown(report, {date: 'today'})).toContain('- size: not measured');
	});

	it('says plainly when the measurement went the other way', () => {
		const report = reportWith(sampleBuild({phases: passed, buildSeconds: 10}), sampleBuild({image: 'dockwiz-after', phases: passed, buildSeconds: 12, rebuildSeconds: 1}));
		expect(changeEvidence(report, 'speed')).toEqual({supports: ['Warm rebuild 20.0 s → 1.00 s (0.050×)'], against: ['Cold build 10.0 s → 12.0 s (1.20×)']});
		const {lastFrame} = render(<>{boughtLines(report, 80).map(line => line.text).join('\n')}</>);
		expect(lastFrame()).toContain('measured, no gain: Cold build 10.0 s → 12.0 s (1.20×)');
	});
});
