import type {EngineHandle} from './adapter.js';

export type HistoryEntry = {createdBy: string; sizeBytes: number};

export type ImageFacts = {
	sizeBytes: number;
	/** Filesystem layers (RootFS), i.e. history entries that added files. */
	layers: number;
	/** The user the image runs as: 'root' when unset. */
	user: string;
	history: HistoryEntry[];
};

export async function imageFacts(engine: EngineHandle, image: string): Promise<ImageFacts> {
	const [inspect, history] = await Promise.all([engine.adapter.inspectImage(image), engine.adapter.imageHistory(image)]);
	const user = inspect.user.trim();
	return {
		sizeBytes: inspect.sizeBytes,
		layers: inspect.rootLayers ?? history.filter(h => h.sizeBytes > 0).length,
		user: user ? user : 'root',
		history: history.map(h => ({createdBy: h.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, ''), sizeBytes: h.sizeBytes})),
	};
}
