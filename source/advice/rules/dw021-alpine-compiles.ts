import type {Rule} from '../rule.js';
import {compiledNeeds, imageName, muslCompiled, resolveBase} from '../rule-helpers.js';

export const dw021: Rule = {
	id: 'DW021',
	severity: 'warning',
	title: 'Alpine base with dependencies that compile from source on musl',
	why: 'Many wheels on PyPI are built for glibc; on Alpine (musl) pip compiles them: slow builds, compilers needed, and sometimes a bigger image than slim.',
	fix: 'Use `python:X.Y-slim`, or build the wheels in a builder stage and accept the build time.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-alpine\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
	},
	check(context) {
		const stages = context.parsed.stages;
		const last = stages.at(-1);
		if (!last || !(imageName(resolveBase(context, last.index)).tag ?? '').includes('alpine')) {
			return [];
		}

		// A builder stage with a toolchain has already taken the compile into account.
		const builderCompiles = stages.some(stage => stage !== last && stage.instructions.some(instruction => instruction.keyword === 'RUN' && /apk add[^&;]*\b(build-base|gcc)\b/.test(instruction.text)));
		const heavy = builderCompiles ? [] : muslCompiled(context.report.dependencies.packages.map(item => item.name), compiledNeeds(context.report.nativeNeeds));
		return heavy.length > 0 ? [{line: last.fromLine, message: `On Alpine (musl) these may compile from source: ${heavy.join(', ')}`}] : [];
	},
};
