// Where each waterfall step's bytes are, read cheaply: the steps' images exported together in
// one `docker save` (the engine writes a layer that several images share once), each distinct
// layer analysed once and kept by its digest for the run, and each image's breakdown composed
// from its layers in order (waste needs the order: a later layer hides an earlier one's copy).
import {analyseLayer, composeImageBytes, type ImageBytes, type LayerFiles} from '../analysis/image-bytes.js';
import type {LayerBreakdown} from '../explain-types.js';
import type {EngineHandle} from './adapter.js';
import {readExportedImages} from './image-export.js';

/** A built step's image, and the base image its last stage starts from (its layers count as 'base image'). */
export type StepImage = {imageId: string; baseImage: string | null};

/** Each layer's analysis by digest: a run reads a layer once, however many steps hold it. */
export type LayerCache = Map<string, LayerFiles>;

export function breakdownOf(bytes: ImageBytes, top: number): LayerBreakdown {
	return {categories: bytes.categories, totalBytes: bytes.totalBytes, packages: bytes.packages.slice(0, top), wastedBytes: bytes.wastedBytes, wasted: bytes.wasted.slice(0, top)};
}

const bare = (id: string) => id.replace(/^sha256:/, '');

/** The breakdown of each image (null where there is none), in the order given. */
export async function stepsBytes(engine: EngineHandle, images: ReadonlyArray<StepImage | null>, top: number, cache: LayerCache = new Map()): Promise<Array<LayerBreakdown | null>> {
	const ids = [...new Set(images.flatMap(image => (image ? [image.imageId] : [])))];
	if (ids.length === 0) return images.map(() => null);
	const exported = await readExportedImages(await engine.adapter.exportImages(ids));
	for (const [digest, entries] of exported.layers) {
		if (!cache.has(digest)) cache.set(digest, analyseLayer(entries));
	}

	const baseLayers = new Map<string, number>();
	for (const base of new Set(images.flatMap(image => (image?.baseImage ? [image.baseImage] : [])))) {
		baseLayers.set(base, await engine.adapter.inspectImage(base).then(details => details.rootLayers ?? 0, () => 0));
	}

	return images.map(image => {
		const read = image && exported.images.find(each => each.id === bare(image.imageId));
		if (!image || !read) return null;
		const layers = read.layers.map(digest => cache.get(digest) ?? analyseLayer([]));
		const base = Math.min(image.baseImage ? baseLayers.get(image.baseImage) ?? 0 : 0, layers.length);
		return breakdownOf(composeImageBytes(layers, base, read.workdir, top), top);
	});
}
