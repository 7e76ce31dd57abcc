import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';

export const dl3004: Rule = {
	id: 'DL3004',
	severity: 'error',
	title: 'Do not use sudo',
	why: 'sudo is unpredictable in a build (TTY, password, environment) and means root is one command away at run time.',
	fix: 'Run the step before `USER` switches away from root, or use `gosu` at run time.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM debian:12-slim\nRUN sudo apt-get update\n',
		good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		const lines = new Set(runCommands(context.parsed.instructions)
			.filter(({command}) => command.words[0] === 'sudo')
			.map(({instruction}) => instruction.line));
		return [...lines].map(line => ({line}));
	},
};
