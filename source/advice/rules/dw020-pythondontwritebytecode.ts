import type {Rule} from '../rule.js';
import {envNames, finalStage, isPythonImage, resolveBase} from '../rule-helpers.js';

export const dw020: Rule = {
	id: 'DW020',
	severity: 'info',
	title: '`PYTHONDONTWRITEBYTECODE` is not set',
	why: 'Python writes .pyc files next to the code at run time: wasted writes into the container layer, and failures when the code is read-only.',
	fix: 'Add `ENV PYTHONDONTWRITEBYTECODE=1`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1\n',
		good: 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage || !isPythonImage(resolveBase(context, stage.index)) || envNames(context, stage).has('PYTHONDONTWRITEBYTECODE')) {
			return [];
		}

		return [{line: stage.fromLine}];
	},
};
