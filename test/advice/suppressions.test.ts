import {describe, expect, it} from 'vitest';
import {findingsFor, lintDockerfile, parseDockerfile} from '../../source/advice/index.js';
import {applyRuleSettings, inlineSuppressions} from '../../source/advice/suppressions.js';
import type {Finding} from '../../source/types.js';
import {makeReport} from './make-report.js';

const report = makeReport();
const ids = (findings: Finding[]) => findings.map(finding => `${finding.rule}@${finding.line}`);
const apt = 'FROM python:3.11-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y libpq5\nCOPY . .\nUSER 10001\nCMD ["gunicorn", "app:app"]\n';

describe('inline suppressions, as hadolint reads them', () => {
	it('# hadolint ignore= above an instruction silences those rules on it, and only there', () => {
		const before = ids(lintDockerfile(apt, report));
		expect(before).toEqual(expect.arrayContaining(['DL3008@3', 'DL3009@3', 'DL3015@3']));
		const text = apt.replace('RUN apt-get', '# hadolint ignore=DL3008,DL3015\nRUN apt-get');
		const after = ids(lintDockerfile(text, report));
		expect(after).not.toContain('DL3008@4');
		expect(after).not.toContain('DL3015@4');
		expect(after).toContain('DL3009@4');
	});

	it('# dockwiz ignore= works the same for dockwiz\'s own rules; spaces and case are forgiven', () => {
		const text = 'FROM python:3.11-slim\nWORKDIR /app\n#   dockwiz ignore = dw001, DL3042\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n';
		expect(ids(lintDockerfile(text.replace('#   dockwiz ignore = dw001, DL3042\n', ''), report))).toContain('DW001@3');
		const found = ids(lintDockerfile(text, report));
		expect(found).not.toContain('DW001@4');
		// DL3042 is on the RUN, not on the COPY the comment stands above.
		expect(found).toContain('DL3042@5');
	});

	it('a suppression reaches a multi-line instruction, and the global form the whole file', () => {
		const multi = 'FROM python:3.11-slim\nWORKDIR /app\n# hadolint ignore=DL3008\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY . .\nUSER 10001\nCMD ["gunicorn", "app:app"]\n';
		expect(ids(lintDockerfile(multi.replace('# hadolint ignore=DL3008\n', ''), report))).toContain('DL3008@3');
		expect(ids(lintDockerfile(multi, report)).filter(id => id.startsWith('DL3008'))).toEqual([]);
		const global = `# hadolint global ignore=DW007,DW010\n${apt.replace('USER 10001\n', '')}`;
		expect(ids(lintDockerfile(global.replace('# hadolint global ignore=DW007,DW010\n', ''), report))).toEqual(expect.arrayContaining(['DW007@1', 'DW010@1']));
		const found = ids(lintDockerfile(global, report)).map(id => id.split('@')[0]);
		expect(found).not.toContain('DW007');
		expect(found).not.toContain('DW010');
	});

	it('a comment inside a heredoc, or an ordinary comment, suppresses nothing', () => {
		const parsed = parseDockerfile('FROM python:3.11-slim\nRUN <<EOF\n# hadolint ignore=DL3008\napt-get install -y x\nEOF\n# install the app\nCOPY . .\n');
		expect(inlineSuppressions(parsed)).toEqual({global: new Set(), instructions: []});
	});

	it('applies to findingsFor too, with the file named', () => {
		const project = makeReport({dockerfile: {path: 'Dockerfile', text: apt.replace('RUN apt-get', '# hadolint ignore=DL3009\nRUN apt-get')}});
		const found = findingsFor(project).filter(finding => finding.file === 'Dockerfile');
		expect(ids(found)).not.toContain('DL3009@4');
		expect(ids(found)).toContain('DL3008@4');
	});
});

describe('the config\'s ignored and override', () => {
	it('drops ignored rules and re-grades overridden ones, everywhere in the findings', () => {
		const project = makeReport({dockerfile: {path: 'Dockerfile', text: apt}});
		const findings = findingsFor(project, undefined, {ignored: ['DL3008', 'DW002'], override: {DL3009: 'error', DW020: 'warning'}});
		expect(findings.map(finding => finding.rule)).not.toContain('DL3008');
		// DW002 (no .dockerignore) is a context rule: ignored all the same.
		expect(findings.map(finding => finding.rule)).not.toContain('DW002');
		expect(findings.find(finding => finding.rule === 'DL3009')?.severity).toBe('error');
		expect(findings.find(finding => finding.rule === 'DW020')?.severity).toBe('warning');
		// Re-graded findings sort with their new severity.
		expect(findings[0].severity).toBe('error');
		expect(applyRuleSettings(findings, undefined)).toBe(findings);
	});

	it('DL3026: checks FROM against trusted-registries only when they are listed', () => {
		const text = 'FROM ghcr.io/acme/base:1 AS build\nFROM build\nFROM registry.example.com/py:3.11\nFROM python:3.11-slim\nCMD ["python"]\n';
		expect(ids(lintDockerfile(text, report)).filter(id => id.startsWith('DL3026'))).toEqual([]);
		const hits = lintDockerfile(text, report, {trustedRegistries: ['docker.io', '*.example.com']}).filter(finding => finding.rule === 'DL3026');
		expect(hits.map(hit => [hit.line, hit.severity, hit.message])).toEqual([[1, 'error', '`ghcr.io/acme/base:1` comes from ghcr.io, which is not in trusted-registries (docker.io, *.example.com)']]);
	});
});
