import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {plainEventLine, renderPlainSummary} from '../../source/report/plain.js';
import {sampleBuild, sampleFindings, sampleMeasurement, sampleProject, sampleProposal, sideError} from './sample.js';

describe('plainEventLine', () => {
	it('prints build steps and their outcome', () => {
		expect(plainEventLine({type: 'step', side: 'after', phase: 'build', index: 3, total: 9, instruction: 'RUN pip install -r requirements.txt'})).toBe(
			'[after] step 3/9 RUN pip install -r requirements.txt',
		);
		expect(plainEventLine({type: 'built', side: 'after', phase: 'build', ok: true, seconds: 12.34})).toBe('[after] built in 12.3 s');
		expect(plainEventLine({type: 'built', side: 'before', phase: 'rebuild', ok: true, seconds: 1.5})).toBe('[before] rebuilt in 1.50 s');
		expect(plainEventLine({type: 'built', side: 'after', phase: 'build', ok: false, seconds: 3, error: 'pip exited with 1'})).toBe(
			'[after] build failed after 3.00 s: pip exited with 1',
		);
	});

	it('marks steps of the warm rebuild', () => {
		expect(plainEventLine({type: 'step', side: 'before', phase: 'rebuild', index: 2, total: 4, instruction: 'COPY . /app'})).toBe('[before] rebuild step 2/4 COPY . /app');
	});

	it('names phases and runs', () => {
		expect(plainEventLine({type: 'phase', phase: 'pull'})).toBe('pulling base images');
		expect(plainEventLine({type: 'phase', phase: 'build', side: 'before', run: 2, runs: 3})).toBe('[before] cold build (run 2/3)');
		expect(plainEventLine({type: 'phase', phase: 'build', side: 'after', run: 1, runs: 1})).toBe('[after] cold build');
	});

	it('skips per-layer pull progress but keeps an image pull start and a layer end', () => {
		expect(plainEventLine({type: 'pull', image: 'python:3.11-slim', layer: 'a1b2c3d4e5f6a7b8', status: 'Downloading', currentBytes: 100, totalBytes: 1000})).toBeNull();
		expect(plainEventLine({type: 'pull', image: 'python:3.11-slim', layer: 'a1b2c3d4e5f6a7b8', status: 'Waiting'})).toBeNull();
		expect(plainEventLine({type: 'pull', image: 'python:3.11-slim', layer: 'a1b2c3d4e5f6a7b8', status: 'Pull complete'})).toBe(
			'[pull] python:3.11-slim: layer a1b2c3d4e5f6 pull complete',
		);
		expect(plainEventLine({type: 'pull', image: 'python:3.11-slim', status: 'Pulling from library/python'})).toBe(
			'[pull] python:3.11-slim: Pulling from library/python',
		);
	});

	it('cleans log lines and drops blank ones', () => {
		expect(plainEventLine({type: 'log', side: 'after', line: '\u001B[32mCollecting flask\u001B[0m\n'})).toBe('[after]   Collecting flask');
		expect(plainEventLine({type: 'log', side: 'after', line: '  10%\r  55%\r 100%\r'})).toBe('[after]    100%');
		expect(plainEventLine({type: 'log', side: 'after', line: '   \n'})).toBeNull();
		const long = plainEventLine({type: 'log', side: 'after', line: 'x'.repeat(500)});
		expect(long?.length).toBe(120);
	});

	it('reports smoke tests, the engine and warnings', () => {
		expect(plainEventLine({type: 'smoke', side: 'after', status: 'start'})).toBe('[after] smoke test: starting the container');
		expect(plainEventLine({type: 'smoke', side: 'after', status: 'ok', httpStatus: 200, seconds: 1.2})).toBe('[after] smoke test passed: HTTP 200 after 1.20 s');
		expect(plainEventLine({type: 'smoke', side: 'before', status: 'fail'})).toBe('[before] smoke test failed: no HTTP answer');
		expect(plainEventLine({type: 'engine', info: {endpoint: 'unix:///var/run/docker.sock', engineVersion: '27.3.1', apiVersion: '1.47', builders: []}})).toBe(
			'engine: Docker 27.3.1 (API 1.47) at unix:///var/run/docker.sock',
		);
		expect(plainEventLine({type: 'engine', info: {endpoint: 'tcp://10.0.0.5:2376', engineVersion: '27.3.1', apiVersion: '1.47', builders: [], appHost: "10.0.0.5 (the engine's host)"}})).toBe(
			"engine: Docker 27.3.1 (API 1.47) at tcp://10.0.0.5:2376; app probed at 10.0.0.5 (the engine's host)",
		);
		expect(plainEventLine({type: 'warning', message: 'BuildKit is off'})).toBe('warning: BuildKit is off');
	});
});

describe('renderPlainSummary', () => {
	it('lists findings, changes and an aligned comparison table with bars', () => {
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement: sampleMeasurement()});
		const text = renderPlainSummary(report);
		expect(text).toContain('Findings (3):');
		expect(text).toContain('  error   DW001  Dockerfile:3  COPY . before pip install');
		expect(text).toContain('Changes (2):\n  - Slim base image: python:3.11-slim drops compilers');
		const lines = text.split('\n');
		const header = lines.find(line => line.includes('after/before'));
		const size = lines.find(line => line.startsWith('  Image size'));
		expect(size).toBe('  Image size     1.09 GB   128 MB         0.12×');
		// Columns are right-aligned under their headers.
		expect(header?.length).toBe(size?.length);
		expect(text).toContain('  Build context  31.4 MB  4.20 kB       <0.001×');
		expect(text).toContain('  before ██████████████████████████████ 1.09 GB');
		expect(text).toMatch(/ {2}after {2}███▌ +128 MB/);
	});

	it('says when nothing was measured', () => {
		const report = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement: null});
		expect(renderPlainSummary(report)).toContain('Not measured (--no-build).');
	});

	it('flags a failed build without bars for the missing side', () => {
		const measurement = sampleMeasurement();
		measurement.builds.after = sampleBuild({ok: false, error: sideError('pip install exited with 1')});
		const report = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement});
		const text = renderPlainSummary(report);
		expect(text).toContain('FAILED after: build failed: pip install exited with 1');
		expect(text).not.toContain('█');
	});
});
