// Measuring the waterfall: every step's Dockerfile built on one engine with one builder and
// one network mode, as the before/after measurement does (base images first and untimed; a
// cold build with no cache; a warm rebuild after a one-line edit in the context stream, on the
// step's own cache; a smoke run), then every step's image exported together and read for where
// its bytes are (step-bytes.ts). Everything it made is removed at the end.
import {randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {walkContext} from '../analysis/context-walk.js';
import type {ExplainStepPlan} from '../advice/explain-steps.js';
import {finalBaseImage} from '../advice/explain-steps.js';
import type {EngineEvent} from '../types.js';
import type {ExplainEvent, ExplainStep} from '../explain-types.js';
import type {EngineHandle} from './adapter.js';
import {baseImages, stagesShareAPrefix, type PullSettings} from './base-images.js';
import type {Builder, BuildOutcome} from './build.js';
import {buildkitNeed} from './buildkit-need.js';
import type {ContextOverrides} from './context-pack.js';
import {defaultJournalFile} from './leftover-journal.js';
import {cleanUp} from './measure-cleanup.js';
import {editedContent} from './measure-plan.js';
import {ensurePlanBases, ledgeredBuild, type MeasureContext} from './measure-run.js';
import {RunLedger} from './run-ledger.js';
import {newRunIdentity, runLabels} from './run-identity.js';
import {smokeTest} from './smoke.js';
import {stepsBytes} from './step-bytes.js';
import {MeasureAborted} from './measure.js';

export type ExplainMeasurePlan = {
	/** The project folder: read, never written. */
	root: string;
	steps: ExplainStepPlan[];
	/** The application file the warm rebuild edits (in the stream). */
	editFile: string;
	port: number;
	smokeEnv?: Record<string, string>;
	network?: string;
	/** When to pull base images: the before/after measurement's own settings (--pull). */
	pull?: PullSettings;
	/** The builder the before/after measurement used; by default classic, or BuildKit when a step needs it. */
	builder?: Builder;
	journalFile?: string;
	buildTimeoutSeconds?: number;
	smokeTimeoutSeconds?: number;
	/** How many packages and wasting paths each breakdown lists. */
	top?: number;
};

export type ExplainMeasurement = {
	steps: ExplainStep[];
	notes: string[];
};

type Emit = (event: ExplainEvent | EngineEvent) => void;

/** Builds, measures and smoke-tests each step in turn; then reads where each step's bytes are. */
export async function measureExplain(engine: EngineHandle, plan: ExplainMeasurePlan, onEvent: Emit, signal: AbortSignal): Promise<ExplainMeasurement> {
	const identity = newRunIdentity();
	const ledger = new RunLedger(engine, plan.journalFile ?? defaultJournalFile(), identity);
	const need = plan.steps.map(step => buildkitNeed(step.dockerfile)).find(Boolean) ?? null;
	const context: MeasureContext = {
		engine,
		// Only what the clean-up and the base images' pull read: nothing of the explanation is kept.
		plan: {root: plan.root, before: {dockerfile: '', dockerignore: null, baseline: false}, after: {dockerfile: '', dockerignore: ''}, editFile: plan.editFile, port: plan.port, runs: 1, keepImages: false, pull: plan.pull},
		onEvent,
		signal,
		ledger,
		labels: runLabels(identity),
		nonce: `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`,
		builder: plan.builder ?? (need ? 'buildkit' : 'classic'),
		need,
		checkAbort() {
			if (signal.aborted) throw new MeasureAborted();
		},
	};
	const total = plan.steps.length;
	const steps: ExplainStep[] = plan.steps.map(step => ({change: step.change, dockerfile: step.dockerfile, dockerignore: step.dockerignore, sizeBytes: null, contextBytes: null, buildSeconds: null, rebuildSeconds: null, answered: null, error: null, bytes: null}));
	const imageIds: Array<string | null> = steps.map(() => null);
	const notes: string[] = [];

	await ledger.open();
	try {
		onEvent({type: 'explain-pull'});
		const pulls = await ensurePlanBases(context, plan.steps.map(step => step.dockerfile));
		for (const [index, step] of plan.steps.entries()) {
			context.checkAbort();
			const failedPull = baseImages(step.dockerfile).map(image => pulls.outcomes.get(image)).find(outcome => outcome && !outcome.ok);
			if (failedPull && !failedPull.ok) {
				steps[index].error = failedPull.message;
				continue;
			}

			imageIds[index] = await measureStep(context, plan, step, index, total, steps[index], onEvent);
			onEvent({type: 'explain-done', index, step: steps[index]});
		}

		context.checkAbort();
		onEvent({type: 'explain-layers', images: imageIds.filter(Boolean).length});
		try {
			const images = imageIds.map((imageId, index) => (imageId ? {imageId, baseImage: finalBaseImage(plan.steps[index].dockerfile)} : null));
			const bytes = await stepsBytes(engine, images, plan.top ?? 10);
			for (const [index, step] of steps.entries()) step.bytes = bytes[index];
		} catch (error) {
			notes.push(`The steps' image layers could not be read: ${error instanceof Error ? error.message : String(error)}`);
		}

		return {steps, notes};
	} finally {
		await cleanUp(context);
	}
}

async function buildStep(context: MeasureContext, plan: ExplainMeasurePlan, step: ExplainStepPlan, files: Awaited<ReturnType<typeof walkContext>>['included'], tag: string, warm: 'cold' | 'warm' | 'settle', edit: Buffer | null, onEvent: Emit): Promise<BuildOutcome> {
	const overrides: ContextOverrides = new Map<string, string | Buffer>([['Dockerfile', step.dockerfile]]);
	if (step.dockerignore !== null) overrides.set('.dockerignore', step.dockerignore);
	if (warm === 'warm' && edit) overrides.set(plan.editFile, edit);
	return ledgeredBuild(context, plan, {side: 'after', phase: warm === 'cold' ? 'build' : 'rebuild', tag, files, overrides}, onEvent);
}

/** One step: cold build, warm rebuild, image size, smoke run. Returns the cold image's id, or null when it failed. */
async function measureStep(context: MeasureContext, plan: ExplainMeasurePlan, step: ExplainStepPlan, index: number, total: number, result: ExplainStep, onEvent: Emit): Promise<string | null> {
	const walk = await walkContext(plan.root, step.dockerignore);
	const editable = walk.included.some(file => file.path === plan.editFile && file.kind === 'file');
	const tag = (kind: string) => `dockwiz-explain:tmp-${context.nonce}-${index}-${kind}`;
	const announce = (phase: 'build' | 'rebuild' | 'smoke') => onEvent({type: 'explain-step', index, total, change: step.change, phase});

	announce('build');
	const cold = await buildStep(context, plan, step, walk.included, tag('cold'), 'cold', null, onEvent);
	context.checkAbort();
	if (!cold.ok || !cold.imageId) {
		result.error = cold.error ?? 'The build failed.';
		return null;
	}

	result.buildSeconds = cold.seconds;
	result.contextBytes = cold.contextBytes;
	result.sizeBytes = (await context.engine.adapter.inspectImage(cold.imageId)).sizeBytes;

	announce('rebuild');
	const edit = editable ? editedContent(await readFile(path.join(plan.root, ...plan.editFile.split('/'))), plan.editFile, `${context.nonce}-${index}`) : null;
	// As the before/after measurement does: the classic builder's no-cache build leaves stages that share first steps uncached; one unmeasured build primes them.
	if (context.builder === 'classic' && stagesShareAPrefix(step.dockerfile)) {
		const settled = await buildStep(context, plan, step, walk.included, tag('settle-warm'), 'settle', null, onEvent);
		context.checkAbort();
		if (!settled.ok) {
			result.error = settled.error ?? 'The build failed.';
			return cold.imageId;
		}
	}

	const warm = await buildStep(context, plan, step, walk.included, tag('warm'), 'warm', edit, onEvent);
	context.checkAbort();
	if (!warm.ok) {
		result.error = warm.error ?? 'The rebuild failed.';
		return cold.imageId;
	}

	result.rebuildSeconds = warm.seconds;
	announce('smoke');
	const smoke = await smokeTest(context.engine, {
		image: cold.imageId,
		side: 'after',
		port: plan.port,
		env: plan.smokeEnv,
		network: plan.network,
		timeoutSeconds: plan.smokeTimeoutSeconds,
		labels: context.labels,
		onCreated: id => void context.ledger.note({containers: [id]}),
		onUnremoved: id => context.ledger.couldNotRemove({containers: [id]}),
	}, onEvent, context.signal);
	context.checkAbort();
	result.answered = smoke.ok;
	if (!smoke.ok) result.error = smoke.error ?? 'The app did not answer.';
	return cold.imageId;
}
