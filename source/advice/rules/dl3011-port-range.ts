import type {Rule} from '../rule.js';

export const dl3011: Rule = {
	id: 'DL3011',
	severity: 'error',
	title: 'Valid UNIX ports range from 0 to 65535',
	why: 'An impossible port in EXPOSE is a typo that documents the wrong thing and breaks tools that publish exposed ports.',
	fix: 'Expose the port the app listens on, e.g. `EXPOSE 8000`.',
	scope: 'dockerfile',
	example: {bad: 'FROM python:3.11-slim\nEXPOSE 80000\n', good: 'FROM python:3.11-slim\nEXPOSE 8000\n'},
	check(context) {
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'EXPOSE')
			.filter(instruction => instruction.args.some(argument => {
				const port = /^(\d+)(-(\d+))?(\/\w+)?$/.exec(argument);
				return port !== null && (Number(port[1]) > 65_535 || Number(port[3] ?? 0) > 65_535);
			}))
			.map(instruction => ({line: instruction.line}));
	},
};
