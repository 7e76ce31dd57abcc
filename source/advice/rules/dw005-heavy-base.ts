import type {Rule} from '../rule.js';
import {finalStage, imageName, runCommands} from '../rule-helpers.js';
import {aptInstallArgs, packageWords} from '../shell.js';

export const dw005: Rule = {
	id: 'DW005',
	severity: 'warning',
	title: 'Heavy base image for the final stage',
	why: 'The full `python:X.Y` image carries compilers and hundreds of Debian packages (about 1 GB); `ubuntu` plus apt Python is large too. The app needs neither at run time.',
	fix: 'Run on `python:X.Y-slim` (build wheels in a builder stage when something must compile).',
	scope: 'dockerfile',
	example: {bad: 'FROM python:3.11\nCMD ["python", "-V"]\n', good: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n'},
	check(context) {
		const stage = finalStage(context);
		if (!stage) {
			return [];
		}

		const {name, tag} = imageName(stage.image.toLowerCase());
		const base = name.split('/').at(-1) ?? '';
		if (base === 'python' && (tag === null || /^(\d+(\.\d+)*|latest)(-(bookworm|bullseye|buster|trixie))?$/.test(tag))) {
			return [{line: stage.fromLine, message: `\`${stage.image}\` is the full Python image (about 1 GB with compilers); the app runs on the -slim variant`}];
		}

		if (base === 'ubuntu' || (base === 'debian' && !(tag ?? '').includes('slim'))) {
			const aptPython = runCommands(stage.instructions).some(({command}) => packageWords(aptInstallArgs(command)?.args ?? []).some(word => /^python3?(-pip|-dev)?$/.test(word)));
			if (aptPython) {
				return [{line: stage.fromLine, message: `\`${stage.image}\` plus Python from apt is a heavy base; python:X.Y-slim ships Python ready`}];
			}
		}

		return [];
	},
};
