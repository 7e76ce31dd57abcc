// Before the build: which of a Dockerfile's base images are not on the engine yet, and
// what pulling them will download, as the registry tells it (the manifest's layer sizes).
// Only reads: nothing is pulled here.
import type {BaseImageNote} from '../types.js';
import type {EngineHandle} from './adapter.js';
import {baseImages} from './base-images.js';
import {parseImageReference} from './image-reference.js';
import {findCredentials} from './registry-credentials.js';
import {downloadSize} from './registry-manifest.js';

export async function baseImageNotes(engine: EngineHandle, dockerfile: string, env: Record<string, string | undefined> = process.env): Promise<BaseImageNote[]> {
	const notes: BaseImageNote[] = [];
	for (const image of baseImages(dockerfile)) {
		const present = await engine.adapter.inspectImage(image).then(() => true, () => false);
		if (present) {
			notes.push({image, present, downloadBytes: null});
			continue;
		}

		const {auth} = await findCredentials(parseImageReference(image).registry, env);
		notes.push({image, present, downloadBytes: (await downloadSize(image, auth))?.bytes ?? null});
	}

	return notes;
}
