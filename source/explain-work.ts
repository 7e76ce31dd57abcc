// --explain as a piece of the Work: plan the steps (advice), measure them (engine), count the
// context by .dockerignore line (analysis), and put it together with how each number was had.
import {performance} from 'node:perf_hooks';
import {explainSteps} from './advice/explain-steps.js';
import {contextRulesFor} from './analysis/context-by-rule.js';
import {maskStrings} from './analysis/mask-secrets.js';
import type {EngineHandle} from './engine/adapter.js';
import {measureExplain} from './engine/explain-measure.js';
import type {MeasurePlan} from './engine/measure-plan.js';
import type {Explanation, ExplainEvent} from './explain-types.js';
import type {EngineEvent, Proposal, ProjectReport} from './types.js';

export function explainMethod(editFile: string): Explanation['method'] {
	return {
		sizeBytes: 'image inspect Size of the step\'s cold-built image',
		contextBytes: 'bytes of the build-context tar sent to the engine',
		buildSeconds: 'cold build with no cache, base images already present (pulled first, untimed)',
		rebuildSeconds: `warm rebuild on the step's own cache after a one-line edit to ${editFile}, made in the context stream (never on disk)`,
		layers: 'every step\'s image exported through the engine in one docker save (a layer shared by several steps is written and read once, kept by its digest), each image composed from its layers; wasted = copies a later layer overwrites or deletes',
	};
}

export async function explainProposal(engine: EngineHandle, report: ProjectReport, proposal: Proposal, plan: MeasurePlan, onEvent: (event: ExplainEvent | EngineEvent) => void, signal: AbortSignal): Promise<Explanation> {
	const started = performance.now();
	const steps = explainSteps({before: plan.before, after: plan.after, python: proposal.choices.python});
	const measured = await measureExplain(engine, {
		root: plan.root,
		steps: steps.steps,
		editFile: plan.editFile,
		port: plan.port,
		smokeEnv: plan.smokeEnv,
		network: plan.network,
		pull: plan.pull,
		builder: plan.builder,
		journalFile: plan.journalFile,
	}, event => onEvent(maskStrings(event)), signal);
	const context = await contextRulesFor(report.root, proposal.dockerignore);
	// Step Dockerfiles quote the before's ENV lines: masked like every printed text.
	return maskStrings({
		steps: measured.steps,
		layers: {before: measured.steps[0]?.bytes ?? null, after: measured.steps.at(-1)?.bytes ?? null},
		context,
		notes: [...steps.notes, ...measured.notes],
		method: explainMethod(plan.editFile),
		seconds: Math.round((performance.now() - started) / 100) / 10,
	});
}
