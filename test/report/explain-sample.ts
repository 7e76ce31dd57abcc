import {byteCategories, type ByteCategory} from '../../source/analysis/image-bytes.js';
import type {Explanation, ExplainStep, LayerBreakdown} from '../../source/explain-types.js';

const step = (change: string, sizeBytes: number | null, rebuildSeconds: number | null, bytes: LayerBreakdown | null, error: string | null = null): ExplainStep => ({change, dockerfile: 'FROM x\n', dockerignore: null, sizeBytes, contextBytes: 1000, buildSeconds: 10, rebuildSeconds, answered: error === null, error, bytes});

const categories = (values: Partial<Record<ByteCategory, number>>) => Object.fromEntries(byteCategories.map(category => [category, values[category] ?? 0])) as Record<ByteCategory, number>;
const flask = {name: 'Flask', version: '3.0.0', sizeBytes: 300_000, files: 40};
const before: LayerBreakdown = {categories: categories({'base image': 850_000_000, 'Python packages': 20_000_000, 'package-manager caches': 5_000_000, 'app files': 25_000_000}), totalBytes: 900_000_000, packages: [flask], wastedBytes: 1_048_576, wasted: [{path: '/big.bin', bytes: 1_048_576}]};
// The .dockerignore step: the app's files shrink from 25 MB to 1 MB; nothing else moves.
const ignored: LayerBreakdown = {...before, categories: {...before.categories, 'app files': 1_000_000}, totalBytes: 876_000_000};
const slimmed: LayerBreakdown = {categories: categories({'base image': 130_000_000, 'Python packages': 20_000_000, 'package-manager caches': 5_000_000, 'app files': 1_000_000}), totalBytes: 156_000_000, packages: [flask], wastedBytes: 0, wasted: []};
const after: LayerBreakdown = {categories: categories({'base image': 130_000_000, 'Python packages': 20_000_000}), totalBytes: 150_000_000, packages: [flask], wastedBytes: 0, wasted: []};

/** An explanation with known numbers: 900 MB -> 150 MB in four steps. */
export function sampleExplanation(): Explanation {
	return {
		steps: [
			step('Before: your Dockerfile', 900_000_000, 30, before),
			step('The proposed .dockerignore', 870_000_000, 28, ignored),
			step('Slim base (python:3.11-slim)', 200_000_000, 2, slimmed),
			step('Non-root user and production server (the proposal as a whole)', 150_000_000, 1.5, after),
		],
		layers: {before, after},
		context: {rules: [{line: 1, pattern: '.git', bytes: 30_000_000, files: 120}, {line: 2, pattern: '*.pyc', bytes: 0, files: 0}], sentBytes: 10_000, sentFiles: 5},
		notes: ['No pip cache: no different here.'],
		method: {sizeBytes: 'image inspect Size', contextBytes: 'tar bytes', buildSeconds: 'no cache', rebuildSeconds: 'one-line edit', layers: 'docker save'},
		seconds: 123.4,
	};
}
