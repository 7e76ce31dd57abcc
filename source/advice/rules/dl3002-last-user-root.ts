import type {Rule} from '../rule.js';
import {finalStage} from '../rule-helpers.js';

export const dl3002: Rule = {
	id: 'DL3002',
	severity: 'warning',
	title: 'Last USER should not be root',
	why: 'A process running as root in the container is one kernel bug away from root on the host, and can rewrite its own code.',
	fix: 'Create a user with a fixed UID and switch to it: `RUN useradd --uid 10001 app` then `USER app`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN useradd --uid 10001 app\nUSER app\nUSER root\nCMD ["python", "-V"]\n',
		good: 'FROM python:3.11-slim\nRUN useradd --uid 10001 app\nUSER app\nCMD ["python", "-V"]\n',
	},
	check(context) {
		const last = finalStage(context)?.instructions.filter(instruction => instruction.keyword === 'USER').at(-1);
		return last && /^(root|0)(:.*)?$/.test(last.args[0] ?? '') ? [{line: last.line}] : [];
	},
};
