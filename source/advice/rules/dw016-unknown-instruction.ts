import type {Rule} from '../rule.js';
import {isKnownKeyword} from '../parse-dockerfile.js';

export const dw016: Rule = {
	id: 'DW016',
	severity: 'error',
	title: 'Unknown instruction',
	why: 'Docker stops at the first line it cannot parse; often a missing `\\` at the end of the previous line.',
	fix: 'Fix the typo, or end the previous line with `\\` to continue it.',
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
			}

			if (hits.length >= 20) {
				// A file that is mostly noise: twenty lines make the point.
				break;
			}
		}

		return hits;
	},
};
