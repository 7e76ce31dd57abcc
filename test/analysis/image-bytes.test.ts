import {describe, expect, it} from 'vitest';
import {categoryOf, imageBytes, type LayerEntry} from '../../source/analysis/image-bytes.js';

const file = (path: string, sizeBytes: number, content?: string): LayerEntry => ({path, type: 'file', sizeBytes, ...(content === undefined ? {} : {content})});
const dir = (path: string): LayerEntry => ({path, type: 'dir', sizeBytes: 0});
const whiteout = (path: string): LayerEntry => ({path, type: 'file', sizeBytes: 0});

describe('categoryOf', () => {
	it.each([
		['usr/local/lib/python3.11/site-packages/flask/app.py', 'Python packages'],
		['opt/venv/lib/python3.11/site-packages/flask/__pycache__/app.cpython-311.pyc', 'bytecode caches'],
		['usr/lib/python3/dist-packages/numpy/tests/test_x.py', 'tests and docs in packages'],
		['opt/venv/lib/python3.11/site-packages/numpy/core/include/numpy/ndarraytypes.h', 'compilers and headers'],
		['usr/include/stdio.h', 'compilers and headers'],
		['usr/lib/gcc/x86_64-linux-gnu/12/cc1', 'compilers and headers'],
		['usr/bin/gcc-12', 'compilers and headers'],
		['root/.cache/pip/http-v2/a/b', 'package-manager caches'],
		['var/lib/apt/lists/deb.debian.org_dists', 'package-manager caches'],
		['var/cache/apt/archives/gcc.deb', 'package-manager caches'],
		['app/app.py', 'app files'],
		['app', 'app files'],
		['application/x.py', 'other'],
		['etc/passwd', 'other'],
	])('%s is %s', (path, category) => {
		expect(categoryOf(path, '/app')).toBe(category);
	});

	it('has no app files when the image has no WORKDIR', () => {
		expect(categoryOf('app/app.py', '')).toBe('other');
	});
});

describe('imageBytes', () => {
	it('counts the base layers as the base image and the rest by category; the categories add up to every byte', () => {
		const result = imageBytes({
			baseLayers: 1,
			workdir: '/app',
			layers: [
				[dir('usr/'), file('usr/bin/python3.11', 5000), file('usr/lib/python3.11/site-packages/pip/x.py', 700)],
				[dir('app/'), file('app/app.py', 300), file('root/.cache/pip/wheels/a.whl', 4000)],
			],
		});
		expect(result.categories['base image']).toBe(5700);
		expect(result.categories['app files']).toBe(300);
		expect(result.categories['package-manager caches']).toBe(4000);
		expect(result.totalBytes).toBe(10_000);
		expect(result.wastedBytes).toBe(0);
	});

	it('counts a deleted file once per copy below the whiteout, and an overwritten file once per hidden copy', () => {
		const result = imageBytes({
			baseLayers: 0,
			workdir: '',
			layers: [
				[file('data/big.bin', 1_048_576), file('data/keep.txt', 10), file('etc/conf', 100)],
				[file('data/big.bin', 1_048_576), file('etc/conf', 250)],
				[whiteout('data/.wh.big.bin'), file('etc/conf', 400)],
			],
		});
		// big.bin: two copies, both hidden; etc/conf: the 100- and 250-byte copies hidden by the 400-byte one.
		expect(result.wastedBytes).toBe(2 * 1_048_576 + 100 + 250);
		expect(result.wasted[0]).toEqual({path: '/data/big.bin', bytes: 2_097_152});
	});

	it('counts everything below a deleted folder, and what an opaque whiteout hides', () => {
		const result = imageBytes({
			baseLayers: 0,
			workdir: '',
			layers: [
				[dir('root/.cache/pip/'), file('root/.cache/pip/a', 1000), file('root/.cache/pip/sub/b', 2000), file('root/.cachex', 5), file('opt/x/old', 30)],
				[whiteout('root/.wh..cache'), dir('opt/x/'), whiteout('opt/x/.wh..wh..opq'), file('opt/x/new', 7)],
			],
		});
		expect(result.wastedBytes).toBe(3030);
	});

	it('a file added again after its deletion is one more copy, not waste', () => {
		const result = imageBytes({
			baseLayers: 0,
			workdir: '',
			layers: [[file('a', 10)], [whiteout('.wh.a')], [file('a', 20)]],
		});
		expect(result.wastedBytes).toBe(10);
	});

	it('sizes packages from their RECORD: the sizes in the image, else the sizes RECORD states', () => {
		const record = [
			'demo_pkg/__init__.py,sha256=abc,1000',
			'demo_pkg/data.bin,sha256=def,"2000"',
			'demo_pkg/__pycache__/__init__.cpython-311.pyc,,',
			'../../../bin/demo,sha256=x,50',
			'demo_pkg-1.2.dist-info/RECORD,,',
		].join('\n');
		const site = 'opt/venv/lib/python3.11/site-packages';
		const result = imageBytes({
			baseLayers: 0,
			workdir: '/app',
			layers: [[
				file(`${site}/demo_pkg/__init__.py`, 1000),
				file(`${site}/demo_pkg/__pycache__/__init__.cpython-311.pyc`, 321),
				file(`${site}/demo_pkg-1.2.dist-info/RECORD`, record.length, record),
				file('opt/venv/bin/demo', 50),
			]],
		});
		// data.bin is not in the image: RECORD's 2000; the .pyc has no size in RECORD: its 321 in the image.
		expect(result.packages).toEqual([{name: 'demo_pkg', version: '1.2', sizeBytes: 1000 + 2000 + 321 + 50 + record.length, files: 5}]);
	});

	it('forgets a package whose dist-info a later layer deletes', () => {
		const site = 'usr/local/lib/python3.11/site-packages';
		const result = imageBytes({
			baseLayers: 0,
			workdir: '',
			layers: [[file(`${site}/a-1.dist-info/RECORD`, 5, 'a.py,,5')], [whiteout(`${site}/.wh.a-1.dist-info`)]],
		});
		expect(result.packages).toEqual([]);
	});
});
