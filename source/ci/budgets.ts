// The budgets --ci checks over a finished report: pure, so the same numbers that the report
// shows are the ones that pass or fail. A budget whose value was not measured (--no-build, a
// failed build, an engine that stopped) fails and says so: nothing passes unmeasured.

import type {BuildResult, DockwizReport} from '../types.js';
import {formatBytes, formatRatio, formatSeconds} from '../report/format.js';
import type {Budget, BudgetLimits, BudgetName} from './types.js';

/** Which build the image budgets read, and how the report names it. */
type Subject = {side: BuildResult | null; label: string};

function subjectOf(report: DockwizReport, limits: BudgetLimits): Subject {
	const builds = report.builds;
	if (limits.image === 'proposal') return {side: builds?.after ?? null, label: 'the proposed image'};
	// With no Dockerfile of its own, the "before" is dockwiz's naive baseline: not the project's image.
	if (builds?.before.baseline) return {side: builds.after, label: 'the proposed image (the project has no Dockerfile)'};
	return {side: builds?.before ?? null, label: "the project's image"};
}

function notMeasuredBecause(report: DockwizReport, subject: Subject): string {
	if (report.builds === null) return 'not measured: nothing was built (--no-build, or measuring stopped)';
	if (subject.side && !subject.side.ok) return `not measured: ${subject.label} did not build`;
	return `not measured for ${subject.label}`;
}

function notMeasured(name: BudgetName, limit: number | boolean, why: string): Budget {
	return {name, limit, value: null, ok: false, detail: why};
}

const sentence = (text: string) => text[0].toUpperCase() + text.slice(1);

const rootUsers = new Set(['', 'root', '0']);

/** `root`, `0`, `root:root`, `0:0`: the user part decides. */
export function isRootUser(user: string): boolean {
	return rootUsers.has(user.split(':')[0].trim());
}

function atMost(name: BudgetName, what: string, value: number, limit: number, show: (n: number) => string, label: string): Budget {
	const ok = value <= limit;
	return {name, limit, value, ok, detail: `${what} of ${label} is ${show(value)}, ${ok ? 'within' : 'over'} the budget of ${show(limit)}`};
}

/**
 * The budgets to report. Size, ratio and rebuild are checked when a limit is given; no error
 * finding is checked unless turned off; no root and the smoke test are checked when building
 * (or when turned on, and then fail unmeasured with --no-build).
 */
export function checkBudgets(report: DockwizReport, limits: BudgetLimits, built: boolean): Budget[] {
	const subject = subjectOf(report, limits);
	const side = subject.side?.ok ? subject.side : null;
	const why = notMeasuredBecause(report, subject);
	const budgets: Budget[] = [];

	if (limits.maxSizeBytes !== undefined) {
		const value = side?.sizeBytes ?? null;
		budgets.push(value === null ? notMeasured('max-size', limits.maxSizeBytes, why) : atMost('max-size', 'The image size', value, limits.maxSizeBytes, formatBytes, subject.label));
	}

	if (limits.maxRatio !== undefined) {
		const value = report.summary?.sizeRatio ?? null;
		budgets.push(value === null
			? notMeasured('max-ratio', limits.maxRatio, report.builds === null ? why : 'not measured: the before and after sizes are not both known')
			: atMost('max-ratio', 'The size ratio', value, limits.maxRatio, formatRatio, 'the proposed image to the project\'s (after/before)'));
	}

	if (limits.maxRebuildSeconds !== undefined) {
		const value = side?.rebuildSeconds ?? null;
		budgets.push(value === null ? notMeasured('max-rebuild', limits.maxRebuildSeconds, why) : atMost('max-rebuild', 'The warm rebuild after a code edit', value, limits.maxRebuildSeconds, formatSeconds, subject.label));
	}

	if (limits.maxWastedBytes !== undefined) {
		// Read from the layers --explain exports: without it, nothing was counted.
		const layers = report.explain?.layers[subject.side === report.builds?.before ? 'before' : 'after'] ?? null;
		const value = side && layers ? layers.wastedBytes : null;
		budgets.push(value === null
			? notMeasured('max-wasted', limits.maxWastedBytes, report.builds !== null && side && !report.explain ? 'not measured: the layers are read with --explain; add --explain' : why)
			: atMost('max-wasted', 'The bytes later layers overwrite or delete', value, limits.maxWastedBytes, formatBytes, subject.label));
	}

	if (limits.noRoot ?? built) {
		const user = side?.user ?? null;
		if (user === null) {
			budgets.push(notMeasured('no-root', true, why));
		} else {
			const ok = !isRootUser(user);
			budgets.push({name: 'no-root', limit: true, value: user || 'root', ok, detail: ok ? `${sentence(subject.label)} runs as ${user}, not root` : `${sentence(subject.label)} runs as root: add a USER line with an unprivileged user`});
		}
	}

	if (limits.noErrorFindings ?? true) {
		const errors = report.findings.filter(finding => finding.severity === 'error');
		const ok = errors.length === 0;
		const ids = [...new Set(errors.map(finding => finding.rule))].join(', ');
		budgets.push({name: 'no-error-findings', limit: true, value: errors.length, ok, detail: ok ? 'No finding of error severity' : `${errors.length} finding(s) of error severity: ${ids} (fix them, or re-grade them in the config's override)`});
	}

	if (limits.smoke ?? built) {
		const smoke = side?.smoke ?? null;
		if (smoke === null) {
			budgets.push(notMeasured('smoke', true, side ? `not measured: ${subject.label} was not started` : why));
		} else {
			const value = smoke.ok ? `HTTP ${smoke.status ?? '?'}` : (smoke.error ?? 'no answer');
			budgets.push({name: 'smoke', limit: true, value, ok: smoke.ok, detail: smoke.ok ? `${sentence(subject.label)} answered HTTP ${smoke.status ?? '?'}` : `${sentence(subject.label)} did not answer the smoke test (${value})`});
		}
	}

	return budgets;
}

/** The budgets that failed, each in one line naming it: for the plain run and its exit. */
export function failedBudgetLines(budgets: Budget[]): string[] {
	return budgets.filter(budget => !budget.ok).map(budget => `budget ${budget.name} failed: ${budget.detail}`);
}

/** 3 when a budget failed and the run was otherwise fine; a failed build (1), bad input (2) or interruption (130) come first. */
export function exitCodeWithBudgets(code: number, budgets: Budget[] | undefined): number {
	if (code !== 0 || !budgets) return code;
	return budgets.every(budget => budget.ok) ? 0 : 3;
}
