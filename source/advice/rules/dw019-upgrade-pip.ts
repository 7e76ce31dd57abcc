import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {pipInstallArgs} from '../shell.js';

export const dw019: Rule = {
	id: 'DW019',
	severity: 'info',
	title: '`pip install --upgrade pip` in the image',
	why: 'It downloads a new pip on every cold build (slower, not reproducible) and rarely changes what gets installed.',
	fix: 'Drop it, or pin pip (`pip install --no-cache-dir pip==24.0`) when a feature needs a newer one.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN pip install --no-cache-dir --upgrade pip\n',
		good: 'FROM python:3.11-slim\nRUN pip install --no-cache-dir "pip==24.0"\n',
	},
	check(context) {
		return runCommands(context.parsed.instructions).flatMap(({instruction, command}) => {
			const args = pipInstallArgs(command);
			return args && args.some(word => word === '-U' || word === '--upgrade') && args.includes('pip') ? [{line: instruction.line}] : [];
		});
	},
};
