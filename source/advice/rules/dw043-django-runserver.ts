import type {Rule} from '../rule.js';
import {finalStage, startCommand} from '../rule-helpers.js';

export const dw043: Rule = {
	id: 'DW043',
	severity: 'warning',
	title: 'The command starts Django\'s development server (runserver)',
	why: '`manage.py runserver` is one process that reloads on file changes and, with DEBUG off, serves no static files; Django\'s docs say not to use it in production (it has not gone through security audits or performance tests).',
	fix: 'Serve the WSGI application with gunicorn: `CMD ["gunicorn", "--bind", "0.0.0.0:8000", "mysite.wsgi:application"]` (uvicorn workers for an ASGI app), and add gunicorn to the dependencies.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "mysite.wsgi:application"]\n',
	},
	moreExamples: {
		bad: ['FROM python:3.11-slim\nWORKDIR /app\nCMD python manage.py migrate && python manage.py runserver 0.0.0.0:8000\n'],
		good: ['FROM python:3.11-slim\nWORKDIR /app\nCMD ["sh", "-c", "python manage.py migrate && exec gunicorn mysite.wsgi:application"]\n'],
	},
	check(context) {
		const stage = finalStage(context);
		const start = stage ? startCommand(stage) : undefined;
		if (!start) return [];
		const joined = start.words.join(' ');
		// `sh -c "... && python manage.py runserver"` keeps the command in one word: match the whole line.
		return /(manage\.py|django-admin)\s+runserver(\s|$|")/.test(joined) ? [{line: start.instruction.line, message: '`manage.py runserver` starts Django\'s development server'}] : [];
	},
};
