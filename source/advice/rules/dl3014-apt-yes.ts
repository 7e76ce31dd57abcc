import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {aptInstallArgs} from '../shell.js';

export const dl3014: Rule = {
	id: 'DL3014',
	severity: 'warning',
	title: 'Use the `-y` switch with apt-get install',
	why: 'Without `-y`, apt-get asks for confirmation, gets no answer in a build, and aborts.',
	fix: 'Write `apt-get install -y ...`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
		good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		return runCommands(context.parsed.instructions).flatMap(({instruction, command}) => {
			const install = aptInstallArgs(command);
			const yes = install?.args.some(word => /^-\w*y\w*$/.test(word) || ['--yes', '--assume-yes', '-qq'].includes(word));
			return install && !yes ? [{line: instruction.line}] : [];
		});
	},
};
