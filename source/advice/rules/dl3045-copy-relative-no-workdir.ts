import type {Rule} from '../rule.js';
import {walkStage} from '../image-files.js';

export const dl3045: Rule = {
	id: 'DL3045',
	severity: 'warning',
	title: '`COPY` to a relative destination without `WORKDIR` set',
	why: 'Without WORKDIR a relative destination lands in `/` (or wherever the base image left off), mixing the app with the system.',
	fix: 'Set `WORKDIR /app` before the COPY.',
	scope: 'dockerfile',
	example: {bad: 'FROM python:3.11-slim\nCOPY requirements.txt .\n', good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\n'},
	check(context) {
		return context.parsed.stages.flatMap(stage => walkStage(context, stage)
			.filter(step => step.instruction.keyword === 'COPY' && !step.workdirSet)
			.filter(step => {
				const destination = (step.instruction.exec ?? step.instruction.args).at(-1) ?? '';
				return destination !== '' && !destination.startsWith('/') && !destination.startsWith('$');
			})
			.map(step => ({line: step.instruction.line})));
	},
};
