// Fix in place, end to end in the wizard: a Summary whose after container crashed, `e` opens
// the proposed Dockerfile in a real editor stand-in (a shell script that edits the file), the
// after side alone is rebuilt live, the Summary shows it answering, and `w` writes the edit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, describe, expect, it} from 'vitest';
import {editInEditor} from '../../source/flow/edit-in-editor.js';
import type {Measurement, Proposal, Side} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {fakeWork, makeMeasurement, makeOptions} from './fixtures.js';
import {frameContains, waitFor, keys} from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-edit-loop-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

const editor = path.join(work, 'editor.sh');
// The user's fix: the app needs DBUSER at start.
fs.writeFileSync(editor, '#!/bin/sh\necho "$1" > "$(dirname "$0")/edited-path"\necho "ENV DBUSER=app" >> "$1"\n', {mode: 0o755});

const crash = ['Traceback (most recent call last):', '  File "/app/app.py", line 3, in <module>', "    DB_USER = os.environ['DBUSER']", "KeyError: 'DBUSER'"];
const passed = {context: 'passed', pull: 'passed', build: 'passed', rebuild: 'passed', smoke: 'passed'} as const;

function crashedAfter(): Measurement {
	const measurement = makeMeasurement();
	const error = 'The container exited with code 3 before answering on port 5000.';
	measurement.builds.before = {...measurement.builds.before, phases: passed, logs: {build: ['Step 1/5 : FROM python:3.11', 'Collecting flask'], container: ['Listening at: http://0.0.0.0:5000'], cutLines: 0}};
	measurement.builds.after = {
		...measurement.builds.after,
		ok: false,
		phases: {...passed, smoke: 'failed'},
		smoke: {ok: false, status: null, startupSeconds: null, logTail: crash, error},
		error: {phase: 'smoke', step: null, instruction: null, exitCode: 3, message: error, logTail: crash},
		logs: {build: ['Step 1/8 : FROM python:3.11-slim AS build'], container: crash, cutLines: 0},
	};
	return measurement;
}

describe('fix in place', () => {
	it('edits the proposed Dockerfile in $EDITOR, rebuilds the after alone, and writes the edit', async () => {
		const {work: fake} = fakeWork();
		const measured: Array<{sides: Side[] | undefined; dockerfile: string}> = [];
		const written: Proposal[] = [];
		// The rebuild's build step stays on screen until the test has seen it: a fixed pause
		// (200 ms) could pass unseen on a loaded machine, and the step would be gone by then.
		let stepSeen: () => void = () => undefined;
		const rebuildHeld = new Promise<void>(resolve => {
			stepSeen = resolve;
		});
		fake.measure = async (_report, proposal, onEvent, _signal, sides) => {
			measured.push({sides, dockerfile: proposal.dockerfile});
			onEvent({type: 'phase', phase: 'build', side: 'after', run: 1, runs: 1});
			onEvent({type: 'step', side: 'after', phase: 'build', index: 1, total: 8, instruction: 'FROM python:3.11-slim AS build'});
			if (measured.length > 1) await rebuildHeld;
			onEvent({type: 'built', side: 'after', phase: 'build', ok: true, seconds: 18});
			// The fix works: the after's container answers on the second measurement.
			return measured.length === 1 ? crashedAfter() : {...makeMeasurement(), builds: {...makeMeasurement().builds, after: {...makeMeasurement().builds.after, phases: passed}}};
		};

		fake.editText = async (file, text) => editInEditor(file, text, {EDITOR: editor});
		fake.write = async (_report, proposal) => {
			written.push(proposal);
			return {written: ['Dockerfile', '.dockerignore'], backups: [], unchanged: []};
		};

		let code: number | null = null;
		const app = render(<App options={makeOptions()} work={fake} color={false} onExit={value => (code = value)} />);
		const frame = () => app.lastFrame() ?? '';
		const until = (text: string) => waitFor(frameContains(app.lastFrame, text), `"${text}" on screen`);
		await until('4 findings');
		app.stdin.write(keys.enter);
		await until('Changes & why');
		app.stdin.write(keys.enter);
		await until('after: smoke test failed, exit code 3');
		expect(frame()).toContain('hint after: FH009 The app needs the environment variable DBUSER');
		expect(frame()).toContain('e/i edit & rebuild');

		app.stdin.write('e');
		await until('AFTER');
		await until('step 1/8');
		stepSeen();
		await until('Before / after');
		await waitFor(() => !frame().includes('smoke test failed'), 'the after to answer');
		expect(frame()).toContain('200 ok');
		expect(frame()).not.toContain('e/i edit');

		expect(measured.map(m => m.sides)).toEqual([undefined, ['after']]);
		expect(measured[1].dockerfile).toBe(`${measured[0].dockerfile}ENV DBUSER=app\n`);
		// The editor had a private temporary copy, removed afterwards; never the project's file.
		const editedPath = fs.readFileSync(path.join(work, 'edited-path'), 'utf8').trim();
		expect(path.basename(editedPath)).toBe('Dockerfile');
		expect(editedPath.startsWith(os.tmpdir())).toBe(true);
		expect(fs.existsSync(path.dirname(editedPath))).toBe(false);

		app.stdin.write('w');
		await until('Wrote Dockerfile');
		expect(written.map(proposal => proposal.dockerfile)).toEqual([measured[1].dockerfile]);
		app.stdin.write('q');
		await waitFor(() => code !== null, 'the wizard to exit');
		expect(code).toBe(0);
		app.unmount();
	});
});
