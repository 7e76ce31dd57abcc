import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {sampleBuild, sampleFindings, sampleMeasurement, sampleProject, sampleProposal, sideError} from './sample.js';

const engine = {endpoint: 'unix:///var/run/docker.sock', engineVersion: '27.3.1', apiVersion: '1.47', builders: ['default']};

function measured() {
	return assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement: sampleMeasurement()});
}

describe('renderMarkdown', () => {
	it('names the engine, and where the app was probed for a remote one', () => {
		expect(renderMarkdown(measured(), {date: '2026-11-27', engine})).toContain('- Engine: Docker 27.3.1 (API 1.47) at `unix:///var/run/docker.sock`\n');
		const remote = renderMarkdown(measured(), {date: '2026-11-27', engine: {...engine, endpoint: 'tcp://10.0.0.5:2376', appHost: "10.0.0.5 (the engine's host)"}});
		expect(remote).toContain("- Engine: Docker 27.3.1 (API 1.47) at `tcp://10.0.0.5:2376`\n- Smoke test reached the app at 10.0.0.5 (the engine's host)");
	});

	it('has the sections in reading order', () => {
		const markdown = renderMarkdown(measured(), {date: '2026-11-27', engine});
		const headings = markdown.split('\n').filter(line => line.startsWith('#'));
		expect(headings).toEqual([
			'# dockwiz report: flask-demo',
			'## Project at a glance',
			'## Findings',
			'## Before and after',
			'## What each change bought',
			'## Proposed Dockerfile',
			'## Proposed .dockerignore',
		]);
		expect(markdown).toContain('- Date: 2026-11-27');
		expect(markdown).toContain('Docker 27.3.1 (API 1.47)');
	});

	it('shows the comparison with numbers, ratios, user and HTTP', () => {
		const markdown = renderMarkdown(measured(), {date: '2026-11-27'});
		expect(markdown).toContain('| Image size | 1.09 GB | 128 MB | 0.12× |');
		expect(markdown).toContain('| Cold build | 50.3 s | 28.4 s | 0.56× |');
		expect(markdown).toContain('| Warm rebuild | 20.0 s | 1.50 s | 0.075× |');
		expect(markdown).toContain('| Layers | 12 | 9 | 0.75× |');
		expect(markdown).toContain('| Build context | 31.4 MB | 4.20 kB | <0.001× |');
		expect(markdown).toContain('| Runs as | root | app |  |');
		expect(markdown).toContain('| HTTP | 200 ok | 200 ok |  |');
	});

	it('escapes pipes in findings and lists each change with its reason', () => {
		const markdown = renderMarkdown(measured(), {date: 'today'});
		expect(markdown).toContain('| warning | DW010 | .dockerignore | The build context sends .env \\| a secret | Add .env to .dockerignore |');
		expect(markdown).toContain('| error | DW001 | Dockerfile:3 |');
		expect(markdown).toContain('- **Dependencies before code** (speed, fixes DW001): a code edit no longer reinstalls Flask');
	});

	it('puts the proposed files in code blocks', () => {
		const markdown = renderMarkdown(measured(), {date: 'today'});
		expect(markdown).toContain('```dockerfile\nFROM python:3.11-slim\n');
		expect(markdown).toContain('```gitignore\n.git\n.venv\n');
	});

	it('uses a longer fence when the file itself holds backticks', () => {
		const report = measured();
		report.proposal.dockerfile = 'FROM python:3.11-slim\n# ```not the end```\n';
		const markdown = renderMarkdown(report, {date: 'today'});
		expect(markdown).toContain('````dockerfile\nFROM python:3.11-slim\n# ```not the end```\n````');
	});

	it('says when nothing was measured and still compares the contexts', () => {
		const project = sampleProject();
		project.problems = [];
		const report = assembleReport({
			report: project,
			findings: [],
			proposal: sampleProposal(),
			proposedContext: {bytes: 4_200, files: 5, ignoredBytes: 0, ignoredFiles: 0, largest: [], secrets: []},
			measurement: null,
		});
		const markdown = renderMarkdown(report, {date: 'today'});
		expect(markdown).toContain('Not measured');
		expect(markdown).toContain('| Build context | 31.4 MB | 4.20 kB |');
		expect(markdown).toContain('No findings.');
	});

	it('names a failed side and its error, with words instead of partial numbers', () => {
		const measurement = sampleMeasurement();
		measurement.builds.after = sampleBuild({ok: false, image: 'dockwiz-after', error: sideError('pip install exited with 1'), sizeBytes: 3, smoke: null});
		const report = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement});
		const markdown = renderMarkdown(report, {date: 'today'});
		expect(markdown).toContain('| Image size | 1.09 GB | not built |  |');
		expect(markdown).toContain('- **after: build failed: pip install exited with 1**');
	});
});
