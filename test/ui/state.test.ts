import {describe, expect, it} from 'vitest';
import {applyEngineEvent, canEdit, idleBuild, initialState, outcomeExitCode, reducer, type Action, type State} from '../../source/ui/state.js';
import {assembleReport} from '../../source/report/assemble.js';
import {engineEvents, findings, makeMeasurement, makeProposal, makeReport} from './fixtures.js';

const choices = {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'} as const;

function run(actions: Action[], from: State = initialState): State {
	return actions.reduce(reducer, from);
}

const scanned: Action = {type: 'scanned', report: makeReport(), choices: {...choices}, findings, proposal: makeProposal({...choices})};
// The flow's report reaching the summary (its content does not decide the exit code).
const reported: Action = {type: 'reported', report: assembleReport({report: makeReport(), findings, proposal: makeProposal({...choices}), measurement: null})};

describe('reducer: the flow', () => {
	it('starts on the scan screen with nothing found', () => {
		expect(initialState.screen).toBe('scan');
		expect(initialState.exitCode).toBeNull();
	});

	it('collects scan progress, keeping the newest 50', () => {
		const actions: Action[] = Array.from({length: 60}, (_, i) => ({type: 'scanProgress', message: `m${i}`}));
		const state = run(actions);
		expect(state.scanMessages).toHaveLength(50);
		expect(state.scanMessages.at(-1)).toBe('m59');
	});

	it('goes scan -> findings -> proposal -> build -> summary', () => {
		let state = run([scanned]);
		expect(state.screen).toBe('findings');
		expect(state.findings).toHaveLength(4);
		state = reducer(state, {type: 'showProposal'});
		expect(state.screen).toBe('proposal');
		state = reducer(state, {type: 'buildStarted', atMs: 1000});
		expect(state.screen).toBe('build');
		expect(state.build.startedAtMs).toBe(1000);
		state = reducer(state, {type: 'measured', measurement: makeMeasurement()});
		expect(state.screen).toBe('summary');
		expect(state.measurement?.builds.after.sizeBytes).toBe(152_000_000);
	});

	it('goes back from the proposal to the findings', () => {
		const state = run([scanned, {type: 'showProposal'}, {type: 'back'}]);
		expect(state.screen).toBe('findings');
	});

	it('skips the build screen with --no-build', () => {
		const state = run([scanned, {type: 'showProposal'}, {type: 'skipBuild', write: false}]);
		expect(state.screen).toBe('summary');
		expect(state.measurement).toBeNull();
	});

	it('ignores actions that do not belong to the current screen', () => {
		expect(run([{type: 'showProposal'}]).screen).toBe('scan');
		expect(run([{type: 'buildStarted', atMs: 1}]).screen).toBe('scan');
		expect(run([scanned, {type: 'measured', measurement: makeMeasurement()}]).screen).toBe('findings');
		expect(run([scanned, {type: 'scanProgress', message: 'late'}]).scanMessages).toEqual([]);
	});

	it('replaces the advice when a choice changes', () => {
		const alpine = {...choices, flavor: 'alpine' as const};
		const state = run([scanned, {type: 'advised', choices: alpine, findings: [], proposal: makeProposal(alpine)}]);
		expect(state.choices?.flavor).toBe('alpine');
		expect(state.proposal?.dockerfile).toContain('python:3.11-alpine');
		expect(state.findings).toEqual([]);
	});

	it('shows a failure and exits with its code', () => {
		let state = run([{type: 'failed', message: 'No Python app here. Run dockwiz in the folder of your Flask app.', exitCode: 2}]);
		expect(state.screen).toBe('failed');
		state = reducer(state, {type: 'quit'});
		expect(state.exitCode).toBe(2);
	});

	it('shows a measurement that threw on the summary and exits 1', () => {
		const state = run([scanned, {type: 'showProposal'}, {type: 'buildStarted', atMs: 0}, {type: 'measureFailed', message: 'engine went away'}, reported, {type: 'quit'}]);
		expect(state.measureError).toBe('engine went away');
		expect(state.exitCode).toBe(1);
	});
});

describe('reducer: tasks and quitting', () => {
	const atSummary = run([scanned, {type: 'showProposal'}, {type: 'skipBuild', write: false}, reported]);

	it('runs one task at a time and records its outcome', () => {
		let state = reducer(atSummary, {type: 'taskStarted', task: 'writing'});
		expect(state.task).toBe('writing');
		expect(reducer(state, {type: 'taskStarted', task: 'saving'}).task).toBe('writing');
		state = reducer(state, {type: 'written', outcome: {written: ['Dockerfile'], backups: ['Dockerfile.bak'], unchanged: []}});
		expect(state.task).toBeNull();
		expect(state.written?.backups).toEqual(['Dockerfile.bak']);
		state = run([{type: 'taskStarted', task: 'saving'}, {type: 'reportSaved', path: 'dockwiz-report.md'}], state);
		expect(state.savedReportPath).toBe('dockwiz-report.md');
	});

	it('keeps failed tasks as notices, the newest four', () => {
		const actions: Action[] = Array.from({length: 6}, (_, i) => ({type: 'taskFailed', message: `n${i}`}));
		const state = run(actions, atSummary);
		expect(state.notices).toEqual(['n2', 'n3', 'n4', 'n5']);
	});

	it('does not quit while a task, a scan or a build runs', () => {
		expect(reducer(reducer(atSummary, {type: 'taskStarted', task: 'writing'}), {type: 'quit'}).exitCode).toBeNull();
		expect(reducer(initialState, {type: 'quit'}).exitCode).toBeNull();
		const building = run([scanned, {type: 'showProposal'}, {type: 'buildStarted', atMs: 0}]);
		expect(reducer(building, {type: 'quit'}).exitCode).toBeNull();
	});

	it('quits with 0 after a good run and 1 when a build or smoke test failed', () => {
		const at = (measurement: ReturnType<typeof makeMeasurement>) =>
			run([scanned, {type: 'showProposal'}, {type: 'buildStarted', atMs: 0}, {type: 'measured', measurement}, reported, {type: 'quit'}]).exitCode;
		expect(at(makeMeasurement())).toBe(0);
		expect(at(makeMeasurement({afterOk: false}))).toBe(1);
		expect(at(makeMeasurement({afterSmokeOk: false}))).toBe(1);
	});

	it('after Ctrl+C ignores everything until the work settles, then exits 130', () => {
		let state = run([scanned, {type: 'showProposal'}, {type: 'buildStarted', atMs: 0}, {type: 'interrupt'}]);
		expect(state.interrupted).toBe(true);
		state = run([{type: 'measured', measurement: makeMeasurement()}, {type: 'quit'}], state);
		expect(state.screen).toBe('build');
		expect(state.exitCode).toBeNull();
		state = reducer(state, {type: 'settled'});
		expect(state.exitCode).toBe(130);
		expect(reducer(state, {type: 'failed', message: 'x', exitCode: 2})).toBe(state);
	});

	it('ignores a settle without an interrupt', () => {
		expect(reducer(initialState, {type: 'settled'}).exitCode).toBeNull();
	});

	it('does not quit on the summary before the flow has assembled the report', () => {
		const before = run([scanned, {type: 'showProposal'}, {type: 'skipBuild', write: false}]);
		expect(before.result).toBeNull();
		expect(reducer(before, {type: 'quit'}).exitCode).toBeNull();
		expect(reducer(reducer(before, reported), {type: 'quit'}).exitCode).toBe(0);
	});

	it('records w on the proposal as a write asked for without a build', () => {
		const state = run([scanned, {type: 'showProposal'}, {type: 'skipBuild', write: true}]);
		expect(state).toMatchObject({screen: 'summary', buildSkipped: true, writeAsked: true});
	});

	it('ends with the code of a write or save the flags asked for and that failed, and shows why', () => {
		const failure = {message: 'Could not save the report: Cannot write the report to /x/r.md (ENOENT). Pick a writable path with --report.', exitCode: 2};
		const state = run([{type: 'taskStarted', task: 'saving'}, {type: 'concluded', failure}], atSummary);
		expect(state.task).toBeNull();
		expect(state.notices.at(-1)).toBe(failure.message);
		expect(reducer(state, {type: 'quit'}).exitCode).toBe(2);
	});

	it('outcomeExitCode is 0 when nothing was built', () => {
		expect(outcomeExitCode(atSummary)).toBe(0);
	});
});

describe('applyEngineEvent', () => {
	const final = engineEvents.reduce((build, event, index) => applyEngineEvent(build, event, index * 1000), idleBuild());

	it('records the engine and the last phase', () => {
		expect(final.engine?.engineVersion).toBe('20.10.24');
		expect(final.phase).toBe('cleanup');
	});

	it('sums pull progress per image and completes finished layers', () => {
		const first = applyEngineEvent(idleBuild(), engineEvents[2], 0);
		expect(first.pulls[0].layers.a1).toEqual({state: 'downloading', currentBytes: 10_000_000, totalBytes: 40_000_000});
		expect(final.pulls).toHaveLength(1);
		expect(final.pulls[0].layers.a1).toEqual({state: 'downloaded', currentBytes: 40_000_000, totalBytes: 40_000_000});
		// Stamped with the clock of its first and last events: the speed and time left come from them.
		expect(final.pulls[0]).toMatchObject({startedAtMs: 2000, updatedAtMs: 3000, record: null, message: null});
		expect(final.pulls[0].status).toBe('Download complete');
	});

	it('tracks steps, builds, rebuilds and smoke tests per side', () => {
		expect(final.before.build).toEqual({ok: true, seconds: 50.3});
		expect(final.before.rebuild).toEqual({ok: true, seconds: 21.4});
		expect(final.after.rebuild).toEqual({ok: true, seconds: 1.1});
		expect(final.after.smoke).toEqual({status: 'ok', httpStatus: 200, seconds: 0.8});
		expect(final.before.logTail).toEqual(['Collecting flask', 'Successfully installed flask-3.0.0']);
		expect(final.before.runningSinceMs).toBeNull();
	});

	it('starts the elapsed clock at the first step of a phase and keeps it for later steps', () => {
		let build = applyEngineEvent(idleBuild(), {type: 'step', side: 'after', phase: 'build', index: 1, total: 3, instruction: 'FROM x'}, 500);
		build = applyEngineEvent(build, {type: 'step', side: 'after', phase: 'build', index: 2, total: 3, instruction: 'COPY . .'}, 900);
		expect(build.after.runningSinceMs).toBe(500);
		expect(build.after.step).toEqual({index: 2, total: 3, instruction: 'COPY . .'});
		build = applyEngineEvent(build, {type: 'step', side: 'after', phase: 'rebuild', index: 1, total: 3, instruction: 'FROM x'}, 2000);
		expect(build.after.runningSinceMs).toBe(2000);
	});

	it('keeps the last 8 non-blank log lines and a failed build error', () => {
		let build = idleBuild();
		for (let i = 0; i < 12; i++) build = applyEngineEvent(build, {type: 'log', side: 'before', line: `line ${i}\n`}, 0);
		build = applyEngineEvent(build, {type: 'log', side: 'before', line: '   '}, 0);
		expect(build.before.logTail).toHaveLength(8);
		expect(build.before.logTail.at(-1)).toBe('line 11');
		build = applyEngineEvent(build, {type: 'built', side: 'before', phase: 'build', ok: false, seconds: 3, error: 'exit 1'}, 0);
		expect(build.before.build).toEqual({ok: false, seconds: 3, error: 'exit 1'});
	});

	it('keeps the newest warnings', () => {
		let build = idleBuild();
		for (let i = 0; i < 7; i++) build = applyEngineEvent(build, {type: 'warning', message: `w${i}`}, 0);
		expect(build.warnings).toEqual(['w2', 'w3', 'w4', 'w5', 'w6']);
	});
});

describe('visibleLine', () => {
	it('keeps only the visible text of build output', async () => {
		const {visibleLine} = await import('../../source/ui/state.js');
		expect(visibleLine('\u001B[32mSuccessfully built\u001B[0m abc\n')).toBe('Successfully built abc');
		expect(visibleLine('Downloading 10%\rDownloading 50%\rDownloading 100%\r')).toBe('Downloading 100%');
		expect(visibleLine('a\u0007b\u0000c\td')).toBe('abc  d');
		expect(visibleLine('\u001B]0;title\u0007text')).toBe('text');
	});

	it('drops lines with nothing visible from the log tail', () => {
		const build = applyEngineEvent(idleBuild(), {type: 'log', side: 'after', line: '\u001B[0m\r\n'}, 0);
		expect(build.after.logTail).toEqual([]);
	});
});

describe('reducer: fix in place', () => {
	const failedAfter = run([scanned, {type: 'showProposal'}, {type: 'buildStarted', atMs: 0}, {type: 'engineEvent', event: {type: 'log', side: 'before', line: 'Collecting flask'}, atMs: 1}, {type: 'measured', measurement: makeMeasurement({afterOk: false})}, reported]);

	it('offers the edit only on a reported Summary whose after side failed', () => {
		expect(canEdit(failedAfter)).toBe(true);
		expect(canEdit(run([scanned, {type: 'showProposal'}, {type: 'buildStarted', atMs: 0}, {type: 'measured', measurement: makeMeasurement()}, reported]))).toBe(false);
	});

	it('puts the edit in the proposal and rebuilds the after alone, keeping the before as it was', () => {
		const edited = reducer(failedAfter, {type: 'edited', file: 'Dockerfile', text: 'FROM python:3.11-slim\nENV DBUSER=app\n', atMs: 5});
		expect(edited).toMatchObject({screen: 'build', attempt: 1, result: null, proposal: {dockerfile: 'FROM python:3.11-slim\nENV DBUSER=app\n'}});
		expect(edited.proposal?.warnings.at(-1)).toBe('The Dockerfile was edited by you after the proposal; the changes listed are the proposal\'s own.');
		expect(edited.build.before.log.lines).toEqual(['Collecting flask']);
		expect(edited.build.after.log.lines).toEqual([]);
		// Measuring that stops after an edit does not leave the earlier after's numbers on view.
		expect(reducer(edited, {type: 'measureFailed', message: 'engine gone'}).measurement).toBeNull();
	});

	it('opens and closes the log viewer on the Build and Summary screens only', () => {
		expect(reducer(failedAfter, {type: 'logs', open: true}).logsOpen).toBe(true);
		expect(run([scanned, {type: 'logs', open: true}]).logsOpen).toBe(false);
	});
});
