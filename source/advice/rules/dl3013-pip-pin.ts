import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {packageWords, pipInstallArgs} from '../shell.js';

export const dl3013: Rule = {
	id: 'DL3013',
	severity: 'info',
	title: 'Pin versions in pip install',
	why: 'A bare package name installs whatever is newest at build time; a requirements file or a version specifier keeps builds reproducible.',
	fix: 'Install from a requirements/lock file, or write `package==version` (or a range).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN pip install --no-cache-dir gunicorn\n',
		good: 'FROM python:3.11-slim\nRUN pip install --no-cache-dir "gunicorn>=20.1,<24"\n',
	},
	check(context) {
		return runCommands(context.parsed.instructions).flatMap(({instruction, command}) => {
			const args = pipInstallArgs(command);
			const unpinned = args ? packageWords(args).filter(name => /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?$/.test(name) && name !== '.' && !name.endsWith('.whl')) : [];
			return unpinned.length > 0 ? [{line: instruction.line, message: `Unpinned pip packages: ${unpinned.join(', ')}`}] : [];
		});
	},
};
