import type {Rule} from '../rule.js';
import {envNames, finalStage, isPythonImage, resolveBase} from '../rule-helpers.js';

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
	moreExamples: {
		// Set in a builder stage only: the final stage starts afresh from the base image.
		bad: ['FROM python:3.11-slim AS build\nENV PYTHONUNBUFFERED=1\n\nFROM python:3.11-slim\nCMD ["python", "-V"]\n'],
		// Inherited from the stage the final one builds on.
		good: ['FROM python:3.11-slim AS base\nENV PYTHONUNBUFFERED=1\n\nFROM base\nCMD ["python", "-V"]\n'],
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage || !isPythonImage(resolveBase(context, stage.index)) || envNames(context, stage).has('PYTHONUNBUFFERED')) {
			return [];
		}

		return [{line: stage.fromLine}];
	},
};
