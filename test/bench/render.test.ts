import {describe, expect, it} from 'vitest';
import {dataFileLines, peerFileLines, resultsMarkdown, rowLabel} from '../../bench/render.js';
import type {BenchResults, FixtureResult, VariantResult} from '../../bench/results.js';

const spread = (...runs: number[]) => ({median: [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)], min: Math.min(...runs), max: Math.max(...runs), runs});

function variant(name: VariantResult['name'], fields: Partial<VariantResult> = {}): VariantResult {
	return {name, label: name, ok: true, error: null, sizeBytes: 200e6, layers: 7, contextBytes: 8000, user: 'appuser', httpStatus: 200, coldSeconds: spread(5, 6, 7, 5.5, 6.5), warmSeconds: spread(1, 1, 1, 1, 1), dockerfile: 'FROM x\n', dockerignore: null, notes: [], ...fields};
}

function fixture(name: string, variants: VariantResult[]): FixtureResult {
	return {name, shape: name, wsgiTarget: 'app:app', manager: 'pip', port: 5000, editFile: 'app.py', variants};
}

const machine = {cpu: 'cpu', cores: 2, memoryBytes: 2 ** 34, os: 'Linux', engineVersion: '20.10', apiVersion: '1.41', builder: 'BuildKit', network: 'host'};

describe('results.md', () => {
	const init = variant('docker-init', {label: 'docker init', peer: {asIs: true, handEdited: false}, deviations: ['`# syntax=docker/dockerfile:1` removed: offline.'], fileAsUsersGetIt: '# syntax=docker/dockerfile:1\nFROM x\n', contextFiles: {'requirements.txt': 'flask\ngunicorn\n'}, warmCacheColdSeconds: spread(4, 4, 4, 4, 4)});
	const results: BenchResults = {
		date: '2026-12-01 05:00 UTC',
		runs: 5,
		minutes: 48,
		load: {samples: 190, min: 6.1, median: 9.4, max: 14.2},
		machine,
		fixtures: [
			fixture('demo', [init, variant('dockwiz-slim', {label: 'dockwiz slim', sizeBytes: 223e6, contextBytes: 11_000})].map(v => (v.name === 'docker-init' ? {...v, sizeBytes: 240e6, contextBytes: 25e6, warmSeconds: spread(3, 3, 3, 3, 3)} : v))),
			fixture('demo-without-data', [init, variant('dockwiz-slim', {label: 'dockwiz slim', sizeBytes: 223e6})].map(v => (v.name === 'docker-init' ? {...v, sizeBytes: 215e6} : v))),
		],
	};

	it('labels peers by how they were built', () => {
		expect(rowLabel(init)).toBe('docker init');
		expect(rowLabel({...init, sizeBytes: null})).toBe('docker init (as users get it: cannot build this project)');
		expect(rowLabel(variant('article', {label: "article's recipe on slim", peer: {asIs: false, handEdited: true}}))).toBe("article's recipe on slim (hand-edited)");
		expect(rowLabel(variant('docker-init-edited', {label: 'docker init, hand-edited', peer: {asIs: false, handEdited: true}}))).toBe('docker init, hand-edited');
	});

	it('shows each peer\'s file as its users get it, as built, the files sent in the stream, and every change', () => {
		const text = peerFileLines(results).join('\n');
		expect(text).toContain('### demo: docker init');
		expect(text).toContain('- `# syntax=docker/dockerfile:1` removed: offline.');
		expect(text).toContain('<summary>as its users get it</summary>');
		expect(text).toContain('requirements.txt (sent in the context stream):');
		// The same files again for the next project are not repeated.
		expect(text).toContain('Files: as for the project above.');
	});

	it('compares the demo with and without its data file', () => {
		const text = dataFileLines(results).join('\n');
		expect(text).toContain('| with data/sample.csv (25 MB) | 223.0 MB vs 240.0 MB (0.93) | 1.00 s vs 3.00 s (0.33) | 11.0 kB vs 25.0 MB |');
		expect(text).toContain('| without it | 223.0 MB vs 215.0 MB (1.04) |');
	});

	it('records the load average, the warm-pip-cache figure and the runs in the text', () => {
		const text = resultsMarkdown(results);
		expect(text).toContain('`npm run bench -- --runs 5`');
		expect(text).toContain('load average during the run was 6.1 to 14.2 (median 9.4, 190 samples');
		expect(text).toContain('warm pip cache 4.0 s (4.0–4.0)');
		expect(text).toContain('### The "no worse" timing targets and the tolerance');
	});
});
