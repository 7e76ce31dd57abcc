// How a base image's pull reads in every renderer: kept apart from the build times, since
// pull time depends on the network and the registry, never on the Dockerfile.
import type {PullRecord} from '../types.js';
import {formatBytes, formatSeconds} from './format.js';

export function pullRecordText(record: PullRecord): string {
	if (record.status === 'present') return `${record.image}: already on the engine, not pulled`;
	if (record.status === 'failed') return `${record.image}: pull failed${record.seconds > 0 ? ` after ${formatSeconds(record.seconds)}` : ''}`;
	const bytes = record.bytes > 0 ? formatBytes(record.bytes) : 'nothing new (its layers were on the engine)';
	return `${record.image}: pulled ${bytes} in ${formatSeconds(record.seconds)}`;
}

/** One line for the summaries: the base images' pull time, apart from the builds; null when nothing was pulled. */
export function pullSummaryLines(pulls: readonly PullRecord[] | undefined): string[] {
	const list = pulls ?? [];
	if (!list.some(record => record.status !== 'present')) return [];
	const pulled = list.filter(record => record.status === 'pulled');
	const seconds = pulled.reduce((sum, record) => sum + record.seconds, 0);
	const bytes = pulled.reduce((sum, record) => sum + record.bytes, 0);
	return [
		pulled.length > 0 ? `Base images, pulled before the builds (not in the build times): ${formatBytes(bytes)} in ${formatSeconds(seconds)}` : 'Base images, before the builds:',
		...list.map(record => `  ${pullRecordText(record)}`),
	];
}
