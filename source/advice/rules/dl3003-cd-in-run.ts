import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {programOf} from '../shell.js';

export const dl3003: Rule = {
	id: 'DL3003',
	severity: 'warning',
	title: 'Use WORKDIR to switch to a directory',
	why: '`cd` lasts only for its RUN; later instructions still run elsewhere, which is how relative paths end up pointing nowhere.',
	fix: 'Use `WORKDIR /path` instead of `cd /path &&`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCOPY . /app\nRUN cd /app && pip install --no-cache-dir -r requirements.txt\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n',
	},
	check(context) {
		const lines = new Set(runCommands(context.parsed.instructions)
			.filter(({command}) => programOf(command).name === 'cd')
			.map(({instruction}) => instruction.line));
		return [...lines].map(line => ({line}));
	},
};
