import {asgiStart} from '../asgi-start.js';
import type {Rule} from '../rule.js';

export const dw042: Rule = {
	id: 'DW042',
	severity: 'error',
	title: '`fastapi dev` is the command',
	why: '`fastapi dev` is FastAPI\'s development mode: it reloads on every file change and listens on 127.0.0.1, so the container never answers from outside it.',
	fix: 'Use `fastapi run` (0.0.0.0, no reload) or uvicorn itself: `CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["fastapi", "dev", "main.py"]\n',
		good: 'FROM python:3.11-slim\nCMD ["fastapi", "run", "main.py", "--proxy-headers", "--port", "8000"]\n',
	},
	moreExamples: {
		bad: ['FROM python:3.11-slim\nENTRYPOINT ["fastapi"]\nCMD ["dev", "app/main.py", "--host", "0.0.0.0"]\n'],
	},
	check(context) {
		const start = asgiStart(context);
		if (!start || start.facts.server !== 'fastapi' || start.facts.asgi?.mode !== 'dev') {
			return [];
		}

		return [{line: start.instruction.line, message: `\`${start.command.slice(0, 60)}\` starts FastAPI's development mode (reload, 127.0.0.1${start.facts.asgi.host ? ` unless --host ${start.facts.asgi.host}` : ''})`}];
	},
};
