// The rows of the before/after comparison, shared by the Markdown and plain renderers
// so both show the same metrics in the same order with the same words.

import type {BuildResult, DockwizReport} from '../types.js';
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

function numberRow(label: string, before: number | null, after: number | null, format: (value: number | null) => string): ComparisonRow {
	return {
		label,
		before: format(before),
		after: format(after),
		ratio: formatComparisonRatio(ratio(after, before)),
		beforeValue: before,
		afterValue: after,
	};
}

function textRow(label: string, before: string, after: string): ComparisonRow {
	return {label, before, after, ratio: '', beforeValue: null, afterValue: null};
}

function formatCount(count: number | null): string {
	return count === null ? '—' : String(count);
}

function formatUser(result: BuildResult): string {
	if (!result.ok || result.user === null) return '—';
	return result.user === 'root' || result.user === '' || result.user === '0' ? 'root' : result.user;
}

function formatSmoke(result: BuildResult): string {
	const smoke = result.smoke;
	if (!smoke) return '—';
	if (smoke.ok) return smoke.status === null ? 'ok' : `${smoke.status} ok`;
	return smoke.status === null ? 'no answer' : `${smoke.status} failed`;
}

/** A failed side has no trustworthy numbers: show a dash rather than partial ones. */
function okValue<T>(result: BuildResult, value: T | null): T | null {
	return result.ok ? value : null;
}

export function comparisonRows(report: DockwizReport): ComparisonRow[] {
	const builds = report.builds;
	if (!builds) {
		// Without builds the context audit still compares before and after.
		const proposed = report.context.proposed;
		return proposed ? [numberRow('Build context', report.context.bytes, proposed.bytes, formatBytes)] : [];
	}

	const {before, after} = builds;
	return [
		numberRow('Image size', okValue(before, before.sizeBytes), okValue(after, after.sizeBytes), formatBytes),
		numberRow('Cold build', okValue(before, before.buildSeconds), okValue(after, after.buildSeconds), formatSeconds),
		numberRow('Warm rebuild', okValue(before, before.rebuildSeconds), okValue(after, after.rebuildSeconds), formatSeconds),
		...(before.dependencyChange || after.dependencyChange ? [numberRow('Dependency change', okValue(before, before.dependencyRebuildSeconds ?? null), okValue(after, after.dependencyRebuildSeconds ?? null), formatSeconds)] : []),
		...(before.smoke?.firstAnswerSeconds !== undefined || after.smoke?.firstAnswerSeconds !== undefined ? [numberRow('First answer', before.smoke?.firstAnswerSeconds ?? null, after.smoke?.firstAnswerSeconds ?? null, formatSeconds)] : []),
		numberRow('Layers', okValue(before, before.layers), okValue(after, after.layers), formatCount),
		numberRow('Build context', before.contextBytes, after.contextBytes, formatBytes),
		textRow('Runs as', formatUser(before), formatUser(after)),
		textRow('HTTP', formatSmoke(before), formatSmoke(after)),
	];
}

/** One line per failed side, saying which and why. */
export function buildFailures(report: DockwizReport): string[] {
	if (!report.builds) return [];
	const lines: string[] = [];
	for (const side of ['before', 'after'] as const) {
		const result = report.builds[side];
		// A side whose image built and whose container then failed is not a failed build.
		if (result.smoke && !result.smoke.ok) lines.push(`${side}: smoke test failed${result.smoke.error ? `: ${result.smoke.error}` : ''}`);
		else if (!result.ok) lines.push(`${side}: build failed${result.error ? `: ${result.error}` : ''}`);
	}

	return lines;
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
