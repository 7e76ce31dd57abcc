import type {Rule} from '../rule.js';

export const dl3025: Rule = {
	id: 'DL3025',
	severity: 'warning',
	title: 'Use the JSON (exec) form for CMD and ENTRYPOINT',
	why: 'The shell form runs the app under `/bin/sh -c`, so it never receives SIGTERM: `docker stop` waits 10 s and kills it, with no graceful shutdown.',
	fix: 'Write `CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n',
		good: 'FROM python:3.11-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
	},
	check(context) {
		return context.parsed.instructions
			// `CMD exec gunicorn ...`: the shell replaces itself with the server, which then is PID 1 and gets the signals.
			.filter(instruction => (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') && instruction.exec === null && instruction.text !== '' && !/^exec\s+\S/.test(instruction.text))
			.map(instruction => ({line: instruction.line, message: `${instruction.keyword} uses the shell form, so the app does not get stop signals`}));
	},
};
