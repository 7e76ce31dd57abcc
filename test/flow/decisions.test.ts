import {describe, expect, it} from 'vitest';
import {autoWriteDecision, exitCodeFor, failureOf, isRefusal, measureRun, openRun, type Measured} from '../../source/flow/index.js';
import {UserError} from '../../source/types.js';
import {fakeWork, makeMeasurement, makeOptions, makeReport} from '../ui/fixtures.js';

const measured = (measurement: Measured['measurement'], measureError: string | null = null): Measured => ({measurement, measureError});

describe('autoWriteDecision', () => {
	it('writes only when --write asked and the proposal, if it was to be built, built', () => {
		const flags = (overrides: Partial<{write: boolean; dryRun: boolean; build: boolean}>) => ({write: true, dryRun: false, build: true, ...overrides});
		expect(autoWriteDecision(flags({write: false}), measured(makeMeasurement()))).toEqual({write: false, reason: 'not-asked'});
		expect(autoWriteDecision(flags({write: false, dryRun: true}), measured(makeMeasurement()))).toEqual({write: false, reason: 'dry-run'});
		expect(autoWriteDecision(flags({}), measured(makeMeasurement()))).toEqual({write: true});
		expect(autoWriteDecision(flags({build: false}), measured(null))).toEqual({write: true});
		expect(autoWriteDecision(flags({}), measured(makeMeasurement({afterOk: false})))).toEqual({write: false, reason: 'after-failed'});
		expect(autoWriteDecision(flags({}), measured(null, 'socket hang up'))).toEqual({write: false, reason: 'not-measured'});
		// A smoke test that failed does not make the image unbuildable: the exit code says it.
		expect(autoWriteDecision(flags({}), measured(makeMeasurement({afterSmokeOk: false})))).toEqual({write: true});
	});

	it('calls only the refusals news', () => {
		expect(['not-asked', 'dry-run', 'after-failed', 'not-measured'].filter(reason => isRefusal(reason as never))).toEqual(['after-failed', 'not-measured']);
	});
});

describe('exitCodeFor', () => {
	const end = {measurement: null, measureError: null, failure: null, interrupted: false};
	it('is 0 done, 1 a failed build or smoke test or a stopped measurement, a failure\'s own code, 130 interrupted', () => {
		expect(exitCodeFor(end)).toBe(0);
		expect(exitCodeFor({...end, measurement: makeMeasurement()})).toBe(0);
		expect(exitCodeFor({...end, measurement: makeMeasurement({afterOk: false})})).toBe(1);
		expect(exitCodeFor({...end, measurement: makeMeasurement({afterSmokeOk: false})})).toBe(1);
		expect(exitCodeFor({...end, measureError: 'socket hang up'})).toBe(1);
		expect(exitCodeFor({...end, measurement: makeMeasurement(), failure: {message: 'x', exitCode: 2}})).toBe(2);
		expect(exitCodeFor({...end, failure: {message: 'x', exitCode: 2}, interrupted: true})).toBe(130);
	});

	it('takes a UserError\'s code and gives anything else 1', () => {
		expect(failureOf(new UserError('Pick a writable path with --report.'), 'Could not save the report: ')).toEqual({message: 'Could not save the report: Pick a writable path with --report.', exitCode: 2});
		expect(failureOf(new Error('EIO'))).toEqual({message: 'EIO', exitCode: 1});
	});
});

describe('openRun and measureRun', () => {
	it('starts from advice/choices.ts: a patch version becomes X.Y and a port out of range the default', async () => {
		const {work, calls} = fakeWork({report: makeReport({python: {version: '3.10.12', source: 'runtime.txt'}, port: 70_000})});
		const run = await openRun(work, makeOptions(), () => undefined, new AbortController().signal);
		expect(run.choices).toEqual({flavor: 'slim', python: '3.10', port: 8000, wsgiTarget: 'app:app', cacheMounts: true});
		expect(calls.advise).toEqual([run.choices]);
	});

	it('lets the flags win over the scan', async () => {
		const {work} = fakeWork();
		const run = await openRun(work, makeOptions({base: 'distroless', python: '3.12'}), () => undefined, new AbortController().signal);
		expect(run.choices).toMatchObject({flavor: 'distroless', python: '3.12'});
	});

	it('keeps a measuring error as a value, but lets an abort and a UserError end the run', async () => {
		const {work} = fakeWork();
		const run = await openRun(work, makeOptions(), () => undefined, new AbortController().signal);
		const failing = (error: Error) => ({...work, measure: async () => Promise.reject(error)});
		expect(await measureRun(failing(new Error('socket hang up')), run, () => undefined, new AbortController().signal)).toEqual({measurement: null, measureError: 'socket hang up'});
		await expect(measureRun(failing(new UserError('Start Docker.')), run, () => undefined, new AbortController().signal)).rejects.toThrow('Start Docker.');
		const aborted = new AbortController();
		aborted.abort();
		await expect(measureRun(failing(new Error('aborted')), run, () => undefined, aborted.signal)).rejects.toThrow('aborted');
	});
});
