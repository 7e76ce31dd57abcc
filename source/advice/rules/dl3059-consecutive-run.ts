import type {Rule} from '../rule.js';

export const dl3059: Rule = {
	id: 'DL3059',
	severity: 'info',
	title: 'Multiple consecutive `RUN` instructions',
	why: 'Each RUN is a layer; consecutive ones that belong together cost layers and can keep files a later RUN deletes.',
	fix: 'Join related commands with `&&` in one RUN.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends libpq5\n',
		good: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		return context.parsed.stages.flatMap(stage => stage.instructions
			.filter((instruction, index) => instruction.keyword === 'RUN' && stage.instructions[index - 1]?.keyword === 'RUN')
			.map(instruction => ({line: instruction.line})));
	},
};
