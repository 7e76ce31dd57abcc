import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {aptInstallArgs, packageWords} from '../shell.js';

export const dl3008: Rule = {
	id: 'DL3008',
	severity: 'info',
	title: 'Pin versions in apt-get install',
	why: 'Unpinned Debian packages follow the mirror; pinning makes rebuilds reproducible (at the cost of updating the pins).',
	fix: 'Write `package=version`, or accept the drift knowingly for security updates.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
		good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		return runCommands(context.parsed.instructions).flatMap(({instruction, command}) => {
			const install = aptInstallArgs(command);
			const unpinned = install ? packageWords(install.args).filter(name => !name.includes('=')) : [];
			return unpinned.length > 0 ? [{line: instruction.line, message: `Unpinned apt packages: ${unpinned.join(', ')}`}] : [];
		});
	},
};
