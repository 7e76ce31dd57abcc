import type {Rule} from '../rule.js';
import {ignoredFiles} from '../dockerignore.js';

export const dw022: Rule = {
	id: 'DW022',
	severity: 'error',
	title: 'The Dockerfile copies a file that .dockerignore excludes',
	why: 'Excluded files never reach the engine, so `COPY` fails with "file not found" after the earlier steps have run.',
	fix: 'Remove the pattern from .dockerignore, or add an exception (`!requirements.txt`).',
	scope: 'context',
	example: {bad: '# .dockerignore (the Dockerfile has COPY requirements.txt .)\n*.txt\n', good: '# .dockerignore\n*.txt\n!requirements.txt\n'},
	check(context) {
		const ignore = context.report.dockerignore;
		if (!ignore) {
			return [];
		}

		const hits: Array<{line: number; message: string; file: string}> = [];
		for (const instruction of context.parsed.instructions) {
			if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.from !== undefined) {
				continue;
			}

			const sources = (instruction.exec ?? instruction.args).slice(0, -1)
				.map(source => source.replace(/^\.\//, '').replace(/\/+$/, ''))
				.filter(source => source !== '.' && source !== '' && !/[*?[$]/.test(source) && !/^(https?|git):/.test(source));
			const excluded = ignoredFiles(ignore.text, sources);
			if (excluded.length > 0) {
				hits.push({line: instruction.line, message: `${ignore.path} excludes ${excluded.join(', ')}, which line ${instruction.line} copies: the build fails there`, file: context.report.dockerfile?.path ?? 'Dockerfile'});
			}
		}

		return hits;
	},
};
