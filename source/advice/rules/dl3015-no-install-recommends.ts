import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {aptInstallArgs} from '../shell.js';

export const dl3015: Rule = {
	id: 'DL3015',
	severity: 'warning',
	title: 'Avoid additional packages by specifying `--no-install-recommends`',
	why: 'apt installs "recommended" packages by default, often tens or hundreds of MB the app never uses.',
	fix: 'Add `--no-install-recommends` to `apt-get install`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\n',
		good: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		return runCommands(context.parsed.instructions).flatMap(({instruction, command}) => {
			const install = aptInstallArgs(command);
			return install && !install.args.some(word => word === '--no-install-recommends' || /APT::Install-Recommends=(false|0)/i.test(word)) ? [{line: instruction.line}] : [];
		});
	},
};
