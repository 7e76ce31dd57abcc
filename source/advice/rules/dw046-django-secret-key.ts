import type {Rule} from '../rule.js';
import {assignedPairs} from '../rule-helpers.js';

const secretKeyName = /^(DJANGO_)?SECRET_KEY$/i;

export const dw046: Rule = {
	id: 'DW046',
	severity: 'error',
	title: 'Django\'s SECRET_KEY is set with ENV or ARG',
	why: 'ENV values and build args stay in the image metadata and history: anyone with the image can sign sessions, password-reset links and CSRF tokens as your site. A key set "only for collectstatic" is there too, and the app then runs with it when the real one is not given.',
	fix: 'Give the real key at run time (`docker run -e DJANGO_SECRET_KEY=...`). For collectstatic at build time, scope a throwaway key to that RUN alone (`RUN DJANGO_SECRET_KEY=... python manage.py collectstatic --noinput`, with any throwaway value), in a builder stage so the final image does not even record the command.',
	scope: 'dockerfile',
	example: {
		project: 'django',
		bad: 'FROM python:3.11-slim\nENV DJANGO_SECRET_KEY=build-only\nRUN python manage.py collectstatic --noinput\n',
		good: 'FROM python:3.11-slim AS builder\nRUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput\n',
	},
	moreExamples: {
		bad: ['FROM python:3.11-slim\nARG SECRET_KEY=dummy\nRUN python manage.py collectstatic --noinput\n'],
		good: ['FROM python:3.11-slim\nENV DJANGO_SETTINGS_MODULE=mysite.settings.production\n'],
	},
	check(context) {
		if (context.report.framework !== 'django') return [];
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'ENV' || instruction.keyword === 'ARG')
			.flatMap(instruction => {
				const pairs = assignedPairs(instruction);
				const key = pairs.find(([name, value]) => secretKeyName.test(name) && (instruction.keyword === 'ARG' || value !== ''));
				return key ? [{line: instruction.line, message: `${key[0]} is set with ${instruction.keyword}: Django's signing key in the image metadata`}] : [];
			});
	},
};
