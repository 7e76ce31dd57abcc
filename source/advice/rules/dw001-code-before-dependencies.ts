import type {Rule} from '../rule.js';
import {runCommands} from '../rule-helpers.js';
import {pipInstallArgs, programOf, type ShellCommand} from '../shell.js';

/** Installs the project's dependencies (not a single tool such as `pip install poetry`). */
export function installsDependencies(command: ShellCommand): boolean {
	const pip = pipInstallArgs(command);
	if (pip) {
		return pip.some(word => word === '-r' || word.startsWith('--requirement') || word.startsWith('-r') || word === '.' || word === '-e');
	}

	const {name, rest} = programOf(command);
	return (['poetry', 'pipenv', 'pdm'].includes(name) && ['install', 'sync'].includes(rest[0] ?? ''))
		|| (name === 'uv' && (rest[0] === 'sync' || (rest[0] === 'pip' && ['install', 'sync'].includes(rest[1] ?? ''))));
}

export const dw001: Rule = {
	id: 'DW001',
	severity: 'warning',
	title: 'Code is copied before the dependencies are installed',
	why: 'Docker reuses a layer only while everything before it is unchanged: copying the code first means every edit reinstalls every dependency (minutes instead of seconds).',
	fix: 'Copy only the dependency files (requirements.txt, pyproject.toml, the lock), install, then `COPY . .`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
	},
	check(context) {
		const hits: Array<{line: number; message: string}> = [];
		for (const stage of context.parsed.stages) {
			const install = runCommands(stage.instructions).find(({command}) => installsDependencies(command));
			if (!install) {
				continue;
			}

			const copy = stage.instructions.find(instruction => instruction.line < install.instruction.line
				&& (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
				&& instruction.flags.from === undefined
				&& (instruction.exec ?? instruction.args).slice(0, -1).some(source => source === '.' || source === './'));
			if (copy) {
				hits.push({line: copy.line, message: `The whole project is copied (line ${copy.line}) before the dependencies are installed (line ${install.instruction.line}): every code edit reinstalls them`});
			}
		}

		return hits;
	},
};
