import type {Rule} from '../rule.js';
import {looksBinary} from '../rule-helpers.js';

export const dw017: Rule = {
	id: 'DW017',
	severity: 'error',
	title: 'The Dockerfile is binary, not text',
	why: 'Docker reads the Dockerfile as text; a binary file (a wrong file named Dockerfile, a corrupt checkout) cannot be built.',
	fix: 'Replace it with a text Dockerfile (dockwiz proposes one).',
	scope: 'dockerfile',
	example: {bad: '\u0000\u0001\u0002ELF binary bytes\n', good: 'FROM python:3.11-slim\n'},
	check(context) {
		return looksBinary(context.text) ? [{line: null}] : [];
	},
};
