import type {Rule} from '../rule.js';

export const dl4000: Rule = {
	id: 'DL4000',
	severity: 'warning',
	title: 'MAINTAINER is deprecated',
	why: 'Docker ignores it in favour of labels; tools that read image metadata look at `org.opencontainers.image.authors`.',
	fix: 'Use `LABEL org.opencontainers.image.authors="you@example.com"`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nMAINTAINER you@example.com\n',
		good: 'FROM python:3.11-slim\nLABEL org.opencontainers.image.authors="you@example.com"\n',
	},
	check(context) {
		return context.parsed.instructions.filter(instruction => instruction.keyword === 'MAINTAINER').map(instruction => ({line: instruction.line}));
	},
};
