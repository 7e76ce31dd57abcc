import type {Rule} from '../rule.js';
import {runCommands, finalStage, startCommand} from '../rule-helpers.js';

export const dw045: Rule = {
	id: 'DW045',
	severity: 'warning',
	title: 'STATIC_ROOT is set but collectstatic never runs',
	why: 'Django serves static files from STATIC_ROOT only after `manage.py collectstatic` has copied them there; without it the pages load without their CSS and scripts (404), and whitenoise\'s manifest storage fails the page with "Missing staticfiles manifest entry".',
	fix: 'Run `python manage.py collectstatic --noinput` at build time, after the code is copied, with a throwaway SECRET_KEY given to that RUN only (`RUN SECRET_KEY=... python manage.py collectstatic --noinput`, with any throwaway value, best in a builder stage), never with ENV.',
	scope: 'dockerfile',
	example: {
		project: 'django',
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["gunicorn", "mysite.wsgi:application"]\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nRUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput\nCMD ["gunicorn", "mysite.wsgi:application"]\n',
	},
	check(context) {
		const facts = context.report.framework === 'django' ? context.report.django : undefined;
		if (!facts?.staticRoot) return [];
		const run = runCommands(context.parsed.instructions).some(({command}) => command.words.includes('collectstatic'));
		const stage = finalStage(context);
		const start = stage ? startCommand(stage) : undefined;
		// A start script or the start command may collect at start: slower, but it runs.
		const atStart = /collectstatic/.test(start?.words.join(' ') ?? '') || (context.report.startup?.startScript?.steps ?? []).some(step => /collectstatic/.test(step.command));
		if (run || atStart) return [];
		const line = start?.instruction.line ?? context.parsed.instructions.at(-1)?.line ?? null;
		return [{line, message: `STATIC_ROOT is set (${facts.settingsFiles.at(-1) ?? 'settings'}: ${facts.staticRoot}) but nothing runs collectstatic: the static files are never collected`}];
	},
};
