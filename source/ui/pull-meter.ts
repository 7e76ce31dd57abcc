// What one base image's pull line says, from its progress: a bar of bytes done of the
// total, the speed, the time left, and the layers done of all (those already on the engine
// counted apart). Pure, so the screen only lays it out.
import {formatBytes, formatSeconds} from '../report/format.js';
import {pullTotals} from '../report/pull-tally.js';
import type {PullProgress} from './state.js';

export type PullMeter =
	| {kind: 'running'; fraction: number | null; bytes: string; speed: string | null; eta: string | null; layers: string}
	| {kind: 'done'; text: string; layers: string}
	| {kind: 'present'; text: string}
	| {kind: 'failed'; text: string};

function clock(seconds: number): string {
	const whole = Math.max(0, Math.ceil(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function pullMeter(pull: PullProgress): PullMeter {
	const totals = pullTotals(pull.layers);
	const layers = totals.layersTotal === 0 ? '' : `layers ${totals.layersDone}/${totals.layersTotal}${totals.layersPresent > 0 ? ` (${totals.layersPresent} present)` : ''}`;
	const record = pull.record;
	if (record?.status === 'present') return {kind: 'present', text: 'already on the engine, not pulled'};
	if (record?.status === 'failed') return {kind: 'failed', text: pull.message ?? 'the pull failed'};
	if (record?.status === 'pulled') {
		return {kind: 'done', text: `pulled ${record.bytes > 0 ? formatBytes(record.bytes) : 'nothing new'} in ${formatSeconds(record.seconds)}`, layers};
	}

	const seconds = (pull.updatedAtMs - pull.startedAtMs) / 1000;
	// Below a quarter second or a few kB the rate is noise, not a speed.
	const rate = seconds >= 0.25 && totals.bytesDone > 4096 ? totals.bytesDone / seconds : null;
	const left = totals.totalKnown && totals.bytesTotal > 0 ? totals.bytesTotal - totals.bytesDone : null;
	return {
		kind: 'running',
		fraction: totals.totalKnown && totals.bytesTotal > 0 ? Math.min(1, totals.bytesDone / totals.bytesTotal) : null,
		bytes: totals.bytesTotal > 0 ? `${formatBytes(totals.bytesDone)} / ${formatBytes(totals.bytesTotal)}${totals.totalKnown ? '' : '+'}` : formatBytes(totals.bytesDone),
		speed: rate === null ? null : `${formatBytes(rate)}/s`,
		eta: rate === null || left === null ? null : `ETA ${clock(left / rate)}`,
		layers,
	};
}

/** `██████░░░░` for a fraction of `width` cells. */
export function progressBar(fraction: number, width: number): string {
	const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}
