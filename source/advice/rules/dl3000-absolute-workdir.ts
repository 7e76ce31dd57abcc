import type {Rule} from '../rule.js';

export const dl3000: Rule = {
	id: 'DL3000',
	severity: 'error',
	title: 'Use an absolute WORKDIR',
	why: 'A relative WORKDIR depends on the one before it (or the base image), so the app lands somewhere nobody expects.',
	fix: 'Write `WORKDIR /app`.',
	scope: 'dockerfile',
	example: {bad: 'FROM python:3.11-slim\nWORKDIR app\n', good: 'FROM python:3.11-slim\nWORKDIR /app\n'},
	check(context) {
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'WORKDIR')
			.filter(instruction => {
				const target = instruction.args.join(' ').replace(/^["']/, '');
				return target !== '' && !target.startsWith('/') && !target.startsWith('$') && !/^[A-Za-z]:/.test(target);
			})
			.map(instruction => ({line: instruction.line}));
	},
};
