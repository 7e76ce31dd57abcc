import {asgiStart} from '../asgi-start.js';
import type {Rule} from '../rule.js';

const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export const dw041: Rule = {
	id: 'DW041',
	severity: 'error',
	title: 'The ASGI server listens on 127.0.0.1 only',
	why: 'Inside a container, 127.0.0.1 is the container\'s own loopback: nothing outside it, not even a published port, reaches the app. uvicorn and hypercorn bind 127.0.0.1 unless told otherwise.',
	fix: 'Bind every interface: `uvicorn main:app --host 0.0.0.0 --port 8000` (hypercorn: `--bind 0.0.0.0:8000`).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["uvicorn", "main:app", "--port", "8000"]\n',
		good: 'FROM python:3.11-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
	},
	moreExamples: {
		bad: [
			'FROM python:3.11-slim\nCMD ["uvicorn", "server:app", "--host", "127.0.0.1", "--port", "9000"]\n',
			'FROM python:3.11-slim\nCMD ["hypercorn", "app:app", "--bind", "localhost:8000"]\n',
		],
		good: [
			'FROM python:3.11-slim\nCMD ["hypercorn", "app:app", "--bind", "0.0.0.0:8000"]\n',
			'FROM python:3.11-slim\nCMD ["fastapi", "run", "main.py"]\n',
			'FROM python:3.11-slim\nENV UVICORN_HOST=0.0.0.0\nCMD ["uvicorn", "main:app"]\n',
		],
	},
	check(context) {
		const start = asgiStart(context);
		// gunicorn binds 127.0.0.1 only with an explicit --bind; `fastapi run` binds 0.0.0.0 (DW042 covers `fastapi dev`).
		if (!start || start.facts.server === 'fastapi' || start.facts.server === 'gunicorn') {
			return [];
		}

		const host = start.facts.asgi?.host ?? null;
		if (host === null) {
			// uvicorn reads UVICORN_HOST when --host is absent.
			const hostFromEnv = start.facts.server === 'uvicorn' && /\bUVICORN_HOST\b/.test(context.text);
			return hostFromEnv ? [] : [{line: start.instruction.line, message: `${start.facts.server} is given no ${start.facts.server === 'uvicorn' ? '--host' : '--bind'}, so it listens on 127.0.0.1 only: the container never answers from outside`}];
		}

		return loopback.test(host) ? [{line: start.instruction.line, message: `${start.facts.server} listens on ${host}, the container's own loopback: the container never answers from outside`}] : [];
	},
};
