// The same inputs through both faces: a fixture project, the real analysis, advice, report
// and file writing, and one fake engine step (a component test may fake the engine). The
// headless run and the wizard with --yes must assemble the same report, write the same
// files (or none), say the same notice and end with the same exit code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, describe, expect, it} from 'vitest';
import {noWriteNotices} from '../../source/flow/index.js';
import {runHeadless} from '../../source/headless.js';
import {App} from '../../source/ui/app.js';
import type {DockwizReport, EngineEvent, Measurement, Options, Work} from '../../source/types.js';
import {createWork} from '../../source/work.js';
import {engineEvents, makeMeasurement, makeOptions} from '../ui/fixtures.js';
import {waitFor} from '../ui/helpers.js';
import {sideError} from '../report/sample.js';

const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'env-port-secrets');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-same-inputs-'));
// One project path for both faces, so the reports can be compared whole (root included).
const project = path.join(temp, 'project');
const reportFile = path.join(temp, 'saved', 'report.md');

afterAll(() => fs.rmSync(temp, {recursive: true, force: true}));

function freshProject(): void {
	fs.rmSync(project, {recursive: true, force: true});
	fs.cpSync(fixture, project, {recursive: true});
	fs.rmSync(path.dirname(reportFile), {recursive: true, force: true});
	fs.mkdirSync(path.dirname(reportFile), {recursive: true});
}

/** Every file of the project and its content. */
function files(): Record<string, string> {
	const entries = fs.readdirSync(project, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile());
	return Object.fromEntries(entries.map(entry => {
		const file = path.join(entry.parentPath, entry.name);
		return [path.relative(project, file), fs.readFileSync(file, 'utf8')];
	}).sort(([a], [b]) => a.localeCompare(b)));
}

type Measure = Measurement | Error;

/** The real Work but for the engine step, which replays events and gives `measure`. */
function workFor(options: Options, measure: Measure): {work: Work; saved: DockwizReport[]} {
	const real = createWork(options);
	const saved: DockwizReport[] = [];
	const work: Work = {
		...real,
		async measure(_report, _proposal, onEvent: (event: EngineEvent) => void) {
			for (const event of engineEvents) onEvent(event);
			await new Promise(resolve => setTimeout(resolve, 1));
			if (measure instanceof Error) throw measure;
			return measure;
		},
		async saveReport(file, report) {
			saved.push(report);
			return real.saveReport(file, report);
		},
	};
	return {work, saved};
}

type FaceRun = {code: number; report: DockwizReport; files: Record<string, string>; text: string; markdown: string};

function collect(): {stream: NodeJS.WritableStream; text: () => string} {
	let text = '';
	const stream = {write: (chunk: string) => {
		text += chunk;
		return true;
	}} as unknown as NodeJS.WritableStream;
	return {stream, text: () => text};
}

async function headless(flags: Partial<Options>, measure: Measure): Promise<FaceRun> {
	freshProject();
	const options = makeOptions({dir: project, mode: 'json', json: true, report: reportFile, ...flags});
	const {work, saved} = workFor(options, measure);
	const stdout = collect();
	const stderr = collect();
	const {code, report} = await runHeadless(options, work, {stdout: stdout.stream, stderr: stderr.stream}, new AbortController().signal);
	// The JSON on stdout is the report the flow assembled and saved.
	expect(JSON.parse(stdout.text())).toEqual(report);
	expect(saved).toEqual([report]);
	return {code, report, files: files(), text: stderr.text(), markdown: fs.readFileSync(reportFile, 'utf8')};
}

async function wizard(flags: Partial<Options>, measure: Measure): Promise<FaceRun> {
	freshProject();
	const options = makeOptions({dir: project, mode: 'tui', yes: true, report: reportFile, ...flags});
	const {work, saved} = workFor(options, measure);
	let code: number | null = null;
	const app = render(<App options={options} work={work} color={false} onExit={exitCode => {
		code = exitCode;
	}} />);
	await waitFor(() => code !== null, 'the wizard to exit', 15_000);
	const text = app.frames.join('\n');
	app.unmount();
	expect(saved).toHaveLength(1);
	return {code: code!, report: saved[0], files: files(), text, markdown: fs.readFileSync(reportFile, 'utf8')};
}

const beforeFailed: Measurement = (() => {
	const measurement = makeMeasurement();
	const before = {...measurement.builds.before, ok: false, sizeBytes: null, layers: null, buildSeconds: null, rebuildSeconds: null, user: null, smoke: null, error: sideError('COPY failed: file not found')};
	return {builds: {...measurement.builds, before}, summary: {sizeRatio: null, buildTimeRatio: null, rebuildTimeRatio: null}};
})();

const cases: Array<{name: string; flags: Partial<Options>; measure: Measure; code: number; writes: boolean; notice?: string}> = [
	{name: 'no build', flags: {build: false}, measure: new Error('the engine is not used with --no-build'), code: 0, writes: false},
	{name: 'no build, --write', flags: {build: false, write: true}, measure: new Error('the engine is not used with --no-build'), code: 0, writes: true},
	{name: 'build ok, --write', flags: {write: true}, measure: makeMeasurement(), code: 0, writes: true},
	{name: 'after build failed, --write', flags: {write: true}, measure: makeMeasurement({afterOk: false}), code: 1, writes: false, notice: noWriteNotices['after-failed']},
	// The user's own Dockerfile failing does not hold back a proposal that built.
	{name: 'before build failed, --write', flags: {write: true}, measure: beforeFailed, code: 1, writes: true},
	{name: 'measuring stopped, --write', flags: {write: true}, measure: new Error('socket hang up'), code: 1, writes: false, notice: noWriteNotices['not-measured']},
];

describe('the same inputs through both faces', () => {
	it.each(cases)('$name: the same report, files, notice and exit code', async ({flags, measure, code, writes, notice}) => {
		const original = (freshProject(), files());
		const fromHeadless = await headless(flags, measure);
		const fromWizard = await wizard(flags, measure);

		expect(fromWizard.report).toEqual(fromHeadless.report);
		expect(fromWizard.code).toBe(fromHeadless.code);
		expect(fromHeadless.code).toBe(code);
		expect(fromWizard.files).toEqual(fromHeadless.files);
		// The Markdown differs only by nothing: same report, same day, same engine (none connected).
		expect(fromWizard.markdown).toBe(fromHeadless.markdown);

		const report = fromHeadless.report;
		// Both audit the build context the proposed .dockerignore sends: the secrets stay out.
		expect(report.context.secrets).toEqual(['.env', 'certs/server.key']);
		expect(report.context.proposed?.secrets).toEqual([]);
		expect(report.context.proposed!.bytes).toBeLessThan(report.context.bytes);
		// The starting choices are the scan's, checked: Python from runtime.txt, port from .env.
		expect(report.proposal.dockerfile).toContain('FROM python:3.10-slim');
		expect(report.proposal.dockerfile).toMatch(/PORT=7000\b[\s\S]*EXPOSE 7000/);
		expect(report.builds === null).toBe(flags.build === false || measure instanceof Error);

		if (writes) {
			expect(fromHeadless.files.Dockerfile).toBe(report.proposal.dockerfile);
			expect(fromHeadless.files['.dockerignore']).toBe(report.proposal.dockerignore);
		} else {
			expect(fromHeadless.files).toEqual(original);
		}

		if (notice) {
			expect(fromHeadless.text).toContain(notice);
			expect(fromWizard.text).toContain(notice);
		}
	});
});
