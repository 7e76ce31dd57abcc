import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import {UserError, type Options} from '../../source/types.js';
import {engineEvents, fakeWork, makeMeasurement, makeOptions, makeReport, type FakeWorkOptions} from './fixtures.js';
import {frameContains, keys, waitFor} from './helpers.js';

function start(optionOverrides: Partial<Options> = {}, workOptions: FakeWorkOptions = {}, interrupt?: AbortSignal) {
	const {work, calls} = fakeWork(workOptions);
	const exit: {code: number | null; farewell: string[]} = {code: null, farewell: []};
	const app = render(
		<App
			options={{...makeOptions(optionOverrides)}}
			work={work}
			interrupt={interrupt}
			color={false}
			onFarewell={lines => {
				exit.farewell = lines;
			}}
			onExit={code => {
				exit.code = code;
			}}
		/>,
	);
	const frame = () => app.lastFrame() ?? '';
	const until = (text: string) => waitFor(frameContains(app.lastFrame, text), `"${text}" on screen`);
	const exited = () => waitFor(() => exit.code !== null, 'the app to exit');
	return {app, calls, exit, frame, until, exited};
}


describe('App: the whole flow with keys', () => {
	it('goes from Scan to Summary and shows the measured numbers', async () => {
		const t = start();
		expect(t.frame()).toContain('Reading your project');
		expect(t.frame()).toContain('ctrl+c abort');

		await t.until('4 findings');
		expect(t.frame()).toContain('flask → app:app');
		expect(t.frame()).toContain('3.11 from Dockerfile FROM python:3.11');
		expect(t.frame()).toContain('187 MB in 5,321 files');
		expect(t.frame()).toContain('DL3042');
		expect(t.frame()).toContain('fix Add --no-cache-dir to pip install.');
		expect(t.frame()).toContain('enter see the proposal');

		t.app.stdin.write(keys.down);
		await t.until('fix Copy requirements.txt first');

		t.app.stdin.write(keys.enter);
		await t.until('Changes & why');
		expect(t.frame()).toContain('FROM python:3.11-slim AS build');
		expect(t.frame()).toContain('enter build  tab view  ↑↓ scroll  f/p/o base/py/port  w write  b back  q quit');

		t.app.stdin.write(keys.enter);
		await t.until('BEFORE');
		expect(t.frame()).toContain('AFTER');
		expect(t.frame()).toContain('ctrl+c abort the builds and clean up');

		await t.until('Before / after');
		expect(t.frame()).toContain('1.09 GB');
		expect(t.frame()).toContain('152 MB');
		expect(t.frame()).toContain('0.14×');
		expect(t.frame()).toContain('Warm rebuild');
		expect(t.frame()).toContain('█');
		expect(t.frame()).toContain('r save report');
		expect(t.calls.measure).toBe(1);
		expect(t.calls.write).toBe(0);

		t.app.stdin.write('q');
		await t.exited();
		expect(t.exit.code).toBe(0);
		expect(t.exit.farewell.join('\n')).toContain('1.09 GB -> 152 MB');
	});

	it('lets the user pick among several WSGI targets', async () => {
		const report = makeReport({
			wsgiCandidates: [
				{target: 'app:app', kind: 'instance', score: 10, evidence: [{file: 'app.py', line: 3, detail: 'app = Flask(__name__)'}]},
				{target: 'web:create_app()', kind: 'factory', score: 5, evidence: [{file: 'web/__init__.py', line: 7, detail: 'def create_app()'}]},
			],
		});
		const t = start({}, {report});
		await t.until('press its number');
		expect(t.frame()).toContain('● 1 app:app');
		expect(t.frame()).toContain('1-9 choose app');
		t.app.stdin.write('2');
		await t.until('● 2 web:create_app()');
		expect(t.calls.advise.at(-1)?.wsgiTarget).toBe('web:create_app()');
		expect(t.frame()).toContain('flask → web:create_app()');
	});

	it('changes base, Python and port on the proposal and shows every view', async () => {
		const t = start();
		await t.until('4 findings');
		t.app.stdin.write(keys.enter);
		await t.until('Changes & why');
		t.app.stdin.write('f');
		await t.until('base distroless');
		t.app.stdin.write('f');
		await t.until('base alpine');
		expect(t.frame()).toContain('! alpine uses musl');
		t.app.stdin.write('p');
		await t.until('python 3.12');
		t.app.stdin.write('o');
		await t.until('port 8000');
		expect(t.frame()).toContain('FROM python:3.12-alpine AS build');
		expect(t.calls.advise.at(-1)).toEqual({flavor: 'alpine', python: '3.12', port: 8000, wsgiTarget: 'app:app', cacheMounts: true});

		t.app.stdin.write(keys.tab);
		await t.until('4  .env');
		t.app.stdin.write(keys.tab);
		await t.until('[speed] Dependencies before code (fixes DW001)');
		t.app.stdin.write(keys.tab);
		await t.until('+FROM python:3.11-slim AS build');
		expect(t.frame()).toContain('.dockerignore: new file (there was none)');

		t.app.stdin.write('b');
		await t.until('4 findings');
		t.app.stdin.write('q');
		await t.exited();
		expect(t.exit.code).toBe(0);
	});

	it('skips the build with --no-build and can still write and save the report', async () => {
		const t = start({build: false});
		await t.until('4 findings');
		t.app.stdin.write(keys.enter);
		await t.until('enter finish');
		t.app.stdin.write(keys.enter);
		await t.until('Not built');
		expect(t.calls.measure).toBe(0);
		t.app.stdin.write('w');
		await t.until('Wrote Dockerfile, .dockerignore (backups: Dockerfile.bak)');
		t.app.stdin.write('r');
		await t.until('Report saved to dockwiz-report.md');
		expect(t.calls.write).toBe(1);
		expect(t.calls.saveReport).toEqual(['dockwiz-report.md']);
		t.app.stdin.write('q');
		await t.exited();
		expect(t.exit.code).toBe(0);
		expect(t.exit.farewell.join('\n')).toContain('wrote Dockerfile, .dockerignore');
	});

	it('writes without building from the proposal', async () => {
		const t = start();
		await t.until('4 findings');
		t.app.stdin.write(keys.enter);
		await t.until('Changes & why');
		t.app.stdin.write('w');
		await t.until('Wrote Dockerfile');
		expect(t.calls.measure).toBe(0);
		expect(t.calls.write).toBe(1);
	});

	it('never writes with --dry-run, and offers no w key for it', async () => {
		const t = start({dryRun: true, build: false});
		await t.until('4 findings');
		t.app.stdin.write(keys.enter);
		await t.until('--dry-run: dockwiz shows the proposal and writes nothing.');
		expect(t.frame()).not.toMatch(/\bw write/);
		t.app.stdin.write('w');
		await new Promise(resolve => setTimeout(resolve, 30));
		expect(t.frame()).toContain('Changes & why');
		t.app.stdin.write(keys.enter);
		await t.until('Not built');
		expect(t.frame()).toContain('r save report');
		expect(t.frame()).not.toMatch(/\bw write/);
		t.app.stdin.write('w');
		await new Promise(resolve => setTimeout(resolve, 30));
		expect(t.calls.write).toBe(0);
	});
});

describe('App: --yes', () => {
	it('moves through without questions, writes with --write, saves --report and exits 0', async () => {
		const t = start({yes: true, write: true, report: 'out/report.md'});
		await t.exited();
		expect(t.exit.code).toBe(0);
		expect(t.calls.measure).toBe(1);
		expect(t.calls.write).toBe(1);
		expect(t.calls.saveReport).toEqual(['out/report.md']);
		expect(t.frame()).toContain('Report saved to out/report.md');
	});

	it('does not write without --write', async () => {
		const t = start({yes: true});
		await t.exited();
		expect(t.exit.code).toBe(0);
		expect(t.calls.write).toBe(0);
	});

	it('exits 1 when the proposed image fails, and writes nothing', async () => {
		const t = start({yes: true, write: true}, {measurement: makeMeasurement({afterOk: false})});
		await t.exited();
		expect(t.exit.code).toBe(1);
		expect(t.calls.write).toBe(0);
		expect(t.frame()).toContain('after: build failed: pip install exited with code 1');
		expect(t.frame()).toContain('did not build, so nothing was written');
	});

	it('exits 1 when a smoke test fails', async () => {
		const t = start({yes: true}, {measurement: makeMeasurement({afterSmokeOk: false})});
		await t.exited();
		expect(t.exit.code).toBe(1);
		expect(t.frame()).toContain('smoke test failed');
	});
});

describe('App: errors and interruptions', () => {
	it('shows a scan UserError with its message and exits 2', async () => {
		const t = start({}, {scanError: new UserError('No Flask app found in /tmp/flask-demo. Run dockwiz in the folder that holds your app.')});
		await t.until('dockwiz stopped');
		expect(t.frame()).toContain('No Flask app found in /tmp/flask-demo.');
		expect(t.frame()).not.toMatch(/\bat .*:\d+:\d+/);
		t.app.stdin.write('q');
		await t.exited();
		expect(t.exit.code).toBe(2);
		expect(t.exit.farewell[0]).toContain('No Flask app found');
	});

	it('exits 1 on an unexpected scan error, without a stack trace on screen', async () => {
		const t = start({yes: true}, {scanError: new Error('EACCES: permission denied, open app.py')});
		await t.exited();
		expect(t.exit.code).toBe(1);
		expect(t.frame()).toContain('EACCES: permission denied');
		expect(t.frame()).not.toMatch(/\bat .*\.ts:\d+/);
	});

	it('Ctrl+C during a build aborts it, waits for the cleanup and exits 130', async () => {
		// The engine stops in the middle of the after's cold build.
		const t = start({}, {measureHangs: true, events: engineEvents.slice(0, 12)});
		await t.until('4 findings');
		t.app.stdin.write(keys.enter);
		await t.until('Changes & why');
		t.app.stdin.write(keys.enter);
		await t.until('step 4/8');
		expect(t.frame()).toContain('RUN pip install --no-cache-dir');
		t.app.stdin.write(keys.ctrlC);
		await t.until('Stopping: aborting the builds');
		await t.exited();
		expect(t.exit.code).toBe(130);
		expect(t.calls.measureAborted).toBe(true);
		expect(t.exit.farewell[0]).toContain('interrupted');
	});

	it('Ctrl+C on a screen without work exits 130 at once', async () => {
		const t = start();
		await t.until('4 findings');
		t.app.stdin.write(keys.ctrlC);
		await t.exited();
		expect(t.exit.code).toBe(130);
	});

	it('a signal from the process (SIGINT/SIGTERM) is handled like Ctrl+C', async () => {
		const controller = new AbortController();
		const t = start({}, {}, controller.signal);
		await t.until('4 findings');
		controller.abort();
		await t.exited();
		expect(t.exit.code).toBe(130);
	});
});
