import type {Rule} from '../rule.js';
import {contextFiles} from '../image-files.js';

export const dw009: Rule = {
	id: 'DW009',
	severity: 'error',
	title: 'A folder is copied to a path named like a file',
	why: '`COPY . /app/app.py` creates a folder named app.py holding the whole project; `python app.py` then fails (or runs the wrong thing).',
	fix: 'Copy into a folder: `WORKDIR /app` then `COPY . .`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . /app/app.py\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\n',
	},
	check(context) {
		const known = contextFiles(context.report);
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'COPY' && instruction.flags.from === undefined)
			.flatMap(instruction => {
				const args = instruction.exec ?? instruction.args;
				const destination = args.at(-1) ?? '';
				const folder = args.slice(0, -1).find(source => source === '.' || source === './' || known.some(file => file.startsWith(source.replace(/\/+$/, '') + '/')));
				return folder && /\.(py|txt|toml|cfg|json|ya?ml|sh)$/.test(destination)
					? [{line: instruction.line, message: `\`COPY ${folder} ${destination}\` puts the folder's content into a folder named ${destination.split('/').at(-1)}`}]
					: [];
			});
	},
};
