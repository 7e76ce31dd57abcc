import type {Rule} from '../rule.js';
import {imageName} from '../rule-helpers.js';

export const dl3007: Rule = {
	id: 'DL3007',
	severity: 'warning',
	title: 'Using `latest` is prone to errors if the image ever updates',
	why: '`latest` moves: the same Dockerfile builds a different image next month, and a new major Python can break the app.',
	fix: 'Pin a version tag such as `python:3.11-slim`.',
	scope: 'dockerfile',
	example: {bad: 'FROM python:latest\nCMD ["python", "-V"]\n', good: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n'},
	check(context) {
		return context.parsed.stages
			.filter(stage => imageName(stage.image).tag === 'latest')
			.map(stage => ({line: stage.fromLine}));
	},
};
