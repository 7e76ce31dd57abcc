// A pull's progress folded from the engine's per-layer events into what a person reads:
// bytes downloaded of the total, layers done of all (those already on the engine counted
// apart). Pure; the build screen, the plain lines and the engine's own record share it.
import type {EngineEvent} from '../types.js';

export type LayerState = 'waiting' | 'downloading' | 'downloaded' | 'done' | 'present';
export type LayerTally = {state: LayerState; currentBytes: number; totalBytes: number | null};
export type PullTally = Record<string, LayerTally>;

export type PullTotals = {
	layersTotal: number;
	/** Pulled or already present. */
	layersDone: number;
	layersPresent: number;
	/** Compressed bytes downloaded so far (present layers download nothing). */
	bytesDone: number;
	/** What the layers to download weigh, as far as known. */
	bytesTotal: number;
	/** Every layer to download has a known size. */
	totalKnown: boolean;
};

type PullEvent = Extract<EngineEvent, {type: 'pull'}>;


function nextLayer(layer: LayerTally, event: PullEvent): LayerTally {
	const status = event.status.trim().toLowerCase();
	const totalBytes = event.totalBytes ?? layer.totalBytes;
	if (status === 'already exists') return {state: 'present', currentBytes: 0, totalBytes: layer.totalBytes};
	if (status === 'pull complete' || status === 'done') return {state: 'done', currentBytes: totalBytes ?? layer.currentBytes, totalBytes};
	if (status === 'downloading') return {state: 'downloading', currentBytes: event.currentBytes ?? layer.currentBytes, totalBytes};
	if (status === 'verifying checksum' || status === 'download complete' || status === 'extracting') {
		if (layer.state === 'done') return layer;
		return {state: 'downloaded', currentBytes: layer.totalBytes ?? layer.currentBytes, totalBytes: layer.totalBytes ?? (status === 'extracting' ? totalBytes : layer.totalBytes)};
	}

	return {...layer, totalBytes};
}

/** Folds one pull event of an image into its tally. */
export function foldPull(tally: PullTally, event: PullEvent): PullTally {
	let next = tally;
	const sizes = event.pull?.layerBytes;
	if (sizes) {
		next = {...next};
		for (const [id, bytes] of Object.entries(sizes)) next[id] = next[id] ? {...next[id], totalBytes: next[id].totalBytes ?? bytes} : {state: 'waiting', currentBytes: 0, totalBytes: bytes};
	}

	// `Pulling from library/python` carries the tag as its id: not a layer.
	if (event.layer === undefined || /^pulling from /i.test(event.status)) return next;
	const layer = next[event.layer] ?? {state: 'waiting', currentBytes: 0, totalBytes: null};
	return {...next, [event.layer]: nextLayer(layer, event)};
}

export function pullTotals(tally: PullTally): PullTotals {
	const layers = Object.values(tally);
	const fetched = layers.filter(layer => layer.state !== 'present');
	return {
		layersTotal: layers.length,
		layersDone: layers.filter(layer => layer.state === 'done' || layer.state === 'present').length,
		layersPresent: layers.length - fetched.length,
		bytesDone: fetched.reduce((sum, layer) => sum + (layer.state === 'waiting' ? 0 : layer.state === 'downloading' ? layer.currentBytes : (layer.totalBytes ?? layer.currentBytes)), 0),
		bytesTotal: fetched.reduce((sum, layer) => sum + (layer.totalBytes ?? 0), 0),
		totalKnown: fetched.every(layer => layer.totalBytes !== null),
	};
}
