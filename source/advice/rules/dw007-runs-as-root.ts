import type {Rule} from '../rule.js';
import {finalStage, imageName} from '../rule-helpers.js';

export const dw007: Rule = {
	id: 'DW007',
	severity: 'warning',
	title: 'The container runs as root (no USER)',
	why: 'Without USER the app runs as root: any code execution bug gives root in the container, and a container escape root on the host.',
	fix: 'Add a user with a fixed UID (`RUN useradd --uid 10001 app`) and `USER app` before CMD.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n',
		good: 'FROM python:3.11-slim\nRUN useradd --uid 10001 app\nUSER app\nCMD ["python", "-V"]\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage || stage.instructions.some(instruction => instruction.keyword === 'USER')) {
			return [];
		}

		// Distroless `:nonroot` images already switch user.
		const {tag} = imageName(stage.image);
		if ((tag ?? '').includes('nonroot') || context.parsed.stages.some(other => other.index < stage.index && other.name === stage.image.toLowerCase() && other.instructions.some(instruction => instruction.keyword === 'USER'))) {
			return [];
		}

		return [{line: stage.fromLine}];
	},
};
