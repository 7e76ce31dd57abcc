import type {Rule} from '../rule.js';
import {isKnownKeyword} from '../parse-dockerfile.js';

export const dw016: Rule = {
	id: 'DW016',
	severity: 'error',
	title: 'Unknown or incomplete instruction',
	why: 'Docker stops at the first line it cannot parse; often a missing `\\` at the end of the previous line.',
	fix: 'Fix the typo or complete the instruction; a line that continues the previous one needs `\\` at the end of that line.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN apt-get update &&\n    apt-get install -y --no-install-recommends curl\n',
		good: 'FROM python:3.11-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		const hits: Array<{line: number; message: string}> = [];
		for (const instruction of context.parsed.instructions) {
			if (!isKnownKeyword(instruction.keyword)) {
				const shown = instruction.keyword.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
				hits.push({line: instruction.line, message: `Unknown instruction \`${shown}\``});
			} else if (instruction.text === '' && !['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(instruction.keyword)) {
				hits.push({line: instruction.line, message: `\`${instruction.keyword}\` has no arguments`});
			}

			if (hits.length >= 20) {
				// A file that is mostly noise: twenty lines make the point.
				break;
			}
		}

		return hits;
	},
};
