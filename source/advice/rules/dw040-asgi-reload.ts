import {asgiStart} from '../asgi-start.js';
import type {Rule} from '../rule.js';

export const dw040: Rule = {
	id: 'DW040',
	severity: 'warning',
	title: 'The ASGI server runs with --reload',
	why: '`--reload` is for development: uvicorn (or hypercorn, gunicorn) runs a file watcher that polls the code and restarts the app on changes, which costs CPU in a container whose code never changes, and uvicorn then ignores --workers.',
	fix: 'Drop --reload from the image\'s command: `CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--reload"]\n',
		good: 'FROM python:3.11-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]\n',
	},
	moreExamples: {
		bad: [
			'FROM python:3.11-slim\nCMD python -m uvicorn app.main:app --reload --host 0.0.0.0\n',
			'FROM python:3.11-slim\nCMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "--reload", "main:app"]\n',
		],
		good: ['FROM python:3.11-slim\nCMD ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port \\"${PORT:-8000}\\""]\n'],
	},
	check(context) {
		const start = asgiStart(context);
		// `fastapi dev` reloads too, but DW042 says all that is wrong with it at once.
		if (!start || start.facts.server === 'fastapi' || !start.facts.asgi?.reload) {
			return [];
		}

		return [{line: start.instruction.line, message: `${start.facts.server} runs with --reload, a development option: \`${start.command.slice(0, 80)}\``}];
	},
};
