import {render} from 'ink-testing-library';
import {useContext} from 'react';
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import {assembleReport} from '../../source/report/assemble.js';
import {BuildScreen} from '../../source/ui/screens/build-screen.js';
import {SummaryScreen, type SummaryScreenProps} from '../../source/ui/screens/summary-screen.js';
import {applyEngineEvent, idleBuild, type BuildProgress} from '../../source/ui/state.js';
import {ThemeContext, colorsEnabled, useColor} from '../../source/ui/theme.js';
import {engineEvents, fakeWork, findings, makeMeasurement, makeOptions, makeProposal, makeReport} from './fixtures.js';
import {frameContains, keys, waitFor} from './helpers.js';

const choices = {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'} as const;

function progressAfter(count: number, startMs = 0): BuildProgress {
	const start: BuildProgress = {...idleBuild(), startedAtMs: startMs};
	return engineEvents.slice(0, count).reduce((build, event) => applyEngineEvent(build, event, startMs), start);
}

describe('BuildScreen', () => {
	it('shows the pull progress before any build', () => {
		const {lastFrame} = render(<BuildScreen build={progressAfter(3)} baseline={false} interrupted={false} width={100} height={21} nowMs={65_000} />);
		const frame = lastFrame() ?? '';
		expect(frame).toContain('Pulling the base images first');
		expect(frame).toContain('pull python:3.11-slim  layers 0/1');
		expect(frame).toContain('  ██████░░░░░░░░░░░░░░░░░░ 10.0 MB / 40.0 MB');
		expect(frame).toContain('Docker 20.10.24 (API 1.41)');
		expect(frame).toContain('elapsed 1:05');
	});

	it('names a remote engine and where its app is probed', () => {
		const remote = {endpoint: 'ssh://deploy@build-box:2222', engineVersion: '27.3.1', apiVersion: '1.47', builders: ['classic'], appHost: '127.0.0.1 on build-box, through SSH'};
		const build = applyEngineEvent({...idleBuild(), startedAtMs: 0}, {type: 'engine', info: remote}, 0);
		const {lastFrame} = render(<BuildScreen build={build} baseline={false} interrupted={false} width={140} height={21} nowMs={0} />);
		expect(lastFrame()).toContain('Docker 27.3.1 (API 1.47) at ssh://deploy@build-box:2222; app probed at 127.0.0.1 on build-box, through SSH');
	});

	it('shows step i/n, the current instruction, its clock and the log tail while building', () => {
		const build = progressAfter(9, 1_000);
		const {lastFrame} = render(<BuildScreen build={build} baseline={false} interrupted={false} width={100} height={21} nowMs={13_500} />);
		const frame = lastFrame() ?? '';
		expect(frame).toContain('Cold build (no cache) — before');
		expect(frame).toContain('step 4/5');
		expect(frame).toContain('0:12');
		expect(frame).toContain('RUN pip install -r requirements.txt');
		expect(frame).toContain('│ Collecting flask');
		expect(frame).toContain('│ Successfully installed flask-3.0.0');
		expect(frame).toContain('BEFORE your Dockerfile');
	});

	it('marks finished builds, rebuilds and smoke tests, and a running smoke test', () => {
		const build = progressAfter(22);
		const {lastFrame} = render(<BuildScreen build={build} baseline={true} interrupted={false} width={100} height={21} nowMs={0} />);
		const frame = lastFrame() ?? '';
		expect(frame).toContain('naive baseline (you had no Dockerfile)');
		expect(frame).toContain('✓ cold build   50.3 s');
		expect(frame).toContain('✓ warm rebuild 21.4 s');
		expect(frame).toContain('✓ smoke test   HTTP 200 after 1.30 s');
		expect(frame).toContain('smoke test   started the container, waiting for an HTTP answer');
	});

	it('shows a failed build with its error and the interruption', () => {
		const build = applyEngineEvent(progressAfter(5), {type: 'built', side: 'before', phase: 'build', ok: false, seconds: 2, error: 'COPY failed: no such file'}, 0);
		const {lastFrame} = render(<BuildScreen build={build} baseline={false} interrupted={true} width={100} height={21} nowMs={0} />);
		expect(lastFrame()).toContain('✗ cold build   failed: COPY failed: no such file');
		expect(lastFrame()).toContain("Stopping: aborting the builds and removing dockwiz's containers and images");
	});
});

describe('SummaryScreen', () => {
	const report = makeReport();
	const proposal = makeProposal({...choices});
	const base: Omit<SummaryScreenProps, 'report'> = {
		measureError: null,
		task: null,
		written: null,
		savedReportPath: null,
		notices: [],
		dryRun: false,
		width: 100,
		height: 27,
		isActive: true,
		onWrite: () => undefined,
		onSaveReport: () => undefined,
		onQuit: () => undefined,
	};

	it('explains a run without builds', () => {
		const dockwizReport = assembleReport({report, findings, proposal, measurement: null});
		const {lastFrame} = render(<SummaryScreen {...base} report={dockwizReport} />);
		// It opens on the changes, since there are no numbers to show.
		expect(lastFrame()).toContain('Not built (--no-build)');
		expect(lastFrame()).toContain('Smaller image');
		expect(lastFrame()).toContain('• Slim base image');
	});

	it('says why measuring stopped', () => {
		const dockwizReport = assembleReport({report, findings, proposal, measurement: null});
		const {lastFrame} = render(<SummaryScreen {...base} report={dockwizReport} measureError="the Docker engine stopped answering" />);
		expect(lastFrame()).toContain('Measuring stopped: the Docker engine stopped answering');
		expect(lastFrame()).not.toContain('Not built');
	});

	it('shows what each change bought with the measured numbers, scrollable', async () => {
		const dockwizReport = assembleReport({report, findings, proposal, measurement: makeMeasurement()});
		const app = render(<SummaryScreen {...base} report={dockwizReport} height={5} />);
		app.stdin.write(keys.tab);
		await waitFor(frameContains(app.lastFrame, 'measured: Image size 1.09 GB → 152 MB (0.14×)'), 'the changes view');
		expect(app.lastFrame()).toContain('Smaller image');
		for (let i = 0; i < 4; i++) app.stdin.write(keys.down);
		await waitFor(() => !(app.lastFrame() ?? '').includes('Smaller image'), 'scrolling');
		expect(app.lastFrame()).toContain('python:3.11 carries compilers');
		expect(app.lastFrame()).toMatch(/What each change bought +lines 5-7 of \d+/);
	});

	it('shows no position when the changes fit the screen, nor on the numbers tab', async () => {
		const dockwizReport = assembleReport({report, findings, proposal, measurement: makeMeasurement()});
		const app = render(<SummaryScreen {...base} report={dockwizReport} height={60} />);
		expect(app.lastFrame()).not.toContain('lines ');
		app.stdin.write(keys.tab);
		await waitFor(frameContains(app.lastFrame, 'Smaller image'), 'the changes view');
		expect(app.lastFrame()).not.toContain('lines ');
	});

	it('reports the outcome of the actions', () => {
		const dockwizReport = assembleReport({report, findings, proposal, measurement: makeMeasurement()});
		const {lastFrame} = render(
			<SummaryScreen
				{...base}
				report={dockwizReport}
				written={{written: ['Dockerfile'], backups: ['Dockerfile.dockwiz-backup'], unchanged: ['.dockerignore']}}
				savedReportPath="dockwiz-report.md"
			/>,
		);
		expect(lastFrame()).toContain('Wrote Dockerfile (backups: Dockerfile.dockwiz-backup); unchanged: .dockerignore.');
		expect(lastFrame()).toContain('Report saved to dockwiz-report.md.');
	});
});

describe('layout', () => {
	function setSize(stdout: object, columns: number, rows: number) {
		Object.defineProperty(stdout, 'columns', {configurable: true, get: () => columns});
		Object.defineProperty(stdout, 'rows', {configurable: true, get: () => rows});
	}

	function fits(frame: string, columns: number, rows: number) {
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(rows);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
		// The key help is always the last line.
		expect(lines.at(-1)).toMatch(/ctrl\+c|quit/);
	}

	it('every screen fits 80x24 with its key help, and redraws on resize', async () => {
		const {work} = fakeWork({measureHangs: true, events: engineEvents.slice(0, 12)});
		const app = render(<App options={makeOptions()} work={work} onExit={() => undefined} color={false} />);
		setSize(app.stdout, 80, 24);
		app.stdout.emit('resize');
		const frame = () => app.lastFrame() ?? '';
		await waitFor(() => frame().includes('4 findings') && frame().split('\n')[1].length === 80, 'findings at 80 columns');
		fits(frame(), 80, 24);
		app.stdin.write(keys.enter);
		await waitFor(frameContains(app.lastFrame, 'Changes & why'), 'proposal');
		fits(frame(), 80, 24);
		app.stdin.write(keys.enter);
		await waitFor(frameContains(app.lastFrame, 'step 4/8'), 'build');
		fits(frame(), 80, 24);

		setSize(app.stdout, 100, 30);
		app.stdout.emit('resize');
		await waitFor(() => frame().split('\n')[1].length === 100, 'redraw at 100 columns');
		fits(frame(), 100, 30);
		app.stdin.write(keys.ctrlC);
	});

	it('the summary fits 80x24', async () => {
		const {work} = fakeWork();
		const app = render(<App options={makeOptions()} work={work} onExit={() => undefined} color={false} />);
		setSize(app.stdout, 80, 24);
		app.stdout.emit('resize');
		await waitFor(frameContains(app.lastFrame, '4 findings'), 'findings');
		app.stdin.write(keys.enter);
		await waitFor(frameContains(app.lastFrame, 'Changes & why'), 'proposal');
		app.stdin.write(keys.enter);
		await waitFor(frameContains(app.lastFrame, 'Before / after'), 'summary');
		fits(app.lastFrame() ?? '', 80, 24);
		expect(app.lastFrame()).toContain('Image size');
		expect(app.lastFrame()).toContain('HTTP');
	});
});

describe('colours', () => {
	function Probe() {
		const color = useColor();
		const theme = useContext(ThemeContext);
		return <Text>{`${String(theme.color)}:${color('red') ?? 'none'}`}</Text>;
	}

	it('turns every colour off when NO_COLOR is set', () => {
		expect(colorsEnabled({NO_COLOR: '1'})).toBe(false);
		expect(colorsEnabled({})).toBe(true);
		expect(colorsEnabled({NO_COLOR: ''})).toBe(true);
		const off = render(
			<ThemeContext.Provider value={{color: false}}>
				<Probe />
			</ThemeContext.Provider>,
		);
		expect(off.lastFrame()).toBe('false:none');
		const on = render(
			<ThemeContext.Provider value={{color: true}}>
				<Probe />
			</ThemeContext.Provider>,
		);
		expect(on.lastFrame()).toBe('true:red');
	});
});

describe('small helpers', () => {
	it('names where a finding is: the line in the Dockerfile, else the file', async () => {
		const {where} = await import('../../source/ui/screens/findings-screen.js');
		expect(where(findings[0], 'Dockerfile')).toBe('4');
		expect(where({...findings[0], file: 'Dockerfile'}, 'Dockerfile')).toBe('4');
		expect(where(findings[2], 'Dockerfile')).toBe('.dockerignore');
		expect(where({...findings[2], file: '.venv/bin/python3.11', line: 2}, 'Dockerfile')).toBe('.venv/bin/py…');
		expect(where({...findings[0], line: null}, 'Dockerfile')).toBe('—');
	});

	it('keeps the first and the last key bindings when the line is narrow', async () => {
		const {fitBindings} = await import('../../source/ui/components/key-help.js');
		const bindings = [
			{keys: 'enter', action: 'build & compare'},
			{keys: 'tab', action: 'view'},
			{keys: 'f/p/o', action: 'base/python/port'},
			{keys: 'q', action: 'quit'},
		];
		expect(fitBindings(bindings, 200)).toEqual(bindings);
		expect(fitBindings(bindings, 40).map(b => b.keys)).toEqual(['enter', 'tab', 'q']);
		expect(fitBindings(bindings, 10).map(b => b.keys)).toEqual(['enter', 'q']);
	});

	it('wraps words to a width and cuts words longer than it', async () => {
		const {wrapText} = await import('../../source/ui/wrap.js');
		expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapText('abcdefghijklmnop', 8)).toEqual(['abcdefgh', 'ijklmnop']);
		expect(wrapText('a\nb', 20)).toEqual(['a', 'b']);
	});

	it('windows a list and follows a selection', async () => {
		const {follow, listWindow} = await import('../../source/ui/window.js');
		const items = Array.from({length: 10}, (_, i) => i);
		expect(listWindow(items, 8, 4)).toEqual({items: [6, 7, 8, 9], offset: 6, above: 6, below: 0});
		expect(listWindow(items, -3, 4).items).toEqual([0, 1, 2, 3]);
		expect(follow(5, 0, 4)).toBe(2);
		expect(follow(1, 3, 4)).toBe(1);
		expect(follow(4, 3, 4)).toBe(3);
	});

	it('treats a burst of tabs as a tab', async () => {
		const {isTabs} = await import('../../source/ui/keys.js');
		expect(isTabs('\t\t')).toBe(true);
		expect(isTabs('\t')).toBe(false);
		expect(isTabs('a\t')).toBe(false);
	});
});

describe('ProjectGlance', () => {
	it('says when the WSGI target is only assumed, and when there is no Dockerfile yet', async () => {
		const {ProjectGlance} = await import('../../source/ui/screens/project-glance.js');
		const report = makeReport({wsgiTarget: null, wsgiCandidates: [], dockerfile: null, context: {...makeReport().context, secrets: []}});
		const {lastFrame} = render(<ProjectGlance report={report} wsgiTarget="app:app" />);
		expect(lastFrame()).toContain('flask → app:app (assumed: no app object was found)');
		expect(lastFrame()).toContain('none yet (dockwiz will write one)');
		expect(lastFrame()).not.toContain('Secrets');
	});
});

describe('spreadLine', () => {
	it('says the times are medians with the range of the runs, only with --runs > 1', async () => {
		const {spreadLine} = await import('../../source/ui/screens/summary-screen.js');
		const proposal = makeProposal({...choices});
		const measurement = makeMeasurement();
		expect(spreadLine(assembleReport({report: makeReport(), findings, proposal, measurement}))).toBeNull();
		const spread = (min: number, median: number, max: number) => ({median, min, max, runs: [min, median, max]});
		measurement.builds.before.spread = {buildSeconds: spread(49, 50.3, 52), rebuildSeconds: spread(20, 21.4, 23)};
		measurement.builds.after.spread = {buildSeconds: spread(17.5, 18.2, 19), rebuildSeconds: spread(1, 1.1, 1.3)};
		expect(spreadLine(assembleReport({report: makeReport(), findings, proposal, measurement}))).toBe(
			'Times are medians of 3 runs: cold build 49.0 s–52.0 s before, 17.5 s–19.0 s after; rebuild 20.0 s–23.0 s before, 1.00 s–1.30 s after.',
		);
	});
});
