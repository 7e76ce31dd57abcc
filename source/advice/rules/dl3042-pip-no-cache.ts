import type {Rule} from '../rule.js';
import {envNames, runCommands, scratchMountTargets} from '../rule-helpers.js';
import {pipInstallArgs} from '../shell.js';

export const dl3042: Rule = {
	id: 'DL3042',
	severity: 'warning',
	title: 'Avoid the pip cache in images: use `pip install --no-cache-dir`',
	why: "pip keeps every downloaded wheel in ~/.cache/pip; in an image that is dead weight, often as big as the packages themselves.",
	fix: 'Add `--no-cache-dir` (or use a BuildKit cache mount: `RUN --mount=type=cache,target=/root/.cache/pip`).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
	},
	moreExamples: {
		bad: [
			'FROM python:3.11-slim\nRUN python -m pip install flask gunicorn\n',
			'# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install flask gunicorn\n',
		],
		good: [
			'FROM python:3.11-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask gunicorn\n',
			'# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask gunicorn\n',
			'# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/root/.cache,sharing=locked pip install flask\n',
		],
	},
	check(context) {
		const hits: Array<{line: number}> = [];
		for (const stage of context.parsed.stages) {
			const env = envNames(context, stage);
			if (env.has('PIP_NO_CACHE_DIR')) {
				continue;
			}

			for (const {instruction, command} of runCommands(stage.instructions)) {
				const args = pipInstallArgs(command);
				// A cache (or tmpfs) mount on pip's cache folder keeps the wheels out of the layer, and is faster than no cache.
				const cacheMount = scratchMountTargets(instruction).some(target => /(^|\/)\.cache(\/pip)?$|\/pip(-cache)?$/.test(target));
				if (args && !args.includes('--no-cache-dir') && !cacheMount && !/rm\s+-\w*\s+\S*\.cache\/pip/.test(instruction.text)) {
					hits.push({line: instruction.line});
				}
			}
		}

		return hits;
	},
};
