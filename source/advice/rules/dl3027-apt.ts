import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {programOf} from '../shell.js';

export const dl3027: Rule = {
	id: 'DL3027',
	severity: 'warning',
	title: 'Do not use apt; use apt-get or apt-cache instead',
	why: '`apt` is for people at a terminal; its command-line interface is not stable for scripts.',
	fix: 'Replace `apt install` with `apt-get install`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM debian:12-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
		good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		const lines = new Set(runCommands(context.parsed.instructions)
			.filter(({command}) => programOf(command).name === 'apt')
			.map(({instruction}) => instruction.line));
		return [...lines].map(line => ({line}));
	},
};
