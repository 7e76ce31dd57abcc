import type {Engine} from './connect.js';

export type HistoryEntry = {createdBy: string; sizeBytes: number};

export type ImageFacts = {
	sizeBytes: number;
	/** Filesystem layers (RootFS), i.e. history entries that added files. */
	layers: number;
	/** The user the image runs as: 'root' when unset. */
	user: string;
	history: HistoryEntry[];
};

export async function imageFacts(engine: Engine, image: string): Promise<ImageFacts> {
	const docker = engine.docker.getImage(image);
	const [inspect, history] = await Promise.all([docker.inspect(), docker.history() as Promise<Array<{CreatedBy?: string; Size?: number}>>]);
	const user = inspect.Config?.User?.trim();
	return {
		sizeBytes: inspect.Size,
		layers: inspect.RootFS?.Layers?.length ?? history.filter(h => (h.Size ?? 0) > 0).length,
		user: user ? user : 'root',
		history: history.map(h => ({createdBy: (h.CreatedBy ?? '').replace(/^\/bin\/sh -c #\(nop\)\s*/, ''), sizeBytes: h.Size ?? 0})),
	};
}
