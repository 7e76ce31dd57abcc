import type {Rule} from '../rule.js';
import {finalStage, runCommands, scratchMountTargets} from '../rule-helpers.js';
import {aptInstallArgs} from '../shell.js';

export const dl3009: Rule = {
	id: 'DL3009',
	severity: 'warning',
	title: 'Delete the apt-get lists after installing something',
	why: 'The package lists (tens of MB) stay in the layer forever unless removed in the same RUN.',
	fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*` (or keep the lists in a BuildKit cache mount: `RUN --mount=type=cache,target=/var/lib/apt,sharing=locked`).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n',
		good: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n',
	},
	moreExamples: {
		bad: ['# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends libpq5\n'],
		good: [
			'# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends libpq5\n',
			'# syntax=docker/dockerfile:1\nFROM python:3.11-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends libpq5\n',
		],
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage) {
			return [];
		}

		const lines = new Set<number>();
		for (const {instruction, command} of runCommands(stage.instructions)) {
			// Lists written to a cache or tmpfs mount on /var/lib/apt(/lists) never reach the layer: nothing to delete.
			const listsMounted = scratchMountTargets(instruction).some(target => target === '/var/lib/apt' || target === '/var/lib/apt/lists');
			if (aptInstallArgs(command) && !listsMounted && !/rm\s+(-\w+\s+)*\/var\/lib\/apt\/lists/.test(instruction.text)) {
				lines.add(instruction.line);
			}
		}

		return [...lines].map(line => ({line}));
	},
};
