import {describe, expect, it} from 'vitest';
import {baseImages, stagesShareAPrefix} from '../../source/engine/base-images.js';
import {buildkitNeed} from '../../source/engine/buildkit-need.js';

describe('baseImages', () => {
	it('lists the images a Dockerfile starts from, not its own stages or scratch', () => {
		const dockerfile = 'FROM python:3.11-slim AS builder\nRUN x\nFROM builder AS test\nFROM scratch\nFROM --platform=linux/amd64 gcr.io/distroless/python3-debian12\nCOPY --from=builder /a /a\n';
		expect(baseImages(dockerfile)).toEqual(['python:3.11-slim', 'gcr.io/distroless/python3-debian12']);
	});

	it('applies ARG defaults declared before the first FROM', () => {
		expect(baseImages('ARG PY=3.12\nARG FLAVOR\nFROM python:${PY}-slim\nFROM python:$PY\nFROM debian:${FLAVOR:-12-slim}\n')).toEqual(['python:3.12-slim', 'python:3.12', 'debian:12-slim']);
	});

	it('leaves out an image it cannot resolve, for the build to report', () => {
		expect(baseImages('FROM python:${UNSET}\n')).toEqual([]);
	});

	it('lists each image once', () => {
		expect(baseImages('FROM python:3.11-slim AS a\nFROM python:3.11-slim\n')).toEqual(['python:3.11-slim']);
	});
});

describe('stagesShareAPrefix', () => {
	it('is true when two stages start from the same image with the same first step', () => {
		expect(stagesShareAPrefix('FROM python:3.11-slim AS builder\nENV PYTHONDONTWRITEBYTECODE=1\nRUN pip wheel x\nFROM python:3.11-slim\nENV  PYTHONDONTWRITEBYTECODE=1\nCOPY . .\n')).toBe(true);
	});

	it('is false when the first steps differ, or the images do', () => {
		expect(stagesShareAPrefix('FROM python:3.11-slim AS builder\nWORKDIR /build\nFROM python:3.11-slim\nWORKDIR /app\n')).toBe(false);
		expect(stagesShareAPrefix('FROM python:3.11 AS builder\nWORKDIR /app\nFROM python:3.11-slim\nWORKDIR /app\n')).toBe(false);
		expect(stagesShareAPrefix('FROM python:3.11\nWORKDIR /app\nCOPY . .\n')).toBe(false);
	});
});

describe('buildkitNeed', () => {
	it('names the feature that needs BuildKit', () => {
		expect(buildkitNeed('FROM python:3.11\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt\n')).toBe('`RUN --mount`');
		expect(buildkitNeed('# syntax=docker/dockerfile:1\nFROM python:3.11\n')).toBe('a `# syntax=` directive');
		expect(buildkitNeed('FROM python:3.11\nCOPY --link . /app\n')).toBe('`COPY --link`');
		expect(buildkitNeed('FROM python:3.11\nCOPY --chmod=755 run.sh /\n')).toBe('`COPY --chmod`');
		expect(buildkitNeed('FROM python:3.11\nRUN <<EOF\necho hi\nEOF\n')).toBe('a heredoc');
	});

	it('is null for what the classic builder builds', () => {
		expect(buildkitNeed('FROM python:3.11\nWORKDIR /app\nCOPY --chown=app:app . /app\nRUN pip install -r requirements.txt # --mount is only a comment here\n')).toBeNull();
	});
});
