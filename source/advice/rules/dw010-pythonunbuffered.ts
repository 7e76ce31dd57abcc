import type {Rule} from '../rule.js';
import {envNames, finalStage, imageName} from '../rule-helpers.js';

export function isPythonImage(image: string): boolean {
	return /python/.test(imageName(image.toLowerCase()).name.split('/').at(-1) ?? '');
}

export const dw010: Rule = {
	id: 'DW010',
	severity: 'warning',
	title: '`PYTHONUNBUFFERED` is not set',
	why: 'Python buffers stdout when it is not a terminal: logs arrive late or are lost when the container stops or crashes.',
	fix: 'Add `ENV PYTHONUNBUFFERED=1`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n',
		good: 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "-V"]\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage || !isPythonImage(resolveBase(context, stage.index)) || envNames(context, stage).has('PYTHONUNBUFFERED')) {
			return [];
		}

		return [{line: stage.fromLine}];
	},
};

/** The external image a stage ultimately builds on. */
export function resolveBase(context: {parsed: {stages: Array<{index: number; name: string | null; image: string}>}}, index: number): string {
	const stage = context.parsed.stages[index];
	const parent = context.parsed.stages.find(other => other.index < index && other.name === stage.image.toLowerCase());
	return parent ? resolveBase(context, parent.index) : stage.image;
}
