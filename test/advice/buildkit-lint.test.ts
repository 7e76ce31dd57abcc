import {describe, expect, it} from 'vitest';
import {lintDockerfile, parseDockerfile} from '../../source/advice/index.js';
import {scriptOf, splitCommands} from '../../source/advice/shell.js';
import {makeReport} from './make-report.js';

const report = makeReport();
const rules = (text: string) => lintDockerfile(text, report).map(finding => `${finding.rule}@${finding.line}`);
const tail = 'WORKDIR /app\nCOPY . .\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nUSER 10001\nCMD ["gunicorn", "app:app"]\n';

describe('BuildKit cache mounts', () => {
	it('a cache mount on /var/lib/apt makes DL3009 moot; one on /var/cache/apt alone does not', () => {
		const install = 'apt-get update && apt-get install -y --no-install-recommends libpq5';
		const lists = `# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked ${install}\n${tail}`;
		expect(rules(lists)).not.toContain('DL3009@3');
		expect(rules(lists.replace('target=/var/lib/apt,', 'target=/var/lib/apt/lists,'))).not.toContain('DL3009@3');
		expect(rules(lists.replace('--mount=type=cache,target=/var/lib/apt,sharing=locked', '--mount=type=tmpfs,target=/var/lib/apt/lists'))).not.toContain('DL3009@3');
		// Only the .deb cache is mounted: the lists stay in the layer.
		expect(rules(`FROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt ${install}\n${tail}`)).toContain('DL3009@2');
		// A bind mount keeps nothing out of the layer.
		expect(rules(`FROM python:3.11-slim\nRUN --mount=type=bind,target=/var/lib/apt ${install}\n${tail}`)).toContain('DL3009@2');
	});

	it('a cache mount on pip\'s cache makes DL3042 moot; an unrelated cache mount does not', () => {
		expect(rules(`FROM python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n${tail}`)).not.toContain('DL3042@2');
		expect(rules(`FROM python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache,id=pip pip install flask\n${tail}`)).not.toContain('DL3042@2');
		expect(rules(`FROM python:3.11-slim\nRUN --mount=type=cache,dst=/tmp/pip-cache pip install --cache-dir /tmp/pip-cache flask\n${tail}`)).not.toContain('DL3042@2');
		expect(rules(`FROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install flask\n${tail}`)).toContain('DL3042@2');
	});

	it('keeps every --mount of a RUN, in order', () => {
		const parsed = parseDockerfile('FROM python:3.11-slim\nRUN --mount=type=cache,target=/a --mount=type=secret,id=token --network=none true\n');
		expect(parsed.instructions[1].mounts).toEqual(['type=cache,target=/a', 'type=secret,id=token']);
		expect(parsed.instructions[1].flags.network).toBe('none');
	});
});

describe('heredocs, # syntax= and FROM --platform', () => {
	const modern = `# syntax=docker/dockerfile:1.7
FROM --platform=$BUILDPLATFORM python:3.11-slim AS build
WORKDIR /app
COPY requirements.txt .
RUN <<EOF
set -eu
python -m venv /opt/venv
/opt/venv/bin/pip install --no-cache-dir -r requirements.txt
EOF

FROM --platform=linux/amd64 python:3.11-slim
COPY --from=build /opt/venv /opt/venv
COPY <<EOF /etc/gunicorn.conf.py
bind = "0.0.0.0:8000"
workers = 2
EOF
${tail}`;

	it('parses them: the directive, the stages\' images without the platform, each heredoc', () => {
		const parsed = parseDockerfile(modern);
		expect(parsed.directives.syntax).toBe('docker/dockerfile:1.7');
		expect(parsed.stages.map(stage => [stage.image, stage.name])).toEqual([['python:3.11-slim', 'build'], ['python:3.11-slim', null]]);
		expect(parsed.stages[1].instructions[0].flags.platform).toBe('linux/amd64');
		const run = parsed.instructions.find(instruction => instruction.keyword === 'RUN');
		expect(run).toMatchObject({line: 5, endLine: 9, heredocs: ['EOF']});
		const inline = parsed.instructions.find(instruction => instruction.keyword === 'COPY' && instruction.heredocs.length > 0);
		// The inline file's body is not a list of sources.
		expect(inline).toMatchObject({line: 13, args: ['/etc/gunicorn.conf.py'], heredocs: ['EOF']});
	});

	it('lints a well-written modern Dockerfile without a single finding', () => {
		expect(lintDockerfile(modern, report)).toEqual([]);
	});

	it('still lints what is inside them: a heredoc script and a --platform stage', () => {
		const text = `FROM --platform=linux/amd64 python:latest\nRUN <<EOF\napt-get update\napt-get install -y libpq5\npip install flask\nEOF\n${tail}`;
		expect(rules(text)).toEqual(expect.arrayContaining(['DL3007@1', 'DL3009@2', 'DL3015@2', 'DL3042@2']));
	});

	it('reads a heredoc fed to another program as that program\'s input, not as shell', () => {
		expect(scriptOf('<<EOF\napt-get update\nEOF')).toBe('apt-get update');
		expect(scriptOf('<<EOF bash -ex\npip install flask\nEOF')).toBe('pip install flask');
		expect(scriptOf('<<-EOF\n\tpip install flask\n\tEOF')).toBe('\tpip install flask');
		expect(scriptOf('python3 <<EOF\nimport subprocess\nsubprocess.run("pip install x")\nEOF')).toBe('python3');
		expect(scriptOf('cat <<EOF > /etc/pip.conf\n[global]\nno-cache-dir = false\nEOF')).toBe('cat > /etc/pip.conf');
		expect(scriptOf('<<EOF\n#!/usr/bin/env python3\nprint("apt-get install x")\nEOF')).toBe('');
		expect(scriptOf('<<EOF\n#!/bin/bash\napt-get update\nEOF')).toBe('#!/bin/bash\napt-get update');
		// An unclosed marker is not a heredoc BuildKit reads.
		expect(scriptOf('echo <<EOF\npip install x')).toBe('echo <<EOF\npip install x');
		expect(splitCommands('cat <<EOF > /app/install.sh\npip install flask\nEOF').map(command => command.words[0])).toEqual(['cat']);
		const text = `FROM python:3.11-slim\nRUN cat <<EOF > /usr/local/bin/setup.sh\npip install flask\napt-get install -y curl\nEOF\n${tail}`;
		expect(rules(text).filter(hit => /DL3042|DL3009|DL3015/.test(hit))).toEqual([]);
	});
});
