import type {Rule} from '../rule.js';
import {finalStage} from '../rule-helpers.js';

export const dw014: Rule = {
	id: 'DW014',
	severity: 'warning',
	title: 'EXPOSE does not match the port the app listens on',
	why: 'EXPOSE documents the port and is what `docker run -P` publishes; a wrong one sends traffic to a closed port.',
	fix: 'Expose the port the app binds (the one in the gunicorn `--bind`).',
	scope: 'dockerfile',
	example: {bad: 'FROM python:3.11-slim\nEXPOSE 5000\n', good: 'FROM python:3.11-slim\nEXPOSE 8000\n'},
	check(context) {
		const exposes = finalStage(context)?.instructions.filter(instruction => instruction.keyword === 'EXPOSE') ?? [];
		if (exposes.length === 0) {
			return [];
		}

		const ports = exposes.flatMap(instruction => instruction.args.map(argument => Number.parseInt(argument, 10)));
		if (ports.includes(context.report.port) || ports.some(port => Number.isNaN(port))) {
			return [];
		}

		return [{line: exposes[0].line, message: `EXPOSE ${ports.join(' ')}, but the app listens on ${context.report.port} (${context.report.portSource})`}];
	},
};
