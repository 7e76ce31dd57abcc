import type {Rule} from '../rule.js';
import {imageName, isStageReference} from '../rule-helpers.js';

export const dw023: Rule = {
	id: 'DW023',
	severity: 'warning',
	title: 'The base image tag names no Python version',
	why: '`python:slim` or `python:alpine` follow the newest Python: a new minor version arrives with the next build and can break the app or its wheels.',
	fix: 'Name the version in the tag: `python:3.11-slim`.',
	scope: 'dockerfile',
	example: {bad: 'FROM python:slim\nCMD ["python", "-V"]\n', good: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n'},
	check(context) {
		return context.parsed.stages
			.filter(stage => !isStageReference(context, stage) && !stage.image.includes('$'))
			.filter(stage => {
				const {name, tag} = imageName(stage.image.toLowerCase());
				return name.split('/').at(-1) === 'python' && tag !== null && tag !== 'latest' && !/\d/.test(tag);
			})
			.map(stage => ({line: stage.fromLine, message: `\`${stage.image}\` follows whatever Python is newest`}));
	},
};
