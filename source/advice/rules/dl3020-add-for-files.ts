import type {Rule} from '../rule.js';

export const dl3020: Rule = {
	id: 'DL3020',
	severity: 'error',
	title: 'Use COPY instead of ADD for files and folders',
	why: 'ADD also fetches URLs and unpacks archives, so a plain copy can silently do something else; COPY says what it does.',
	fix: 'Replace `ADD` with `COPY` (keep ADD only for URLs or archives you mean to unpack).',
	scope: 'dockerfile',
	example: {bad: 'FROM python:3.11-slim\nWORKDIR /app\nADD . .\n', good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\n'},
	check(context) {
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'ADD')
			.filter(instruction => (instruction.exec ?? instruction.args).slice(0, -1).some(source => !/^(https?|git):\/\//.test(source) && !source.startsWith('git@') && !/\.(tar|tgz|tar\.\w+|zip)$/.test(source)))
			.map(instruction => ({line: instruction.line}));
	},
};
