// An image's bytes composed from layers read once each: the waterfall's steps share their base
// and dependency layers, so each layer is analysed once and composed into every image holding it.
import {describe, expect, it} from 'vitest';
import {analyseLayer, composeImageBytes, imageBytes, type LayerEntry} from '../../source/analysis/image-bytes.js';

const file = (path: string, sizeBytes: number, content?: string): LayerEntry => ({path, type: 'file', sizeBytes, ...(content === undefined ? {} : {content})});
const dir = (path: string): LayerEntry => ({path, type: 'dir', sizeBytes: 0});
const whiteout = (path: string): LayerEntry => ({path, type: 'file', sizeBytes: 0});

const site = 'usr/local/lib/python3.11/site-packages';
const record = 'flask/app.py,sha256=a,4000\nflask-3.0.dist-info/RECORD,,\n';
const base = [dir('usr/'), file('usr/bin/python3.11', 50_000), file('var/lib/apt/lists/deb_Packages', 9000)];
const deps = [dir(`${site}/flask/`), file(`${site}/flask/app.py`, 4000), file(`${site}/flask-3.0.dist-info/RECORD`, record.length, record), file('root/.cache/pip/wheel.whl', 6000)];
const app = [dir('app/'), file('app/app.py', 300), file('app/notes.md', 700)];
// A later step's layer: deletes pip's cache (plain whiteout) and empties /app (opaque whiteout) before copying the app again.
const cleanup = [whiteout('root/.cache/.wh.pip'), dir('app/'), whiteout('app/.wh..wh..opq'), file('app/app.py', 310)];

describe('composeImageBytes', () => {
	const layers = {base: analyseLayer(base), deps: analyseLayer(deps), app: analyseLayer(app), cleanup: analyseLayer(cleanup)};

	it('gives the same numbers as reading the whole image at once', () => {
		const whole = imageBytes({baseLayers: 1, workdir: '/app', layers: [base, deps, app, cleanup]});
		expect(composeImageBytes([layers.base, layers.deps, layers.app, layers.cleanup], 1, '/app')).toEqual(whole);
	});

	it('composes two steps from the same layer readings, each with its own waste, and leaves the readings as they were', () => {
		const intermediate = composeImageBytes([layers.base, layers.deps, layers.app], 1, '/app');
		const last = composeImageBytes([layers.base, layers.deps, layers.app, layers.cleanup], 1, '/app');
		// The intermediate step has no later layer: nothing is hidden.
		expect(intermediate.wastedBytes).toBe(0);
		expect(intermediate.categories).toMatchObject({'base image': 59_000, 'Python packages': 4000 + record.length, 'package-manager caches': 6000, 'app files': 1000});
		// The whiteout hides the 6000-byte wheel below it; the opaque whiteout hides app.py (300) and notes.md (700).
		expect(last.wastedBytes).toBe(6000 + 300 + 700);
		expect(last.wasted).toEqual([{path: '/root/.cache/pip/wheel.whl', bytes: 6000}, {path: '/app/notes.md', bytes: 700}, {path: '/app/app.py', bytes: 300}]);
		// Every layer's bytes are still shipped: the categories only grow by the cleanup layer's own file.
		expect(last.categories['app files']).toBe(1000 + 310);
		expect(last.packages).toEqual([{name: 'flask', version: '3.0', sizeBytes: 4000 + record.length, files: 2}]);
		expect(composeImageBytes([layers.base, layers.deps, layers.app], 1, '/app')).toEqual(intermediate);
	});

	it('a whiteout only hides what is below it: a step that puts the layers in another order wastes nothing', () => {
		const reordered = composeImageBytes([layers.base, layers.cleanup, layers.deps], 1, '/app');
		expect(reordered.wastedBytes).toBe(0);
		expect(reordered.categories['package-manager caches']).toBe(6000);
	});

	it('an opaque whiteout hides everything below its folder, however deep, but not the folder\'s neighbours', () => {
		const lower = analyseLayer([file('srv/data/a', 10), file('srv/data/deep/b', 20), file('srv/database', 40)]);
		const opaque = analyseLayer([dir('srv/data/'), whiteout('srv/data/.wh..wh..opq'), file('srv/data/c', 5)]);
		const result = composeImageBytes([lower, opaque], 0, '');
		expect(result.wastedBytes).toBe(30);
		expect(result.wasted.map(entry => entry.path)).toEqual(['/srv/data/deep/b', '/srv/data/a']);
	});

	it('counts a shared layer by each image\'s own base and WORKDIR', () => {
		const asBase = composeImageBytes([layers.base, layers.deps, layers.app], 2, '/app');
		expect(asBase.categories['base image']).toBe(59_000 + 4000 + record.length + 6000);
		expect(asBase.categories['Python packages']).toBe(0);
		const noWorkdir = composeImageBytes([layers.base, layers.deps, layers.app], 1, '');
		expect(noWorkdir.categories['app files']).toBe(0);
		expect(noWorkdir.categories.other).toBe(1000);
	});
});
