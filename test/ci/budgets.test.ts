import {describe, expect, it} from 'vitest';
import {checkBudgets, exitCodeWithBudgets, failedBudgetLines, isRootUser} from '../../source/ci/budgets.js';
import {budgetLines, budgetsMarkdown} from '../../source/ci/budget-text.js';
import {parseRatio, parseSeconds, parseSize} from '../../source/ci/limits.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {renderPlainSummary} from '../../source/report/plain.js';
import {sampleBuild, sampleMeasurement} from '../report/sample.js';
import {sampleExplanation} from '../report/explain-sample.js';
import {ciReport} from './report-fixture.js';

const byName = (budgets: ReturnType<typeof checkBudgets>) => Object.fromEntries(budgets.map(budget => [budget.name, budget]));

describe('budget limits as people write them', () => {
	it('reads sizes in decimal and binary units', () => {
		expect(parseSize('200MB')).toBe(200_000_000);
		expect(parseSize('1.5 GB')).toBe(1_500_000_000);
		expect(parseSize('512MiB')).toBe(512 * 1024 * 1024);
		expect(parseSize('300000')).toBe(300_000);
		expect(parseSize(2e8)).toBe(2e8);
		for (const bad of ['big', '200XB', '-5MB', '0', '', 'MB']) expect(parseSize(bad), bad).toBeNull();
	});

	it('reads durations and ratios', () => {
		expect(parseSeconds('5s')).toBe(5);
		expect(parseSeconds('500ms')).toBe(0.5);
		expect(parseSeconds('2m')).toBe(120);
		expect(parseSeconds('1.5')).toBe(1.5);
		expect(parseSeconds('soon')).toBeNull();
		expect(parseRatio('0.5')).toBe(0.5);
		expect(parseRatio(0.25)).toBe(0.25);
		for (const bad of ['half', '0', '-1', '50%']) expect(parseRatio(bad), bad).toBeNull();
	});
});

describe('checkBudgets', () => {
	it('reads wasted bytes from the layers --explain exported, for the image the budgets measure, and asks for --explain without them', () => {
		const explained = {...ciReport(), explain: sampleExplanation()};
		const project = byName(checkBudgets(explained, {maxWastedBytes: 1_000_000}, true))['max-wasted'];
		expect(project).toMatchObject({name: 'max-wasted', limit: 1_000_000, value: 1_048_576, ok: false});
		expect(project.detail).toContain("the project's image");
		expect(byName(checkBudgets(explained, {maxWastedBytes: 1_000_000, image: 'proposal'}, true))['max-wasted']).toMatchObject({value: 0, ok: true});
		expect(byName(checkBudgets(ciReport(), {maxWastedBytes: 1_000_000}, true))['max-wasted']).toMatchObject({value: null, ok: false, detail: 'not measured: the layers are read with --explain; add --explain'});
		expect(byName(checkBudgets(ciReport({measurement: null}), {maxWastedBytes: 1_000_000}, false))['max-wasted'].detail).toMatch(/^not measured: nothing was built/);
		expect(budgetLines(checkBudgets(explained, {maxWastedBytes: 1_000_000}, true)).join('\n')).toMatch(/FAIL max-wasted +The bytes later layers overwrite or delete of the project's image is 1\.05 MB, over the budget of 1(\.00)? MB/);
	});

	it('measures the project\'s own image (before) by default and names each result', () => {
		const budgets = byName(checkBudgets(ciReport(), {maxSizeBytes: 2e9, maxRatio: 0.5, maxRebuildSeconds: 5}, true));
		expect(budgets['max-size']).toMatchObject({limit: 2e9, value: 1_090_000_000, ok: true});
		expect(budgets['max-size'].detail).toContain("the project's image");
		expect(budgets['max-ratio']).toMatchObject({limit: 0.5, ok: true});
		expect(budgets['max-ratio'].value).toBeCloseTo(128 / 1090);
		// The project's image rebuilds in 20 s: over 5 s.
		expect(budgets['max-rebuild']).toMatchObject({value: 20, ok: false});
		expect(budgets['max-rebuild'].detail).toBe("The warm rebuild after a code edit of the project's image is 20.0 s, over the budget of 5.00 s");
		expect(budgets['no-root']).toMatchObject({value: 'root', ok: false});
		expect(budgets.smoke).toMatchObject({value: 'HTTP 200', ok: true});
		// The sample has one error finding (DW001).
		expect(budgets['no-error-findings']).toMatchObject({value: 1, ok: false});
		expect(budgets['no-error-findings'].detail).toContain('DW001');
	});

	it('measures the proposal when asked, or when the project has no Dockerfile of its own', () => {
		const proposal = byName(checkBudgets(ciReport(), {maxSizeBytes: 200e6, image: 'proposal'}, true));
		expect(proposal['max-size']).toMatchObject({value: 128_000_000, ok: true});
		expect(proposal['no-root']).toMatchObject({value: 'app', ok: true});

		const measurement = sampleMeasurement();
		measurement.builds.before.baseline = true;
		const baseline = byName(checkBudgets(ciReport({measurement}), {maxSizeBytes: 100e6}, true));
		expect(baseline['max-size']).toMatchObject({value: 128_000_000, ok: false});
		expect(baseline['max-size'].detail).toContain('the proposed image (the project has no Dockerfile)');
	});

	it('never passes a budget it could not measure', () => {
		const limits = {maxSizeBytes: 1e12, maxRatio: 10, maxRebuildSeconds: 1e6, noRoot: true, smoke: true};
		const unbuilt = checkBudgets(ciReport({measurement: null}), limits, false);
		for (const budget of unbuilt.filter(item => item.name !== 'no-error-findings')) {
			expect(budget, budget.name).toMatchObject({value: null, ok: false});
			expect(budget.detail, budget.name).toMatch(/^not measured: nothing was built/);
		}

		const measurement = sampleMeasurement();
		measurement.builds.before = sampleBuild({ok: false, sizeBytes: null, rebuildSeconds: null, smoke: null, error: {phase: 'build', step: 4, instruction: 'RUN pip install -r requirements.txt', exitCode: 1, message: 'pip failed', logTail: []}});
		const failed = byName(checkBudgets(ciReport({measurement}), limits, true));
		expect(failed['max-size']).toMatchObject({value: null, ok: false, detail: "not measured: the project's image did not build"});
		expect(failed.smoke.ok).toBe(false);
	});

	it('checks no root and the smoke test by default only when building; the error findings always, unless turned off', () => {
		expect(checkBudgets(ciReport({measurement: null}), {}, false).map(budget => budget.name)).toEqual(['no-error-findings']);
		expect(checkBudgets(ciReport(), {}, true).map(budget => budget.name)).toEqual(['no-root', 'no-error-findings', 'smoke']);
		expect(checkBudgets(ciReport(), {noRoot: false, smoke: false, noErrorFindings: false}, true)).toEqual([]);
	});

	it('reads a failed smoke test as a failed budget with its error', () => {
		const measurement = sampleMeasurement();
		measurement.builds.before.smoke = {ok: false, status: null, startupSeconds: null, error: 'no answer on port 5000 within 30 s'};
		expect(byName(checkBudgets(ciReport({measurement}), {}, true)).smoke).toMatchObject({ok: false, value: 'no answer on port 5000 within 30 s'});
	});

	it('knows root by name or id, with or without a group', () => {
		for (const user of ['root', '0', 'root:root', '0:0', '']) expect(isRootUser(user), user).toBe(true);
		for (const user of ['app', '10001', '10001:10001', 'nobody']) expect(isRootUser(user), user).toBe(false);
	});
});

describe('the exit code and the text', () => {
	const passing = checkBudgets(ciReport(), {maxSizeBytes: 2e9, noRoot: false, noErrorFindings: false}, true);
	const failing = checkBudgets(ciReport(), {maxSizeBytes: 200e6, noRoot: false, noErrorFindings: false}, true);

	it('exits 3 when a budget failed, and lets a failed build, bad input or an interruption win', () => {
		expect(exitCodeWithBudgets(0, passing)).toBe(0);
		expect(exitCodeWithBudgets(0, failing)).toBe(3);
		expect(exitCodeWithBudgets(1, failing)).toBe(1);
		expect(exitCodeWithBudgets(130, failing)).toBe(130);
		expect(exitCodeWithBudgets(0, undefined)).toBe(0);
	});

	it('names each failed budget in one line, and shows all in the summary and the Markdown report', () => {
		expect(failedBudgetLines(failing)).toEqual(["budget max-size failed: The image size of the project's image is 1.09 GB, over the budget of 200 MB"]);
		expect(budgetLines(failing)[0]).toBe('Budgets (2): 1 failed');
		expect(budgetLines(passing)).toEqual(['Budgets (2): all pass', "  PASS max-size  The image size of the project's image is 1.09 GB, within the budget of 2.00 GB", "  PASS smoke     The project's image answered HTTP 200"]);

		const report = {...ciReport(), budgets: failing};
		expect(renderPlainSummary(report)).toContain('FAIL max-size');
		const markdown = renderMarkdown(report, {date: '2026-12-01'});
		expect(markdown).toContain('## Budgets\n\n**1 of 2 budgets failed.**');
		expect(markdown).toContain('| max-size | **fail** | 200 MB |');
		expect(budgetsMarkdown(undefined)).toBe('');
		expect(renderMarkdown(ciReport(), {date: '2026-12-01'})).not.toContain('## Budgets');
	});
});
