// Properties of the three parsers users feed by hand: requirements lines, Dockerfiles and
// .dockerignore patterns. Arbitrary input never throws; well-formed input reads back as written.
import dockerignore from '@balena/dockerignore';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ignoredFiles, lintDockerfile, rules} from '../../source/advice/index.js';
import {dockerignorePatterns, ignoreRules, normalizeName, parseRequirement} from '../../source/analysis/index.js';
import {unreadablePatterns} from '../../source/analysis/ignore-rules.js';
import {makeReport} from '../advice/make-report.js';

const report = makeReport();

describe('parseRequirement', () => {
	it('never throws on any text, and what it reads has a name and well-formed parts', () => {
		fc.assert(fc.property(fc.oneof(fc.string({maxLength: 80}), fc.string({unit: 'grapheme', maxLength: 40}), fc.stringMatching(/^[ -~]{0,60}$/)), text => {
			const parsed = parseRequirement(text);
			if (parsed !== null) {
				expect(parsed.name.length).toBeGreaterThan(0);
				expect(Array.isArray(parsed.extras)).toBe(true);
				expect(typeof parsed.spec).toBe('string');
			}
		}), {numRuns: 3000});
	});

	const name = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,12}[A-Za-z0-9])?$/);
	const version = fc.tuple(fc.nat(30), fc.nat(30), fc.option(fc.nat(30), {nil: undefined})).map(([a, b, c]) => [a, b, c].filter(n => n !== undefined).join('.'));
	const clause = fc.tuple(fc.constantFrom('==', '>=', '<=', '!=', '~=', '<', '>', '==='), version).map(([op, v]) => `${op}${v}`);
	const extra = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
	const marker = fc.constantFrom('python_version < "3.12"', 'sys_platform == "linux"', 'platform_machine != "arm64"', 'extra == "dev"');

	it('reads back a generated PEP 508 line: normalized name, extras, specifier and marker', () => {
		fc.assert(fc.property(name, fc.uniqueArray(extra, {maxLength: 3}), fc.array(clause, {maxLength: 3}), fc.option(marker, {nil: undefined}), fc.constantFrom('', ' ', '  '), (project, extras, clauses, mark, pad) => {
			const line = `${pad}${project}${extras.length > 0 ? `[${extras.join(', ')}]` : ''}${pad}${clauses.join(`,${pad}`)}${mark ? `${pad}; ${mark}` : ''}${pad}`;
			const parsed = parseRequirement(line);
			expect(parsed, line).not.toBeNull();
			expect(parsed?.name).toBe(normalizeName(project));
			expect(parsed?.extras).toEqual(extras);
			expect(parsed?.spec).toBe(clauses.join(','));
			expect(parsed?.marker).toBe(mark);
			expect(parsed?.url).toBeUndefined();
		}), {numRuns: 2000});
	});

	it('reads `name @ url` as a URL requirement of that name', () => {
		fc.assert(fc.property(name, fc.constantFrom('https://example.org/pkg.tar.gz', 'git+https://example.org/x.git@v1#egg=x', 'file:///tmp/wheel-1.0-py3-none-any.whl'), (project, url) => {
			const parsed = parseRequirement(`${project} @ ${url}`);
			expect(parsed?.name).toBe(normalizeName(project));
			expect(parsed?.url).toBe(url);
		}), {numRuns: 300});
	});

	it('normalizes names idempotently, as PEP 503 says', () => {
		fc.assert(fc.property(name, project => {
			const once = normalizeName(project);
			expect(normalizeName(once)).toBe(once);
			expect(once).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
		}), {numRuns: 1000});
	});
});

const ruleIds = new Set(rules.map(rule => rule.id));

/** What every finding must be: a known rule, a severity, a line inside the file, words to act on. */
function expectWellFormed(text: string, findings: ReturnType<typeof lintDockerfile>): void {
	// Lone CRs count as line breaks here, as the Dockerfile parser and editors read them.
	const lineCount = text.split(/\r\n|\r|\n/).length;
	for (const finding of findings) {
		expect(ruleIds.has(finding.rule) || /^DW\d{3}$/.test(finding.rule), finding.rule).toBe(true);
		expect(['error', 'warning', 'info']).toContain(finding.severity);
		if (finding.line !== null) {
			expect(Number.isInteger(finding.line) && finding.line >= 1 && finding.line <= lineCount, `${finding.rule} line ${finding.line} of ${lineCount}`).toBe(true);
		}

		expect(finding.message.trim().length).toBeGreaterThan(0);
		expect(finding.fix.trim().length).toBeGreaterThan(0);
	}
}

describe('lintDockerfile', () => {
	it('never throws on arbitrary text, and its findings are well-formed', () => {
		fc.assert(fc.property(fc.oneof(fc.string({maxLength: 300}), fc.string({unit: 'binary', maxLength: 200}), fc.stringMatching(/^[\s\S]{0,200}$/)), text => {
			expectWellFormed(text, lintDockerfile(text, report));
		}), {numRuns: 1500});
	});

	const image = fc.constantFrom('python:3.11', 'python:3.11-slim', 'python', 'python:latest', 'ubuntu:22.04', 'scratch', 'gcr.io/distroless/python3-debian12', 'python:3.11-alpine AS builder', '${BASE}', 'builder', 'python:slim', '--platform=linux/amd64 python:3.12');
	const instruction = fc.oneof(
		image.map(i => `FROM ${i}`),
		fc.constantFrom('RUN pip install -r requirements.txt', 'RUN pip install flask==3.0', 'RUN apt-get update && apt-get install -y gcc', 'RUN cd /app && make', 'RUN sudo ls', 'RUN curl x | sh', 'RUN <<EOF\necho hi\nEOF', 'RUN pip install --upgrade pip', 'RUN echo \\\n  continued', 'RUN ["pip", "install", "flask"]', 'RUN'),
		fc.constantFrom('COPY . .', 'COPY . /app/app.py', 'COPY requirements.txt .', 'COPY --from=builder /venv /venv', 'COPY .env /app/', 'ADD app.tar.gz /', 'ADD https://example.org/x /x', 'COPY', 'COPY id_rsa /root/.ssh/'),
		fc.constantFrom('WORKDIR /app', 'WORKDIR app', 'WORKDIR', 'USER app', 'USER root', 'USER 1000:1000', 'EXPOSE 5000', 'EXPOSE 99999', 'EXPOSE 80/udp 443', 'EXPOSE', 'EXPOSE $PORT'),
		fc.constantFrom('CMD ["python", "app.py"]', 'CMD python app.py', 'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]', 'CMD ["python"', 'ENTRYPOINT ["flask", "run"]', 'CMD', 'CMD []'),
		fc.constantFrom('ENV PYTHONUNBUFFERED=1', 'ENV SECRET_KEY=abc', 'ENV A B', 'ENV', 'ARG BASE=python:3.11', 'ARG', 'LABEL a=b', 'MAINTAINER me', 'HEALTHCHECK CMD curl -f localhost', 'SHELL ["/bin/bash", "-c"]', 'ONBUILD RUN x', 'STOPSIGNAL 9', 'VOLUME /data'),
		fc.constantFrom('# comment', '', '   ', '# syntax=docker/dockerfile:1', '# escape=`', 'FORM python', 'run lower case', '\t\tRUN indented', 'RUN a \\', '\\'),
	);

	it('never throws on generated instruction sequences, and no rule trips over them', () => {
		fc.assert(fc.property(fc.array(instruction, {maxLength: 25}), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
			const text = lines.join(eol);
			const findings = lintDockerfile(text, report);
			expectWellFormed(text, findings);
			// The linter turns a rule that throws into an info finding; none may need to.
			expect(findings.filter(f => f.message.includes('could not check this file')), text).toEqual([]);
		}), {numRuns: 1500});
	});
});

// @balena/dockerignore (what dockerode uses) is the reference for Docker's semantics.
// The analysis suite compares paths made of a few names; these add character-level patterns.
describe('ignoreRules against @balena/dockerignore, on any characters', () => {
	const char = fc.constantFrom('a', 'b', '.', '/', '*', '?', '[', ']', '\\', '!', ' ', '-', '^', '$', '(', ')', '+', '{', '}', '|', 'é', '#');
	const pattern = fc.array(char, {maxLength: 10}).map(chars => chars.join(''));
	const pathSegment = fc.array(fc.constantFrom('a', 'b', '.', '*', '[', ']', '\\', ' ', 'é', '$', '(', '+'), {minLength: 1, maxLength: 4}).map(chars => chars.join('')).filter(s => s !== '.' && s !== '..');
	const relPath = fc.array(pathSegment, {minLength: 1, maxLength: 4}).map(parts => parts.join('/'));

	it('decides as the reference wherever the reference can compile the patterns, and never throws', () => {
		let compared = 0;
		fc.assert(fc.property(fc.array(pattern, {maxLength: 4}), fc.array(relPath, {minLength: 1, maxLength: 8}), (patterns, paths) => {
			const text = patterns.join('\n');
			const ours = ignoreRules(text);
			const decisions = paths.map(p => ours.ignores(p));
			let theirs: boolean[];
			try {
				const reference = dockerignore.default({ignorecase: false}).add(dockerignorePatterns(text));
				theirs = paths.map(p => reference.ignores(p));
			} catch {
				// Docker refuses such a file outright ("syntax error in pattern"): nothing to compare.
				return;
			}

			compared++;
			expect(decisions, `${JSON.stringify(text)} on ${JSON.stringify(paths)}`).toEqual(theirs);
		}), {numRuns: 4000, seed: 8});
		expect(compared).toBeGreaterThan(1000);
	});

	it('ignoredFiles (advice) survives patterns the library cannot compile', () => {
		fc.assert(fc.property(fc.array(pattern, {maxLength: 5}), fc.array(relPath, {maxLength: 6}), (patterns, paths) => {
			const hidden = ignoredFiles(patterns.join('\n'), paths);
			expect(hidden.every(p => paths.includes(p))).toBe(true);
		}), {numRuns: 1500});
		expect(ignoredFiles('[\n*.py\n', ['app.py', 'x.txt'])).toEqual(['app.py']);
	});

	it('names the lines Docker refuses, and only those', () => {
		expect(unreadablePatterns('[\n*.py[cod]\n\\\nok\\\\\n![x\n# [comment\n\\[literal\n')).toEqual([
			{line: 1, pattern: '['},
			{line: 3, pattern: '\\'},
			{line: 5, pattern: '![x'},
		]);
		expect(unreadablePatterns(null)).toEqual([]);
	});
});
