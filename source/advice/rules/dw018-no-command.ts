import type {Rule} from '../rule.js';
import {finalStage} from '../rule-helpers.js';

export const dw018: Rule = {
	id: 'DW018',
	severity: 'warning',
	title: 'The final stage has no CMD or ENTRYPOINT',
	why: "The container then runs the base image's default (for python images, an interactive interpreter that exits at once).",
	fix: 'End with an exec-form CMD that starts the app, e.g. `CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage || stage.instructions.some(instruction => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT')) {
			return [];
		}

		const parent = context.parsed.stages.find(other => other.name === stage.image.toLowerCase() && other.index < stage.index);
		if (parent?.instructions.some(instruction => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT')) {
			return [];
		}

		return [{line: stage.fromLine}];
	},
};
