import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {applyExplainEvent, finishExplain, startExplain} from '../../source/ui/explain-state.js';
import {SummaryScreen, summaryBindings, type SummaryScreenProps} from '../../source/ui/screens/summary-screen.js';
import {screenHelp} from '../../source/ui/screen-help.js';
import {initialState, reducer} from '../../source/ui/state.js';
import {sampleExplanation} from '../report/explain-sample.js';
import {findings, makeMeasurement, makeProposal, makeReport} from './fixtures.js';
import {waitFor} from './helpers.js';

const choices = {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'} as const;

describe('explain progress', () => {
	it('follows the steps, the build output and the end', () => {
		let progress = startExplain(1000);
		progress = applyExplainEvent(progress, {type: 'explain-step', index: 1, total: 6, change: 'The proposed .dockerignore', phase: 'build'}, 2000);
		progress = applyExplainEvent(progress, {type: 'step', side: 'after', phase: 'build', index: 3, total: 5, instruction: 'RUN pip install -r requirements.txt'}, 2000);
		progress = applyExplainEvent(progress, {type: 'log', side: 'after', line: 'Collecting flask\r'}, 2000);
		expect(progress).toMatchObject({running: true, current: {index: 1, total: 6, phase: 'build'}, instruction: 'RUN pip install -r requirements.txt', logTail: ['Collecting flask']});
		progress = applyExplainEvent(progress, {type: 'explain-step', index: 2, total: 6, change: 'Slim base', phase: 'build'}, 2000);
		expect(progress.logTail).toEqual([]);
		expect(finishExplain(progress, 'stopped')).toMatchObject({running: false, error: 'stopped'});
	});

	it('the wizard keeps the summary open while it runs, and takes the report it ends with', () => {
		const onSummary = {...initialState, screen: 'summary' as const, result: assembleReport({report: makeReport(), findings, proposal: makeProposal({...choices}), measurement: makeMeasurement()})};
		const running = reducer(onSummary, {type: 'explainStarted', atMs: 5});
		expect(running.explain.running).toBe(true);
		expect(reducer(running, {type: 'quit'}).exitCode).toBeNull();
		const explained = {...onSummary.result, explain: sampleExplanation()};
		const done = reducer(running, {type: 'explained', report: explained, error: null});
		expect(done.result?.explain?.steps).toHaveLength(4);
		expect(done.explain.running).toBe(false);
	});
});

describe('SummaryScreen: measured step by step', () => {
	const dockwizReport = assembleReport({report: makeReport(), findings, proposal: makeProposal({...choices}), measurement: makeMeasurement()});
	const base: Omit<SummaryScreenProps, 'report'> = {
		measureError: null, task: null, written: null, savedReportPath: null, notices: [], dryRun: false, width: 110, height: 30, isActive: true,
		onWrite: () => undefined, onSaveReport: () => undefined, onQuit: () => undefined,
	};

	it('e starts the explanation and shows its live progress', async () => {
		let asked = 0;
		const explain = applyExplainEvent(startExplain(Date.now()), {type: 'explain-step', index: 2, total: 7, change: 'Slim base (python:3.11-slim)', phase: 'rebuild'}, 2000);
		const app = render(<SummaryScreen {...base} report={dockwizReport} explain={explain} onExplain={() => asked++} />);
		expect(app.lastFrame()).toContain('Measured step by step');
		app.stdin.write('x');
		await waitFor(() => (app.lastFrame() ?? '').includes('Step 3/7: Slim base (python:3.11-slim)'), 'the progress view');
		expect(asked).toBe(1);
		expect(app.lastFrame()).toContain('warm rebuild');
		expect(summaryBindings({dryRun: false, onExplain: () => undefined}).map(binding => binding.keys)).toContain('x');
	});

	it('shows the waterfall bars and where the bytes are once measured', async () => {
		const app = render(<SummaryScreen {...base} report={{...dockwizReport, explain: sampleExplanation()}} explain={finishExplain(startExplain(0), null)} onExplain={() => undefined} />);
		app.stdin.write('x');
		await waitFor(() => (app.lastFrame() ?? '').includes('Each change measured on its own'), 'the waterfall');
		const frame = app.lastFrame() ?? '';
		expect(frame).toMatch(/1\. Before: your Dockerfile +█+/);
		expect(frame).toContain('200 MB -670 MB');
	});

	it('the frame\'s key help names x once something was measured, and the idle tab says to press x', async () => {
		const onSummary = {...initialState, screen: 'summary' as const, result: dockwizReport};
		const keys = (state: typeof onSummary) => screenHelp(state, {build: true, dryRun: false}).map(binding => `${binding.keys} ${binding.action}`);
		expect(keys({...onSummary, measurement: makeMeasurement()})).toContain('x explain');
		expect(keys({...onSummary, measurement: null})).not.toContain('x explain');
		const app = render(<SummaryScreen {...base} report={dockwizReport} explain={finishExplain(startExplain(0), null)} onExplain={() => undefined} />);
		app.stdin.write('\t');
		app.stdin.write('\t');
		await waitFor(() => (app.lastFrame() ?? '').includes('Press x to build each change'), 'the idle explain tab');
	});

	it('offers no explanation tab or key on a run that built nothing', () => {
		const app = render(<SummaryScreen {...base} report={assembleReport({report: makeReport(), findings, proposal: makeProposal({...choices}), measurement: null})} />);
		expect(app.lastFrame()).not.toContain('Measured step by step');
		expect(summaryBindings({dryRun: false}).map(binding => binding.keys)).not.toContain('x');
	});
});
