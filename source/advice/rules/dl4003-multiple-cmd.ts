import type {Rule} from '../rule.js';

export const dl4003: Rule = {
	id: 'DL4003',
	severity: 'warning',
	title: 'Multiple CMD instructions found',
	why: 'Only the last CMD of a stage takes effect; the others mislead whoever reads the file.',
	fix: 'Keep one CMD per stage.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["python", "app.py"]\nCMD ["python", "-V"]\n',
		good: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n',
	},
	check(context) {
		return context.parsed.stages.flatMap(stage => stage.instructions
			.filter(instruction => instruction.keyword === 'CMD')
			.slice(0, -1)
			.map(instruction => ({line: instruction.line, message: 'This CMD is overridden by a later one in the same stage'})));
	},
};
