import type {Rule} from '../rule.js';

export const dw015: Rule = {
	id: 'DW015',
	severity: 'error',
	title: 'Not a Dockerfile: there is no FROM instruction',
	why: 'Every build starts from an image; without FROM (an empty or truncated file, or another format) nothing can be built.',
	fix: 'Start the file with `FROM python:3.11-slim` (dockwiz proposes a complete one).',
	scope: 'dockerfile',
	example: {bad: '# just a comment\nRUN echo hello\n', good: 'FROM python:3.11-slim\nRUN echo hello\n'},
	check(context) {
		if (context.parsed.stages.length > 0) {
			return [];
		}

		return [{line: context.parsed.instructions[0]?.line ?? null, message: context.text.trim() === '' ? 'The Dockerfile is empty' : 'The Dockerfile has no FROM instruction'}];
	},
};
