import {maskSecrets} from '../analysis/mask-secrets.js';
import type {EngineHandle} from './adapter.js';
import {runLabelStep} from './run-identity.js';

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
		// The run label is dockwiz's, not the user's: not an instruction of theirs to report. A
		// Dockerfile's own ENV or ARG values can hold credentials: masked like any printed text.
		history: history
			.map(h => ({createdBy: h.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, ''), sizeBytes: h.sizeBytes}))
			.filter(h => !runLabelStep.test(h.createdBy))
			.map(h => ({...h, createdBy: maskSecrets(h.createdBy)})),
	};
}
