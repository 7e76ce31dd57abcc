import type {Rule} from '../rule.js';
import {finalStage, runCommands} from '../rule-helpers.js';
import {aptInstallArgs} from '../shell.js';

export const dl3009: Rule = {
	id: 'DL3009',
	severity: 'warning',
	title: 'Delete the apt-get lists after installing something',
	why: 'The package lists (tens of MB) stay in the layer forever unless removed in the same RUN.',
	fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n',
		good: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage) {
			return [];
		}

		const lines = new Set<number>();
		for (const {instruction, command} of runCommands(stage.instructions)) {
			if (aptInstallArgs(command) && !/rm\s+(-\w+\s+)*\/var\/lib\/apt\/lists/.test(instruction.text)) {
				lines.add(instruction.line);
			}
		}

		return [...lines].map(line => ({line}));
	},
};
