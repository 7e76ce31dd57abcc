import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';

export const dl4006: Rule = {
	id: 'DL4006',
	severity: 'warning',
	title: 'Set the SHELL option -o pipefail before RUN with a pipe in it',
	why: 'In `sh`, a pipeline succeeds when its last command does: `curl ... | sh` with a failed download still passes, and the build goes on broken.',
	fix: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (or avoid the pipe).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN pip freeze | tee /tmp/freeze.txt\n',
		good: 'FROM python:3.11-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN pip freeze | tee /tmp/freeze.txt\n',
	},
	check(context) {
		const lines = new Set<number>();
		for (const stage of context.parsed.stages) {
			const shells = stage.instructions.filter(instruction => instruction.keyword === 'SHELL');
			for (const {instruction, command} of runCommands(stage.instructions)) {
				// Once per RUN, not per command: a RUN of thousands of commands would read its text as often.
				if (!command.pipedOut || lines.has(instruction.line)) continue;
				const shell = shells.filter(candidate => candidate.line < instruction.line).at(-1);
				const pipefail = shell?.exec?.includes('pipefail') ?? /set -o pipefail/.test(instruction.text);
				if (!pipefail && !/set -\w*o pipefail/.test(instruction.text)) {
					lines.add(instruction.line);
				}
			}
		}

		return [...lines].map(line => ({line}));
	},
};
