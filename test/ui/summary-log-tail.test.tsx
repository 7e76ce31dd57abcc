// The Summary shows a failing container's last log lines under its failure, as room allows.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {SummaryScreen} from '../../source/ui/screens/summary-screen.js';
import {findings, makeMeasurement, makeProposal, makeReport} from './fixtures.js';

const logTail = ['Traceback (most recent call last):', '  File "/app/app.py", line 9, in <module>', 'OperationalError: could not connect to postgres://u:***@db/x'];

function crashedReport() {
	const measurement = makeMeasurement();
	const error = 'The container exited with code 3 before answering on port 5000.';
	measurement.builds.after = {...measurement.builds.after, ok: false, error: {phase: 'smoke', step: null, instruction: null, exitCode: null, message: error, logTail}, smoke: {ok: false, status: null, startupSeconds: null, logTail, error}};
	return assembleReport({report: makeReport(), findings, proposal: makeProposal({flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'}), measurement});
}

const props = {measureError: null, task: null, written: null, savedReportPath: null, notices: [], dryRun: false, width: 100, isActive: true, onWrite: () => undefined, onSaveReport: () => undefined, onQuit: () => undefined};

describe('SummaryScreen with a crashed container', () => {
	it('shows the container\'s last log lines under the failure', () => {
		const {lastFrame} = render(<SummaryScreen {...props} report={crashedReport()} height={40} />);
		const frame = lastFrame() ?? '';
		expect(frame).toContain('✗ after: smoke test failed: The container exited with code 3');
		expect(frame).toContain('after container log:');
		expect(frame).toContain('OperationalError: could not connect to postgres://u:***@db/x');
		expect(frame.indexOf('✗ after')).toBeLessThan(frame.indexOf('Traceback (most recent call last):'));
	});

	it('keeps the last lines when the screen is short, and none when there is no room', () => {
		const short = render(<SummaryScreen {...props} report={crashedReport()} height={24} />).lastFrame() ?? '';
		// At 80x24-ish the table leaves three lines: the log's last three, without its heading.
		expect(short).not.toContain('after container log:');
		for (const line of logTail) expect(short).toContain(line);
		const tiny = render(<SummaryScreen {...props} report={crashedReport()} height={12} />).lastFrame() ?? '';
		expect(tiny).not.toContain('container log:');
	});
});

describe('SummaryScreen after a smoke test with placeholders', () => {
	it('says which required variables were given placeholders, when there is room', () => {
		const measurement = makeMeasurement();
		const smoke = {ok: true, status: 200, startupSeconds: 0.5, placeholderEnv: ['DBUSER']};
		measurement.builds.after = {...measurement.builds.after, smoke};
		const report = assembleReport({report: makeReport(), findings, proposal: makeProposal({flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'}), measurement});
		const frame = render(<SummaryScreen {...props} report={report} height={40} width={200} />).lastFrame() ?? '';
		expect(frame).toContain('after: smoke test run with placeholder values for DBUSER (the app requires it at start');
		const tiny = render(<SummaryScreen {...props} report={report} height={12} width={200} />).lastFrame() ?? '';
		expect(tiny).not.toContain('placeholder');
	});
});
