import type {Rule} from '../rule.js';

/** Whether text looks like a binary file (NUL bytes, or mostly control characters). */
export function looksBinary(text: string): boolean {
	if (text.includes('\u0000')) {
		return true;
	}

	const sample = text.slice(0, 8192);
	let odd = 0;
	for (const char of sample) {
		const code = char.codePointAt(0) ?? 0;
		if ((code < 32 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0xFF_FD) {
			odd++;
		}
	}

	return sample.length > 0 && odd / sample.length > 0.1;
}

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
