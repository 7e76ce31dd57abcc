// The rows of the before/after comparison, shared by the Markdown and plain renderers
// so both show the same metrics in the same order with the same words.

import type {BuildResult, DockwizReport, SideError, SidePhase} from '../types.js';
import {formatBytes, formatRatio, formatSeconds, ratio} from './format.js';

export type ComparisonRow = {
	label: string;
	before: string;
	after: string;
	/** after/before formatted, '' where a ratio means nothing (user, HTTP). */
	ratio: string;
	/** Raw numbers, for bars. */
	beforeValue: number | null;
	afterValue: number | null;
};

/** Below a thousandth the digits say nothing ("0.000×"): say how small instead. */
function formatComparisonRatio(value: number | null): string {
	return value !== null && value > 0 && value < 0.001 ? '<0.001×' : formatRatio(value);
}

/** Which phase measures each number: a number counts only when that phase passed. */
// The dependency-change rebuild runs right after the warm one, in the same phase.
const measuredBy = {sizeBytes: 'build', layers: 'build', buildSeconds: 'build', user: 'build', rebuildSeconds: 'rebuild', dependencyRebuildSeconds: 'rebuild', contextBytes: 'context'} as const satisfies Record<string, SidePhase>;
type Metric = keyof typeof measuredBy;

/**
 * A side's number when the phase that measures it passed, else null. A side whose image built
 * and whose container then failed keeps its size, layers and times; a side without phases (a
 * report from before they were recorded) counts only when every phase passed.
 */
export function measuredValue<K extends Metric>(result: BuildResult, key: K): BuildResult[K] | null {
	const value = result[key];
	if (value === null || value === undefined) return null;
	if (!result.phases) return result.ok ? value : null;
	return result.phases[measuredBy[key]] === 'passed' ? value : null;
}

/** What to print instead of a number that was not measured: why there is none, never a dash or a zero. */
export function missingWord(result: BuildResult, phase: SidePhase): string {
	if (phase === 'context') return 'not measured';
	const status = result.phases?.[phase];
	if (phase === 'build') return status === 'passed' ? 'not measured' : 'not built';
	if (status === 'failed') return 'failed';
	if (status === 'passed') return 'not measured';
	return 'not run';
}

function numberRow(label: string, metric: Metric, results: {before: BuildResult; after: BuildResult}, format: (value: number) => string): ComparisonRow {
	const before = measuredValue(results.before, metric) as number | null;
	const after = measuredValue(results.after, metric) as number | null;
	const shown = (result: BuildResult, value: number | null) => (value === null ? missingWord(result, measuredBy[metric]) : format(value));
	return {
		label,
		before: shown(results.before, before),
		after: shown(results.after, after),
		ratio: before === null || after === null ? '' : formatComparisonRatio(ratio(after, before)),
		beforeValue: before,
		afterValue: after,
	};
}

/** Seconds from the start request to the first HTTP answer: measured only where the smoke test answered. */
function firstAnswerRow(results: {before: BuildResult; after: BuildResult}): ComparisonRow {
	const value = (result: BuildResult) => (result.smoke?.ok ? (result.smoke.firstAnswerSeconds ?? null) : null);
	const before = value(results.before);
	const after = value(results.after);
	const shown = (result: BuildResult, seconds: number | null) => (seconds === null ? missingWord(result, 'smoke') : formatSeconds(seconds));
	return {
		label: 'First answer',
		before: shown(results.before, before),
		after: shown(results.after, after),
		ratio: before === null || after === null ? '' : formatComparisonRatio(ratio(after, before)),
		beforeValue: before,
		afterValue: after,
	};
}

function textRow(label: string, before: string, after: string): ComparisonRow {
	return {label, before, after, ratio: '', beforeValue: null, afterValue: null};
}

function formatCount(count: number): string {
	return String(count);
}

function formatUser(result: BuildResult): string {
	const user = measuredValue(result, 'user');
	if (user === null) return missingWord(result, 'build');
	return user === 'root' || user === '' || user === '0' ? 'root' : user;
}

function formatSmoke(result: BuildResult): string {
	const smoke = result.smoke;
	if (!smoke) return 'not run';
	if (smoke.ok) return smoke.status === null ? 'ok' : `${smoke.status} ok`;
	return smoke.status === null ? 'no answer' : `${smoke.status} failed`;
}

export function comparisonRows(report: DockwizReport): ComparisonRow[] {
	const builds = report.builds;
	if (!builds) {
		// Without builds the context audit still compares before and after.
		const proposed = report.context.proposed;
		if (!proposed) return [];
		return [{label: 'Build context', before: formatBytes(report.context.bytes), after: formatBytes(proposed.bytes), ratio: formatComparisonRatio(ratio(proposed.bytes, report.context.bytes)), beforeValue: report.context.bytes, afterValue: proposed.bytes}];
	}

	return [
		numberRow('Image size', 'sizeBytes', builds, formatBytes),
		numberRow('Cold build', 'buildSeconds', builds, formatSeconds),
		numberRow('Warm rebuild', 'rebuildSeconds', builds, formatSeconds),
		...(builds.before.dependencyChange || builds.after.dependencyChange ? [numberRow('Dependency change', 'dependencyRebuildSeconds', builds, formatSeconds)] : []),
		...(builds.before.smoke?.firstAnswerSeconds !== undefined || builds.after.smoke?.firstAnswerSeconds !== undefined ? [firstAnswerRow(builds)] : []),
		numberRow('Layers', 'layers', builds, formatCount),
		numberRow('Build context', 'contextBytes', builds, formatBytes),
		textRow('Runs as', formatUser(builds.before), formatUser(builds.after)),
		textRow('HTTP', formatSmoke(builds.before), formatSmoke(builds.after)),
	];
}

const phaseWords: Record<SidePhase, string> = {context: 'sending the build context', pull: 'getting the base image', build: 'build', rebuild: 'warm rebuild', smoke: 'smoke test'};

/** `build failed at step 4 (RUN pip install .), exit code 1`: where it broke, as far as it is known. */
function failedWhere(error: SideError): string {
	const step = error.step === null ? '' : ` at step ${error.step}`;
	const instruction = error.instruction ? ` (${error.instruction})` : '';
	const code = error.exitCode === null ? '' : `, exit code ${error.exitCode}`;
	return `${phaseWords[error.phase]} failed${step}${instruction}${code}`;
}

/** One line per failed side, saying which and why. */
export function buildFailures(report: DockwizReport): string[] {
	if (!report.builds) return [];
	const lines: string[] = [];
	for (const side of ['before', 'after'] as const) {
		const result = report.builds[side];
		const {error} = result;
		// A side whose image built and whose container then failed is not a failed build: what it measured stands.
		if (error?.phase === 'smoke' || (!error && result.smoke && !result.smoke.ok)) {
			const message = error?.message ?? result.smoke?.error;
			const code = error?.exitCode === null || error?.exitCode === undefined ? '' : `, exit code ${error.exitCode}`;
			const kept = measuredValue(result, 'sizeBytes') === null ? '' : ' (the image built: its size, layers and build times are measured)';
			lines.push(`${side}: smoke test failed${code}${kept}${message ? `: ${message}` : ''}`);
		} else if (error) {
			lines.push(`${side}: ${failedWhere(error)}: ${error.message}`);
		} else if (!result.ok && result.phases && Object.values(result.phases).every(status => status === 'not run')) {
			lines.push(`${side}: not run`);
		}
	}

	return lines;
}

/** The last output lines of each failed build step (pip's resolver error, the compiler's), for the renderers. */
export function failedStepOutputs(report: DockwizReport): Array<{side: 'before' | 'after'; lines: string[]}> {
	if (!report.builds) return [];
	return (['before', 'after'] as const).flatMap(side => {
		const error = report.builds?.[side].error;
		return error && error.phase !== 'smoke' && error.logTail.length > 0 ? [{side, lines: error.logTail}] : [];
	});
}

/** Which required variables each side's smoke test was given placeholder values for (the image carries none). */
export function placeholderLines(report: DockwizReport): string[] {
	if (!report.builds) return [];
	return (['before', 'after'] as const).flatMap(side => {
		const names = report.builds?.[side].smoke?.placeholderEnv ?? [];
		return names.length > 0 ? [`${side}: smoke test run with placeholder values for ${names.join(', ')} (the app requires ${names.length === 1 ? 'it' : 'them'} at start; set real values with docker run -e)`] : [];
	});
}

/** The container log lines kept by each side's smoke run (a crash, a server error, no answer), for the renderers. */
export function containerLogTails(report: DockwizReport): Array<{side: 'before' | 'after'; lines: string[]}> {
	if (!report.builds) return [];
	return (['before', 'after'] as const).flatMap(side => {
		const lines = report.builds?.[side].smoke?.logTail ?? [];
		return lines.length > 0 ? [{side, lines}] : [];
	});
}

/** One line a hint (the cause, then its fix) for each failed side, for the renderers and the summary screen. */
export function failureHintLines(report: DockwizReport): string[] {
	if (!report.builds) return [];
	return (['before', 'after'] as const).flatMap(side => {
		const result = report.builds![side];
		return [...(result.hints ?? []), ...(result.smoke?.hints ?? [])].map(hint => `${side}: ${hint.id} ${hint.message} Fix: ${hint.fix}`);
	});
}

/** What the dependency-change rebuild added where, and each side it could not be measured for, with the reason. */
export function dependencyChangeLines(report: DockwizReport): string[] {
	if (!report.builds) return [];
	const {before, after} = report.builds;
	const measured = [before, after].map(result => result.dependencyChange).find(change => change?.packageName);
	const lines = measured?.packageName && measured.file ? [`dependency change: ${measured.packageName} added to ${measured.file} in the build context (the folder is not changed), then rebuilt with the cache`] : [];
	for (const side of ['before', 'after'] as const) {
		const change = report.builds[side].dependencyChange;
		if (change && !change.measured && report.builds[side].ok) lines.push(`${side}: dependency change not measured: ${change.reason ?? 'no reason given'}`);
	}

	return lines;
}
