import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {BuildScreen} from '../../source/ui/screens/build-screen.js';
import {pullMeter, progressBar} from '../../source/ui/pull-meter.js';
import {ProposalScreen, pullNote} from '../../source/ui/screens/proposal-screen.js';
import {applyEngineEvent, idleBuild, initialState, reducer, type BuildProgress} from '../../source/ui/state.js';
import type {BaseImageNote, EngineEvent} from '../../source/types.js';
import {assembleReport} from '../../source/report/assemble.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {plainEventLine, renderPlainSummary} from '../../source/report/plain.js';
import {SummaryScreen} from '../../source/ui/screens/summary-screen.js';
import {makeMeasurement, makeProposal, makeReport} from './fixtures.js';

const image = '127.0.0.1:5000/team/python:3.11-slim';

/** Events at the given milliseconds, folded as the wizard folds them. */
function progress(events: Array<[number, EngineEvent]>): BuildProgress {
	const start: BuildProgress = {...idleBuild(), startedAtMs: 0};
	return events.reduce((build, [atMs, event]) => applyEngineEvent(build, event, atMs), start);
}

// A pull as the engine reports it: the registry's layer sizes first, one layer already on the
// engine, one downloading.
const midway: Array<[number, EngineEvent]> = [
	[0, {type: 'phase', phase: 'pull'}],
	[0, {type: 'pull', image, status: 'pulling', pull: {layerBytes: {aaaaaaaaaaaa: 30_000_000, bbbbbbbbbbbb: 20_000_000, cccccccccccc: 1_000}}}],
	[100, {type: 'pull', image, layer: '3.11-slim', status: 'Pulling from team/python'}],
	[100, {type: 'pull', image, layer: 'aaaaaaaaaaaa', status: 'Already exists'}],
	[100, {type: 'pull', image, layer: 'bbbbbbbbbbbb', status: 'Pulling fs layer'}],
	[100, {type: 'pull', image, layer: 'cccccccccccc', status: 'Pulling fs layer'}],
	[1000, {type: 'pull', image, layer: 'cccccccccccc', status: 'Download complete'}],
	[2000, {type: 'pull', image, layer: 'cccccccccccc', status: 'Pull complete'}],
	[2000, {type: 'pull', image, layer: 'bbbbbbbbbbbb', status: 'Downloading', currentBytes: 5_000_000, totalBytes: 20_000_000}],
];

describe('pull progress a person can read', () => {
	it('bytes done of the total, speed, time left, and layers done with the present ones counted as such', () => {
		const meter = pullMeter(progress(midway).pulls[0]);
		// 5 001 000 bytes in 2 s: 2.5 MB/s; 15 MB left: 6 s.
		expect(meter).toEqual({kind: 'running', fraction: 5_001_000 / 20_001_000, bytes: '5.00 MB / 20.0 MB', speed: '2.50 MB/s', eta: 'ETA 0:06', layers: 'layers 2/3 (1 present)'});
	});

	it('draws the bar on the Build screen, under the image', () => {
		const {lastFrame} = render(<BuildScreen build={progress(midway)} baseline={false} interrupted={false} width={110} height={24} nowMs={2000} />);
		const frame = lastFrame() ?? '';
		expect(frame).toContain(`pull ${image}  layers 2/3 (1 present)\n  ██████░░░░░░░░░░░░░░░░░░ 5.00 MB / 20.0 MB  2.50 MB/s  ETA 0:06\n`);
	});

	it('a size not yet known is said so, with no bar and no time left', () => {
		const meter = pullMeter(progress([[0, {type: 'pull', image, status: 'pulling'}], [1000, {type: 'pull', image, layer: 'dddddddddddd', status: 'Downloading', currentBytes: 1_000_000, totalBytes: 4_000_000}], [1000, {type: 'pull', image, layer: 'eeeeeeeeeeee', status: 'Waiting'}]]).pulls[0]);
		expect(meter).toMatchObject({kind: 'running', fraction: null, bytes: '1.00 MB / 4.00 MB+', eta: null, layers: 'layers 0/2'});
	});

	it('once pulled: the bytes and the pull time, apart from any build time', () => {
		const done = progress([...midway, [3000, {type: 'pull', image, status: 'pulled', pull: {record: {image, status: 'pulled', bytes: 20_001_000, seconds: 3}}}]]);
		const {lastFrame} = render(<BuildScreen build={done} baseline={false} interrupted={false} width={110} height={24} nowMs={3000} />);
		expect(lastFrame()).toContain(`✓ pull ${image}  pulled 20.0 MB in 3.00 s  layers 2/3 (1 present)`);
	});

	it('an image already on the engine, and a failed pull with its message', () => {
		const other = 'python:3.11-slim';
		const build = progress([
			[0, {type: 'pull', image: other, status: 'present', pull: {record: {image: other, status: 'present', bytes: 0, seconds: 0}}}],
			[0, {type: 'pull', image, status: 'pulling'}],
			[500, {type: 'pull', image, status: 'failed', pull: {record: {image, status: 'failed', bytes: 0, seconds: 0.5}, message: `Registry 127.0.0.1:5000 needs credentials to pull ${image}.`}}],
		]);
		const {lastFrame} = render(<BuildScreen build={build} baseline={false} interrupted={false} width={110} height={24} nowMs={500} />);
		expect(lastFrame()).toContain(`✓ pull ${other}  already on the engine, not pulled`);
		expect(lastFrame()).toContain(`✗ pull Registry 127.0.0.1:5000 needs credentials to pull ${image}.`);
	});

	it('progressBar fills its cells in proportion', () => {
		expect(progressBar(0.5, 10)).toBe('█████░░░░░');
		expect(progressBar(2, 4)).toBe('████');
		expect(progressBar(0, 3)).toBe('░░░');
	});
});

describe('the Proposal screen notes a base image the engine lacks', () => {
	const choices = {flavor: 'slim', python: '3.12', port: 5000, wsgiTarget: 'app:app'} as const;
	const screen = (baseNotes: BaseImageNote[]) =>
		render(<ProposalScreen proposal={makeProposal(choices)} choices={choices} detectedPort={5000} existing={{dockerfile: true, dockerignore: false}} build dryRun={false} baseNotes={baseNotes} width={100} height={24} isActive={false} onChoose={() => undefined} onBuild={() => undefined} onWrite={() => undefined} onBack={() => undefined} onQuit={() => undefined} />);

	it('with the download size the registry gave, and nothing for an image already present', () => {
		const frame = screen([{image: 'python:3.12-slim', present: false, downloadBytes: 41_230_000}, {image: 'debian:12-slim', present: true, downloadBytes: null}]).lastFrame() ?? '';
		expect(frame).toContain('↓ python:3.12-slim is not on your engine yet: the build pulls it first (up to 41.2 MB to download).');
		expect(frame).not.toContain('debian:12-slim');
	});

	it('says so when the registry gave no size', () => {
		expect(pullNote({image: 'r.example.com/python:3.12', present: false, downloadBytes: null})).toBe('r.example.com/python:3.12 is not on your engine yet: the build pulls it first (the registry did not say its size).');
	});

	it('the note belongs to the Dockerfile it was checked for', () => {
		const notes = [{image: 'python:3.12-slim', present: false, downloadBytes: 1}];
		const state = reducer(initialState, {type: 'baseImagesChecked', dockerfile: 'FROM python:3.12-slim\n', notes});
		expect(state.baseNotes).toEqual({dockerfile: 'FROM python:3.12-slim\n', notes});
	});
});

describe('pull time apart from the build times in the report', () => {
	const choices = {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'} as const;
	const measurement = makeMeasurement();
	measurement.builds.pulls = [
		{image, status: 'pulled', bytes: 24_000_000, seconds: 1.5},
		{image: 'python:3.11-slim', status: 'present', bytes: 0, seconds: 0},
	];
	const report = assembleReport({report: makeReport(), findings: [], proposal: makeProposal(choices), measurement});

	it('keeps builds.pulls in the JSON report', () => {
		expect(report.builds?.pulls).toEqual(measurement.builds.pulls);
	});

	it('the Summary screen, the plain summary and the Markdown report each give it one line, apart', () => {
		const line = 'Base images, pulled before the builds (not in the build times): 24.0 MB in 1.50 s';
		const {lastFrame} = render(<SummaryScreen report={report} measureError={null} task={null} written={null} savedReportPath={null} notices={[]} dryRun={false} width={100} height={27} isActive={false} onWrite={() => undefined} onSaveReport={() => undefined} onQuit={() => undefined} />);
		expect(lastFrame()).toContain(line);
		expect(renderPlainSummary(report)).toContain(`${line}\n  ${image}: pulled 24.0 MB in 1.50 s\n  python:3.11-slim: already on the engine, not pulled\n`);
		expect(renderMarkdown(report, {date: '2026-12-01'})).toContain(`${line}\n\n- ${image}: pulled 24.0 MB in 1.50 s\n- python:3.11-slim: already on the engine, not pulled`);
	});

	it('plain progress lines: the start with the registry\'s size, the end with bytes and time, a failure with its message', () => {
		expect(plainEventLine({type: 'pull', image, status: 'pulling', pull: {layerBytes: {a: 20_000_000, b: 4_000_000}}})).toBe(`[pull] ${image}: pulling (24.0 MB in 2 layers, some may be on the engine already)`);
		expect(plainEventLine({type: 'pull', image, status: 'pulled', pull: {record: {image, status: 'pulled', bytes: 24_000_000, seconds: 1.5}}})).toBe(`[pull] ${image}: pulled 24.0 MB in 1.50 s`);
		expect(plainEventLine({type: 'pull', image, status: 'failed', pull: {record: {image, status: 'failed', bytes: 0, seconds: 0.1}, message: 'Registry x needs credentials.'}})).toBe(`[pull] ${image}: Registry x needs credentials.`);
	});
});
