// The full-log viewer: each side's build log and container log, scrolled and searched.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {LogViewer} from '../../source/ui/components/log-viewer.js';
import {initialLogView, logViewReducer, shownLines, type LogSource, type LogViewAction, type LogViewState} from '../../source/ui/components/log-view-state.js';
import {summaryLogSources} from '../../source/ui/log-sources.js';
import {applyEngineEvent, idleBuild} from '../../source/ui/state.js';
import {buildLogSources} from '../../source/ui/log-sources.js';
import {makeMeasurement} from './fixtures.js';
import {frameContains, keys, waitFor} from './helpers.js';

const pip = Array.from({length: 60}, (_, index) => `Collecting package-${index}`);
const sources: LogSource[] = [
	{id: 'before-build', label: 'before build', lines: [...pip, 'ERROR: No matching distribution found for flask==9.9'], cutLines: 0, empty: 'none'},
	{id: 'after-container', label: 'after container', lines: ['Listening at: http://0.0.0.0:5000', 'ERROR in app: boom', 'ERROR again'], cutLines: 1200, empty: 'none'},
];

function run(actions: LogViewAction[], height = 10): LogViewState {
	return actions.reduce((state, action) => logViewReducer(state, action, sources, height), initialLogView(sources, height));
}

describe('the log viewer state', () => {
	it('opens on the last lines, where a failure states its cause', () => {
		expect(initialLogView(sources, 10).offset).toBe(51);
		expect(run([{type: 'top'}]).offset).toBe(0);
		expect(run([{type: 'scroll', lines: 100}]).offset).toBe(51);
	});

	it('searches with /, says which match it is, and wraps around with n', () => {
		const typed = run([{type: 'top'}, {type: 'startSearch'}, ...[...'package-4'].map(text => ({type: 'type', text}) as const), {type: 'commitSearch'}]);
		expect(typed).toMatchObject({query: 'package-4', match: 4, note: 'match 1 of 11 for "package-4"'});
		const last = Array.from({length: 10}, () => ({type: 'nextMatch', step: 1}) as const).reduce((state, action) => logViewReducer(state, action, sources, 10), typed);
		expect(last.match).toBe(49);
		const wrapped = logViewReducer(last, {type: 'nextMatch', step: 1}, sources, 10);
		expect(wrapped).toMatchObject({match: 4, note: 'match 1 of 11 for "package-4" (wrapped around)'});
		expect(logViewReducer(wrapped, {type: 'nextMatch', step: -1}, sources, 10).match).toBe(49);
		expect(run([{type: 'startSearch'}, {type: 'type', text: 'nothing like it'}, {type: 'commitSearch'}]).note).toBe('no match for "nothing like it"');
	});

	it('says when lines were cut to keep memory bounded', () => {
		expect(shownLines(sources[1])[0]).toBe('… 1200 earlier line(s) were cut to keep memory bounded; the newest are kept');
	});

	it('offers each side\'s build and container logs, and says why one is empty', () => {
		const measurement = makeMeasurement({afterOk: false});
		measurement.builds.before.logs = {build: ['Step 1/5 : FROM python:3.11'], container: ['Booting worker'], cutLines: 0};
		const offered = summaryLogSources(measurement);
		expect(offered.map(source => source.label)).toEqual(['before build', 'before container', 'after build', 'after container']);
		expect(offered[1].lines).toEqual(['Booting worker']);
		expect(offered[3]).toMatchObject({lines: [], empty: 'Not run: no container was started for this side.'});
		let build = idleBuild();
		build = applyEngineEvent(build, {type: 'step', side: 'after', phase: 'build', index: 2, total: 4, instruction: 'RUN pip install .'}, 0);
		build = applyEngineEvent(build, {type: 'log', side: 'after', line: 'Processing /app'}, 0);
		expect(buildLogSources(build)[1].lines).toEqual(['Step 2/4 : RUN pip install .', 'Processing /app']);
	});
});

describe('LogViewer', () => {
	it('switches logs with tab, searches with / and n, and closes with q', async () => {
		let closed = false;
		const app = render(<LogViewer sources={sources} width={80} height={12} isActive onClose={() => (closed = true)} />);
		const until = (text: string) => waitFor(frameContains(app.lastFrame, text), `"${text}" on screen`);
		await until('No matching distribution found');
		app.stdin.write('/');
		await until('enter to search');
		app.stdin.write('package-5');
		await until('/package-5');
		app.stdin.write(keys.enter);
		await until('match 3 of 11 for "package-5"');
		app.stdin.write('n');
		await until('match 4 of 11');
		app.stdin.write(keys.tab);
		await until('ERROR in app: boom');
		expect(app.lastFrame()).toContain('earlier line(s) were cut');
		app.stdin.write('q');
		await waitFor(() => closed, 'the viewer to close');
		app.unmount();
	});
});
