import type {ParsedStage} from '../parse-dockerfile.js';
import {knownBase} from '../image-files.js';
import type {LintContext, Rule, RuleHit} from '../rule.js';
import {finalStage, isStageReference, wordsOf} from '../rule-helpers.js';

/** The stage and the earlier stages it builds on, nearest first. */
function lineage(context: LintContext, stage: ParsedStage): ParsedStage[] {
	const parent = context.parsed.stages.find(other => other.name === stage.image.toLowerCase() && other.index < stage.index);
	return parent ? [stage, ...lineage(context, parent)] : [stage];
}

/** ENTRYPOINT set and no CMD: Docker drops the base image's CMD, so a script ending in `exec "$@"` runs nothing. */
function entrypointWithoutCommand(context: LintContext, stages: ParsedStage[]): RuleHit[] {
	const instructions = stages.flatMap(stage => stage.instructions);
	const entrypoint = instructions.filter(instruction => instruction.keyword === 'ENTRYPOINT').at(-1);
	if (!entrypoint || instructions.some(instruction => instruction.keyword === 'CMD')) {
		return [];
	}

	const scripts = context.report.startScripts ?? [];
	const named = wordsOf(entrypoint).map(word => word.replace(/^\.?\//, ''));
	const script = scripts.find(candidate => candidate.execsArguments && named.some(word => word === candidate.path || word.endsWith('/' + candidate.path) || candidate.path.endsWith('/' + word)));
	return script
		? [{line: entrypoint.line, message: `ENTRYPOINT runs ${script.path}, which ends with \`exec "$@"\`, but there is no CMD: with an ENTRYPOINT set Docker drops the base image's CMD, so the script execs nothing and the container exits`, fix: 'Add the server as the CMD the script execs, e.g. `CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]`.'}]
		: [];
}

export const dw018: Rule = {
	id: 'DW018',
	severity: 'warning',
	title: 'The final stage has no CMD or ENTRYPOINT',
	why: "The container then runs the base image's default (for python images, an interactive interpreter that exits at once).",
	fix: 'End with an exec-form CMD that starts the app, e.g. `CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage) {
			return [];
		}

		const stages = lineage(context, stage);
		if (stages.some(each => each.instructions.some(instruction => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT'))) {
			return entrypointWithoutCommand(context, stages);
		}

		// An image we cannot read (an app server image, a company base) may well bring its own CMD.
		const root = stages.at(-1) ?? stage;
		if (!isStageReference(context, root) && !knownBase(root.image)) {
			return [];
		}

		return [{line: stage.fromLine}];
	},
};
