import {describe, expect, it} from 'vitest';
import {lazyWork} from '../source/lazy-work.js';
import {fakeWork, makeReport, proposedContext} from './ui/fixtures.js';
import type {Work} from '../source/types.js';
import {sampleExplanation} from './report/explain-sample.js';

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}

describe('lazyWork', () => {
	it('holds the scan until the work has loaded, then says the note before the scan’s own progress', async () => {
		const loading = deferred<Work>();
		const work = lazyWork(loading.promise, 'Demo project written');
		const messages: string[] = [];
		let scanned = false;
		const scan = work.scan(message => messages.push(message), new AbortController().signal).then(report => {
			scanned = true;
			return report;
		});
		await new Promise(resolve => setTimeout(resolve, 20));
		expect(scanned).toBe(false);
		expect(messages).toEqual([]);

		loading.resolve(fakeWork({report: makeReport()}).work);
		const report = await scan;
		expect(report.root).toBe('/tmp/flask-demo');
		expect(messages[0]).toBe('Demo project written');
		expect(messages.length).toBeGreaterThan(1);
	});

	it('audits the proposed context with the loaded work, for the report step of the flow', async () => {
		const loaded = fakeWork();
		const work = lazyWork(Promise.resolve(loaded.work));
		const report = await work.scan(() => undefined, new AbortController().signal);
		const audit = await work.auditProposed(report, work.advise(report, {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:app'}).proposal);
		expect(audit).toEqual(proposedContext);
		expect(loaded.calls.auditProposed).toBe(1);
	});

	it('says no note when given none', async () => {
		const work = lazyWork(Promise.resolve(fakeWork().work));
		const messages: string[] = [];
		await work.scan(message => messages.push(message), new AbortController().signal);
		expect(messages[0]).toBe('Found app.py: a Flask app (app:app)');
	});

	it('refuses advice before the scan: it is a programming error, not a wait', () => {
		const work = lazyWork(new Promise<Work>(() => undefined));
		expect(() => work.advise(makeReport(), {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:app'})).toThrow(/before the scan finished/);
	});

	it('turns a failed load into a failed scan, and not into an unhandled rejection before that', async () => {
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			const work = lazyWork(Promise.reject(new Error('disk full while writing the demo')));
			await new Promise(resolve => setTimeout(resolve, 20));
			expect(unhandled).toEqual([]);
			await expect(work.scan(() => undefined, new AbortController().signal)).rejects.toThrow('disk full while writing the demo');
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});

	it('passes the Summary\'s explain on to the loaded work, and says so when the loaded work cannot explain', async () => {
		const loaded = fakeWork();
		const explanation = sampleExplanation();
		const calls: string[] = [];
		const work = lazyWork(Promise.resolve({...loaded.work, explain: async report => {
			calls.push(report.root);
			return explanation;
		}}));
		const report = await work.scan(() => undefined, new AbortController().signal);
		const proposal = work.advise(report, {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'}).proposal;
		expect(await work.explain!(report, proposal, () => undefined, new AbortController().signal)).toBe(explanation);
		expect(calls).toEqual([report.root]);

		const cannot = lazyWork(Promise.resolve(fakeWork().work));
		await expect(cannot.explain!(report, proposal, () => undefined, new AbortController().signal)).rejects.toThrow('This run cannot explain the image (no engine work).');
	});
});
