import type {Rule} from '../rule.js';
import {assignedPairs, looksSecretName} from '../rule-helpers.js';

export const dw012: Rule = {
	id: 'DW012',
	severity: 'error',
	title: 'A secret is set with ENV or ARG',
	why: 'ENV values and build args are stored in the image metadata and history: anyone who can pull the image can read them.',
	fix: 'Pass secrets at run time (`docker run -e`, a secrets manager), or at build time with `RUN --mount=type=secret`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nENV SECRET_KEY=s3cr3t-value\n',
		good: 'FROM python:3.11-slim\nENV FLASK_DEBUG=0\n',
	},
	check(context) {
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'ENV' || instruction.keyword === 'ARG')
			.flatMap(instruction => {
				const pairs = assignedPairs(instruction);
				// Django's SECRET_KEY has its own rule (DW046) in a Django project.
				const secret = pairs.find(([name, value]) => looksSecretName(name) && !(context.report.framework === 'django' && /^(DJANGO_)?SECRET_KEY$/i.test(name)) && (instruction.keyword === 'ARG' || (value !== '' && !value.startsWith('$'))));
				return secret ? [{line: instruction.line, message: `${secret[0]} is set with ${instruction.keyword}: a secret in the image metadata`}] : [];
			});
	},
};
