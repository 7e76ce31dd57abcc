import {describe, expect, it} from 'vitest';
import {explainMarkdown} from '../../source/report/explain-markdown.js';
import {explainPlainLines} from '../../source/report/explain-plain.js';
import {byteMoves, stepBytesLines, stepBytesTable} from '../../source/report/explain-step-bytes.js';
import {sampleExplanation} from './explain-sample.js';

describe('where the bytes went, step by step', () => {
	it('byteMoves lists what moved between two steps, largest first, waste included', () => {
		const [before, ignored, slimmed, after] = sampleExplanation().steps.map(step => step.bytes!);
		expect(byteMoves(before, ignored)).toEqual([{label: 'app files', deltaBytes: -24_000_000}]);
		expect(byteMoves(ignored, slimmed)).toEqual([{label: 'base image', deltaBytes: -720_000_000}, {label: 'wasted', deltaBytes: -1_048_576}]);
		expect(byteMoves(slimmed, after)).toEqual([{label: 'package-manager caches', deltaBytes: -5_000_000}, {label: 'app files', deltaBytes: -1_000_000}]);
	});

	it('one compact line a step: the first step\'s categories, then only what each step moved', () => {
		expect(stepBytesLines(sampleExplanation().steps)).toEqual([
			'Where the bytes went, step by step:',
			'  1. Before: your Dockerfile: base image 850 MB, Python packages 20.0 MB, package-manager caches 5.00 MB, app files 25.0 MB, wasted 1.05 MB',
			'  2. The proposed .dockerignore: app files -24.0 MB',
			'  3. Slim base (python:3.11-slim): base image -720 MB, wasted -1.05 MB',
			'  4. Non-root user and production server (the proposal as a whole): package-manager caches -5.00 MB, app files -1.00 MB',
		]);
	});

	it('says which step was not read, and prints nothing when no step was', () => {
		const steps = sampleExplanation().steps;
		steps[1] = {...steps[1], bytes: null};
		expect(stepBytesLines(steps)[2]).toBe('  2. The proposed .dockerignore: not read');
		expect(stepBytesLines(steps.map(step => ({...step, bytes: null})))).toEqual([]);
	});

	it('the table has a column a step and a row per category any step has, with total and waste', () => {
		const table = stepBytesTable(sampleExplanation().steps);
		expect(table).toContain('| Bytes by category | Step 1 | Step 2 | Step 3 | Step 4 |');
		expect(table).toContain('| app files | 25.0 MB | 1.00 MB | 1.00 MB | 0 B |');
		expect(table).toContain('| wasted | 1.05 MB | 1.05 MB | 0 B | 0 B |');
		expect(table).not.toContain('compilers and headers');
	});

	it('the Markdown report and the plain summary carry them', () => {
		expect(explainMarkdown(sampleExplanation())).toContain('| total (all layers) | 900 MB | 876 MB | 156 MB | 150 MB |');
		expect(explainPlainLines(sampleExplanation())).toContain('  2. The proposed .dockerignore: app files -24.0 MB');
	});
});
