// The logs the viewer offers: during the build, each side's output as it arrives; on the
// Summary, each side's whole build log and its container's log, as the measurement kept them.

import type {Measurement, Side} from '../types.js';
import type {LogSource} from './components/log-view-state.js';
import type {BuildProgress} from './state.js';

const sides: Side[] = ['before', 'after'];

export function buildLogSources(build: BuildProgress): LogSource[] {
	return sides.map(side => ({
		id: `${side}-build`,
		label: `${side} build`,
		lines: build[side].log.lines,
		cutLines: build[side].log.cutLines,
		empty: 'No build output yet.',
	}));
}

export function summaryLogSources(measurement: Measurement | null): LogSource[] {
	return sides.flatMap(side => {
		const result = measurement?.builds[side];
		const logs = result?.logs;
		return [
			{id: `${side}-build`, label: `${side} build`, lines: logs?.build ?? [], cutLines: logs?.cutLines ?? 0, empty: 'Not built: there is no build output for this side.'},
			{
				id: `${side}-container`,
				label: `${side} container`,
				lines: logs?.container ?? [],
				cutLines: 0,
				empty: result?.smoke ? 'The container printed nothing.' : 'Not run: no container was started for this side.',
			},
		];
	});
}
