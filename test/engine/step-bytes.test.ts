// Every waterfall step's bytes from one export: the images are saved together, each layer is
// analysed once and kept by its digest, and each step's breakdown is composed from its layers.
import {describe, expect, it} from 'vitest';
import {analyseLayer} from '../../source/analysis/image-bytes.js';
import {stepsBytes, type LayerCache} from '../../source/engine/step-bytes.js';
import {FakeAdapter} from './fake-adapter.js';

function setup() {
	const fake = new FakeAdapter();
	const exports: string[][] = [];
	const exportImages = fake.exportImages.bind(fake);
	fake.exportImages = async references => {
		exports.push([...references]);
		return exportImages(references);
	};

	return {fake, exports, engine: {info: fake.info, adapter: fake}};
}

describe('stepsBytes', () => {
	it('exports every step image in one save and gives each step its breakdown, null where a step has no image', async () => {
		const {fake, exports, engine} = setup();
		const first = fake.addImage({tags: ['step-1']});
		const second = fake.addImage({tags: ['step-2']});
		const cache: LayerCache = new Map();
		const bytes = await stepsBytes(engine, [{imageId: first.id, baseImage: null}, null, {imageId: second.id, baseImage: null}], 5, cache);
		expect(exports).toEqual([[first.id, second.id]]);
		expect(bytes[1]).toBeNull();
		// The fake's one layer, shared by both images: /app/app.py, 10 bytes, under the WORKDIR.
		for (const each of [bytes[0], bytes[2]]) expect(each).toMatchObject({totalBytes: 10, wastedBytes: 0, categories: {'app files': 10}});
		expect([...cache.keys()]).toEqual(['sha256:l1']);
	});

	it('composes from the layer already analysed in the run, by its digest', async () => {
		const {fake, engine} = setup();
		const image = fake.addImage({tags: ['step-1']});
		const cache: LayerCache = new Map([['sha256:l1', analyseLayer([{path: 'app/known.py', type: 'file', sizeBytes: 1234}])]]);
		const [bytes] = await stepsBytes(engine, [{imageId: image.id, baseImage: null}], 5, cache);
		expect(bytes?.categories['app files']).toBe(1234);
	});

	it('counts the base image\'s layers as base image', async () => {
		const {fake, engine} = setup();
		const image = fake.addImage({tags: ['step-1']});
		fake.addImage({tags: ['python:3.11-slim']});
		const [bytes] = await stepsBytes(engine, [{imageId: image.id, baseImage: 'python:3.11-slim'}], 5);
		// The fake says every image has 3 root layers; this one has 1: all of it is the base's.
		expect(bytes?.categories).toMatchObject({'base image': 10, 'app files': 0});
	});

	it('reads nothing when no step has an image', async () => {
		const {exports, engine} = setup();
		expect(await stepsBytes(engine, [null, null], 5)).toEqual([null, null]);
		expect(exports).toEqual([]);
	});
});
