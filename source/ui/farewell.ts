// The lines worth keeping after the full screen closes: the headline, the files written,
// or why the run stopped.

import {formatBytes, formatRatio} from '../report/format.js';
import type {State} from './state.js';

export function farewellLines(state: State): string[] {
	if (state.interrupted) return ['dockwiz: interrupted; the builds were stopped and our containers and images removed.'];
	if (state.failure) return [`dockwiz: ${state.failure.message}`];
	const lines: string[] = [];
	const report = state.result;
	if (report?.builds && report.summary) {
		lines.push(
			`dockwiz: image ${formatBytes(report.builds.before.sizeBytes)} -> ${formatBytes(report.builds.after.sizeBytes)} (${formatRatio(report.summary.sizeRatio)}), warm rebuild ${formatRatio(report.summary.rebuildTimeRatio)} the time.`,
		);
	}

	if (state.measureError) lines.push(`dockwiz: measuring stopped: ${state.measureError}`);
	if (state.written && state.written.written.length > 0) lines.push(`dockwiz: wrote ${state.written.written.join(', ')}${state.written.backups.length > 0 ? ` (backups: ${state.written.backups.join(', ')})` : ''}`);
	if (state.savedReportPath) lines.push(`dockwiz: report saved to ${state.savedReportPath}`);
	if (state.stepFailure) lines.push(`dockwiz: ${state.stepFailure.message}`);
	return lines;
}
