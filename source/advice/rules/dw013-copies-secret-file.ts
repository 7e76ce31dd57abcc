import type {Rule} from '../rule.js';
import {looksSecretPath} from '../rule-helpers.js';

export const dw013: Rule = {
	id: 'DW013',
	severity: 'error',
	title: 'A secret file (.env, a key) is copied into the image',
	why: 'Files copied into a layer stay in the image even if deleted later; anyone who pulls it can read them.',
	fix: 'Do not copy it; pass the values at run time (`docker run --env-file .env`).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY .env .\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY app.py .\n',
	},
	check(context) {
		return context.parsed.instructions
			.filter(instruction => (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.flags.from === undefined)
			.flatMap(instruction => {
				const secrets = (instruction.exec ?? instruction.args).slice(0, -1).filter(source => looksSecretPath(source));
				return secrets.length > 0 ? [{line: instruction.line, message: `Copies ${secrets.join(', ')} into the image`}] : [];
			});
	},
};
