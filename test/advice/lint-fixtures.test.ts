import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {lintDockerfile, parseDockerfile} from '../../source/advice/index.js';
import {makeReport} from './make-report.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'dockerfiles', name), 'latin1');
const report = makeReport();
const rulesOf = (text: string) => lintDockerfile(text, report).map(finding => `${finding.rule}@${finding.line}`);

describe('the article\'s Dockerfiles', () => {
	it('naive (no WORKDIR): says before building that pip install and CMD fail in /', () => {
		const findings = lintDockerfile(fixture('article-naive.Dockerfile'), report);
		const nowhere = findings.filter(finding => finding.rule === 'DW008');
		expect(nowhere.map(finding => finding.line)).toEqual([3, 4]);
		expect(nowhere[0].severity).toBe('error');
		expect(nowhere[0].message).toContain('requirements.txt was copied to /app/requirements.txt');
		expect(nowhere[0].fix).toContain('WORKDIR /app');
		expect(rulesOf(fixture('article-naive.Dockerfile'))).toEqual(expect.arrayContaining(['DW005@1', 'DW001@2', 'DL3042@3', 'DW006@4', 'DW007@1', 'DW010@1']));
	});

	it('the demo\'s before (WORKDIR added) builds: no relative-path error, still every naive warning', () => {
		const rules = rulesOf(fixture('demo-before.Dockerfile'));
		expect(rules.filter(rule => rule.startsWith('DW008'))).toEqual([]);
		expect(rules).toEqual(expect.arrayContaining(['DW005@1', 'DW001@3', 'DL3042@4', 'DW006@5', 'DW007@1']));
	});

	it('ubuntu + apt python: heavy base, recommends and apt lists', () => {
		expect(rulesOf(fixture('article-ubuntu.Dockerfile'))).toEqual(expect.arrayContaining(['DW005@1', 'DL3015@2', 'DL3009@2', 'DW001@4']));
	});

	it('"optimized" alpine: catches COPY . /app/app.py and the CMD that cannot find app.py', () => {
		const findings = lintDockerfile(fixture('article-alpine.Dockerfile'), report);
		expect(findings.find(finding => finding.rule === 'DW009')?.line).toBe(4);
		const nowhere = findings.find(finding => finding.rule === 'DW008');
		expect(nowhere?.line).toBe(5);
		expect(nowhere?.message).toContain('folder named app.py');
		expect(findings.map(finding => finding.rule)).toEqual(expect.arrayContaining(['DL3045', 'DW019', 'DW007']));
	});
});

describe('parsing', () => {
	it('reads directives, ARG before FROM, continuations with a custom escape, heredocs and both forms', () => {
		const parsed = parseDockerfile(fixture('syntax-tour.Dockerfile'));
		expect(parsed.directives).toEqual({syntax: 'docker/dockerfile:1.7', escape: '`'});
		expect(parsed.globalArgs).toEqual({PYTHON_VERSION: '3.11'});
		expect(parsed.stages.map(stage => [stage.name, stage.image])).toEqual([['builder', 'python:3.11-slim'], [null, 'python:3.11-slim']]);
		const run = parsed.instructions.find(instruction => instruction.keyword === 'RUN');
		expect(run?.line).toBe(6);
		expect(run?.text).toContain('"flask>=3"');
		const cmd = parsed.instructions.find(instruction => instruction.keyword === 'CMD');
		expect(cmd?.exec).toBeNull();
		const copy = parsed.instructions.find(instruction => instruction.keyword === 'COPY');
		expect(copy?.flags).toEqual({from: 'builder'});
	});

	it('lints the tour with only the shell-form CMD and an info left', () => {
		const findings = lintDockerfile(fixture('syntax-tour.Dockerfile'), report);
		expect(findings.filter(finding => finding.severity !== 'info').map(finding => `${finding.rule}@${finding.line}`)).toEqual(['DL3025@22']);
		// The heredoc's pip install has --no-cache-dir and a pinned package: no DL3042, no DL3013.
		expect(findings.map(finding => finding.rule)).not.toContain('DL3042');
		expect(findings.map(finding => finding.rule)).not.toContain('DL3013');
	});

	it('reads the exec form of a heredoc-free RUN and the JSON CMD', () => {
		const parsed = parseDockerfile('FROM python:3.11-slim\nRUN ["pip", "install", "flask"]\nCMD ["gunicorn", "app:app"]\n');
		expect(parsed.instructions[1].exec).toEqual(['pip', 'install', 'flask']);
		expect(parsed.instructions[2].exec).toEqual(['gunicorn', 'app:app']);
		expect(lintDockerfile('FROM python:3.11-slim\nRUN ["pip", "install", "flask"]\n', report).map(finding => finding.rule)).toContain('DL3042');
	});
});

describe('inputs that are not good Dockerfiles give findings, not crashes', () => {
	it('empty and whitespace-only', () => {
		for (const text of ['', '\n\n   \n', '# only a comment\n']) {
			const findings = lintDockerfile(text, report);
			expect(findings.map(finding => finding.rule)).toEqual(['DW015']);
		}

		expect(lintDockerfile('', report)[0].message).toBe('The Dockerfile is empty');
	});

	it('binary', () => {
		const findings = lintDockerfile(fixture('binary.Dockerfile'), report);
		expect(findings).toHaveLength(1);
		expect(findings[0]).toMatchObject({rule: 'DW017', severity: 'error', line: null});
	});

	it('malformed: unknown and incomplete instructions are named by line', () => {
		const rules = rulesOf(fixture('malformed.Dockerfile'));
		expect(rules).toEqual(expect.arrayContaining(['DW016@3', 'DW016@4', 'DW016@5', 'DW016@6', 'DW016@8']));
	});

	it('10 000 lines: finishes quickly with findings', () => {
		const lines = ['FROM python:3.11'];
		for (let index = 0; index < 9999; index++) {
			lines.push(index % 3 === 0 ? `RUN pip install pkg${index}` : index % 3 === 1 ? `ENV VAR${index}=x` : `COPY file${index}.txt /data/`);
		}

		const started = performance.now();
		const findings = lintDockerfile(lines.join('\n'), report);
		const seconds = (performance.now() - started) / 1000;
		expect(findings.length).toBeGreaterThan(3000);
		expect(findings.map(finding => finding.rule)).toContain('DL3042');
		expect(seconds).toBeLessThan(10);
	});

	it('random text never throws and always returns well-formed findings', () => {
		const alphabet = fc.constantFrom('FROM ', 'RUN ', 'COPY ', 'CMD ', '[', ']', '"', '\\', '\n', ' ', '&&', '|', '<<EOF\n', 'EOF', 'python:3.11', '.', '/app', '${X}', '# escape=`\n', '\u0000', 'é');
		fc.assert(fc.property(fc.array(alphabet, {maxLength: 60}).map(parts => parts.join('')), text => {
			const findings = lintDockerfile(text, report);
			for (const finding of findings) {
				expect(typeof finding.rule).toBe('string');
				expect(['error', 'warning', 'info']).toContain(finding.severity);
				expect(finding.line === null || Number.isInteger(finding.line)).toBe(true);
			}
		}), {numRuns: 300});
	});
});
