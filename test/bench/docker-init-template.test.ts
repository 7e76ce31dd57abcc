import {describe, expect, it} from 'vitest';
import {dockerInitComposeText, dockerInitDockerfileText, dockerInitDockerignoreText, execForm, offlineDockerfile, requirementsForDockerInit} from '../../bench/docker-init-template.js';

describe("docker init's Python template", () => {
	const text = dockerInitDockerfileText({pythonVersion: '3.11', port: 8000, command: 'gunicorn shop:create_app() --bind=0.0.0.0:8000'});

	it('renders the answers into the places docker init puts them, everything else as written', () => {
		const lines = text.split('\n');
		expect(lines[0]).toBe('# syntax=docker/dockerfile:1');
		expect(lines).toContain('ARG PYTHON_VERSION=3.11');
		expect(lines).toContain('FROM python:${PYTHON_VERSION}-slim');
		expect(lines).toContain('EXPOSE 8000');
		expect(lines.at(-2)).toBe('CMD ["gunicorn", "shop:create_app()", "--bind=0.0.0.0:8000"]');
		expect(text).toContain('RUN --mount=type=cache,target=/root/.cache/pip \\\n    --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n    python -m pip install -r requirements.txt\n');
		expect(text).toContain('RUN adduser \\\n    --disabled-password \\\n    --gecos "" \\\n    --home "/nonexistent" \\\n    --shell "/sbin/nologin" \\\n    --no-create-home \\\n    --uid "${UID}" \\\n    appuser\n');
		expect(text.indexOf('USER appuser')).toBeLessThan(text.indexOf('COPY . .'));
		// Instructions in order, comments aside: what a build reads.
		const instructions = lines.filter(line => /^[A-Z]+ /.test(line)).map(line => line.split(' ')[0]);
		expect(instructions).toEqual(['ARG', 'FROM', 'ENV', 'ENV', 'WORKDIR', 'ARG', 'RUN', 'RUN', 'USER', 'COPY', 'EXPOSE', 'CMD']);
	});

	it('writes CMD in exec form, one word per item, as docker init does with the command answer', () => {
		expect(execForm('python3 -m uvicorn app:app --host=0.0.0.0 --port=8000')).toBe('["python3", "-m", "uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]');
		expect(execForm('  gunicorn   app:app ')).toBe('["gunicorn", "app:app"]');
	});

	it('removes only the syntax line for an offline engine, and says which', () => {
		const offline = offlineDockerfile(text);
		expect(offline.removed).toBe('# syntax=docker/dockerfile:1');
		expect(offline.text).toBe(text.replace('# syntax=docker/dockerfile:1\n', ''));
		expect(offlineDockerfile('FROM x\n')).toEqual({text: 'FROM x\n', removed: null});
	});

	it('has the .dockerignore and compose.yaml docker init writes', () => {
		const patterns = dockerInitDockerignoreText.split('\n').filter(line => line && !line.startsWith('#'));
		expect(patterns).toHaveLength(28);
		expect(patterns.slice(0, 3)).toEqual(['**/.DS_Store', '**/__pycache__', '**/.venv']);
		expect(patterns.slice(-2)).toEqual(['LICENSE', 'README.md']);
		expect(dockerInitComposeText(5000)).toContain('services:\n  server:\n    build:\n      context: .\n    ports:\n      - 5000:5000\n');
	});
});

describe('requirementsForDockerInit', () => {
	const deps = [{name: 'flask', line: 'flask>=2.2,<3'}, {name: 'waitress', line: 'waitress>=2.1'}];

	it("appends gunicorn to the project's requirements.txt when it is missing, and writes nothing when it is there", () => {
		expect(requirementsForDockerInit('flask>=2.2,<3', deps)).toBe('flask>=2.2,<3\ngunicorn\n');
		expect(requirementsForDockerInit('flask\n\n', deps)).toBe('flask\ngunicorn\n');
		expect(requirementsForDockerInit('flask\ngunicorn\n', [...deps, {name: 'gunicorn', line: 'gunicorn'}])).toBeNull();
	});

	it('writes one for a project without requirements.txt: its dependencies, then gunicorn', () => {
		expect(requirementsForDockerInit(null, deps)).toBe('flask>=2.2,<3\nwaitress>=2.1\ngunicorn\n');
	});
});
