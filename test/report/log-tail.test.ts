// A failing container's last log lines reach every output: the JSON report, the plain
// summary and the Markdown report, as the engine kept them (credentials already masked).
import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {containerLogTails} from '../../source/report/comparison.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {renderPlainSummary} from '../../source/report/plain.js';
import {sampleBuild, sampleMeasurement, sampleProject, sampleProposal, sideError} from './sample.js';

const logTail = ['Traceback (most recent call last):', '  File "/app/app.py", line 9, in <module>', 'OperationalError: could not connect to postgres://u:***@db/x'];

function crashedAfter() {
	const measurement = sampleMeasurement();
	measurement.builds.after = sampleBuild({
		ok: false,
		image: 'dockwiz-after',
		error: sideError('The container exited with code 3 before answering on port 8000.', {phase: 'smoke', logTail}),
		smoke: {ok: false, status: null, startupSeconds: null, logTail, error: 'The container exited with code 3 before answering on port 8000.'},
	});
	return assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement});
}

describe('the container log tail', () => {
	it('is in the JSON report under builds.<side>.smoke.logTail', () => {
		const report = crashedAfter();
		expect(JSON.parse(JSON.stringify(report)).builds.after.smoke.logTail).toEqual(logTail);
		expect(containerLogTails(report)).toEqual([{side: 'after', lines: logTail}]);
	});

	it('follows the failure in the plain summary', () => {
		const text = renderPlainSummary(crashedAfter());
		expect(text).toContain([
			'FAILED after: smoke test failed: The container exited with code 3 before answering on port 8000.',
			'',
			'after: the container\'s last 3 log line(s):',
			'  | Traceback (most recent call last):',
			'  |   File "/app/app.py", line 9, in <module>',
			'  | OperationalError: could not connect to postgres://u:***@db/x',
		].join('\n'));
		expect(text).not.toContain('hunter2');
	});

	it('is a code block in the Markdown report', () => {
		const markdown = renderMarkdown(crashedAfter(), {date: 'today'});
		expect(markdown).toContain(`The after container's last log lines:\n\n\`\`\`text\n${logTail.join('\n')}\n\`\`\``);
	});

	it('is absent when every container answered', () => {
		const report = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement: sampleMeasurement()});
		expect(containerLogTails(report)).toEqual([]);
		expect(renderPlainSummary(report)).not.toContain('log line');
	});
});

describe('failure hints in the outputs', () => {
	function withLog(lines: string[]) {
		const measurement = sampleMeasurement();
		const error = 'The container exited with code 3 before answering on port 8000.';
		measurement.builds.after = sampleBuild({ok: false, image: 'dockwiz-after', error: sideError(error, {phase: 'smoke', logTail: lines}), smoke: {ok: false, status: null, startupSeconds: null, logTail: lines, error}});
		return assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement});
	}

	const missingLibrary = ['Traceback (most recent call last):', '  File "/opt/venv/lib/python3.11/site-packages/psycopg2/__init__.py", line 51, in <module>', 'ImportError: libpq.so.5: cannot open shared object file: No such file or directory'];

	it('names the cause and the fix in the JSON, the plain summary and the Markdown report', () => {
		const report = withLog(missingLibrary);
		const hints = JSON.parse(JSON.stringify(report)).builds.after.smoke.hints as Array<{id: string; message: string; fix: string}>;
		expect(hints.map(hint => hint.id)).toEqual(['FH004']);
		expect(hints[0].message + hints[0].fix).toContain('libpq5');
		expect(renderPlainSummary(report)).toMatch(/ {2}hint after: FH004 .*libpq5/);
		expect(renderMarkdown(report, {date: 'today'})).toMatch(/- Hint, after: FH004 .*libpq5/);
	});

	it('says nothing it cannot read off the log', () => {
		const report = withLog(['[INFO] Starting gunicorn 21.2.0', 'Terminated']);
		expect(report.builds?.after.smoke?.hints).toBeUndefined();
		expect(renderPlainSummary(report)).not.toContain('hint ');
	});
});
