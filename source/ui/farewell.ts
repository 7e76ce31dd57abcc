// The lines worth keeping after the full screen closes: the headline, the files written,
// or why the run stopped.

import {buildFailures, measuredValue, missingWord} from '../report/comparison.js';
import {formatBytes, formatRatio} from '../report/format.js';
import type {BuildResult} from '../types.js';
import type {State} from './state.js';

function size(result: BuildResult): string {
	const bytes = measuredValue(result, 'sizeBytes');
	return bytes === null ? missingWord(result, 'build') : formatBytes(bytes);
}

export function farewellLines(state: State): string[] {
	if (state.interrupted) return ['dockwiz: interrupted; the builds were stopped and our containers and images removed.'];
	if (state.failure) return [`dockwiz: ${state.failure.message}`];
	const lines: string[] = [];
	const report = state.result;
	if (report?.builds && report.summary) {
		// Only measured numbers: a side that was not built says so instead of a dash.
		const {sizeRatio, rebuildTimeRatio} = report.summary;
		const sizes = `image ${size(report.builds.before)} -> ${size(report.builds.after)}${sizeRatio === null ? '' : ` (${formatRatio(sizeRatio)})`}`;
		const rebuild = rebuildTimeRatio === null ? 'warm rebuild not measured on both sides' : `warm rebuild ${formatRatio(rebuildTimeRatio)} the time`;
		lines.push(`dockwiz: ${sizes}, ${rebuild}.`, ...buildFailures(report).map(failure => `dockwiz: ${failure}`));
	}

	if (state.measureError) lines.push(`dockwiz: measuring stopped: ${state.measureError}`);
	if (state.written && state.written.written.length > 0) lines.push(`dockwiz: wrote ${state.written.written.join(', ')}${state.written.backups.length > 0 ? ` (backups: ${state.written.backups.join(', ')})` : ''}`);
	if (state.savedReportPath) lines.push(`dockwiz: report saved to ${state.savedReportPath}`);
	if (state.stepFailure) lines.push(`dockwiz: ${state.stepFailure.message}`);
	return lines;
}
