// Running a measurement: base images first (their pull time never counts), then per run the
// cold builds (no cache) and the warm rebuilds after a one-file edit made in the stream.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {ContextFile, EngineEvent, PullRecord, Side} from '../types.js';
import type {EngineHandle, Labels} from './adapter.js';
import {baseImages, defaultPullSettings, ensureBaseImages, stagesShareAPrefix, type BaseImagesOutcome, type PullOutcome} from './base-images.js';
import {buildImage, type Builder, type BuildOutcome} from './build.js';
import {packContext, type ContextOverrides} from './context-pack.js';
import {addDependency} from '../advice/dependency-change.js';
import {pushLine} from '../report/bounded-log.js';
import {dependencyMarker, editedContent, failSide, nextPhase, type MeasurePlan, type SideState} from './measure-plan.js';
import type {RunLedger} from './run-ledger.js';

export const defaultBuildTimeoutSeconds = 900;

/** What every phase of one measurement shares. */
export type MeasureContext = {
	engine: EngineHandle;
	plan: MeasurePlan;
	onEvent: (event: EngineEvent) => void;
	signal: AbortSignal;
	ledger: RunLedger;
	/** Put on every image and container made. */
	labels: Labels;
	/** Unique to this measurement: in temporary tags and the warm edit. */
	nonce: string;
	/** The builder in use; after a fallback, classic for every later build. */
	builder: Builder;
	/** The BuildKit-only feature a Dockerfile uses, if any (then no fallback). */
	need: string | null;
	/** Throws MeasureAborted once the signal is aborted. */
	checkAbort: () => void;
};

/** Every base image these Dockerfiles start from, had as the plan's --pull says (the measurement and --explain alike). */
export async function ensurePlanBases(context: MeasureContext, dockerfiles: readonly string[]): Promise<BaseImagesOutcome> {
	const images = [...new Set(dockerfiles.flatMap(dockerfile => baseImages(dockerfile)))];
	return ensureBaseImages(context.engine, images, context.onEvent, context.signal, context.plan.pull ?? defaultPullSettings());
}

/** Makes sure every base image is present; a side whose base cannot be had fails with the reason. Returns each image's pull. */
export async function pullBases(context: MeasureContext, states: SideState[]): Promise<PullRecord[]> {
	context.checkAbort();
	context.onEvent({type: 'phase', phase: 'pull'});
	const {outcomes: pulls, records} = await ensurePlanBases(context, states.map(s => s.dockerfile));
	context.checkAbort();
	for (const state of states) {
		const failed = baseImages(state.dockerfile).map(image => pulls.get(image)).find((o): o is Extract<PullOutcome, {ok: false}> => o !== undefined && !o.ok);
		if (failed) failSide(state, 'pull', failed.message);
		else state.phases.pull = 'passed';
	}

	return records;
}

/** cold: no cache; warm: one source file edited; dependency: one package added to the dependency file. */
type BuildKind = 'cold' | 'warm' | 'dependency';

async function overridesFor(context: MeasureContext, state: SideState, run: number, kind: BuildKind, settle: boolean): Promise<ContextOverrides | string> {
	const {plan} = context;
	const overrides: ContextOverrides = new Map<string, string | Buffer>([['Dockerfile', state.dockerfile]]);
	if (state.dockerignore !== null) overrides.set('.dockerignore', state.dockerignore);
	if (kind === 'warm' && state.editable && !settle) {
		const original = await readFile(path.join(plan.root, ...plan.editFile.split('/')));
		overrides.set(plan.editFile, editedContent(original, plan.editFile, `${context.nonce}-${run}`));
	}

	const change = plan.dependencyChange;
	if (kind === 'dependency' && change?.ok) {
		const original = await readFile(path.join(plan.root, ...change.file.split('/')), 'utf8');
		const added = addDependency(change.kind, original, change.packageName);
		if (added === null) return `${change.file} has no place to add ${change.packageName} (its dependencies are declared dynamic, or the table is missing).`;
		overrides.set(change.file, added + dependencyMarker(`${context.nonce}-${run}`));
	}

	return overrides;
}

/** A build in the run's ledger: its tag written down first (a killed run's image is found by it), what it made noted after, and its builder kept for every later build. */
export async function ledgeredBuild(
	context: MeasureContext,
	// The caller's plan: --explain's is not the measurement's (context.plan).
	plan: Pick<MeasurePlan, 'root' | 'network' | 'buildTimeoutSeconds'>,
	build: {side: Side; phase: 'build' | 'rebuild'; tag: string; files: ContextFile[]; overrides: ContextOverrides},
	onEvent: (event: EngineEvent) => void,
): Promise<BuildOutcome> {
	const {ledger} = context;
	await ledger.note({images: [build.tag]});
	const outcome = await buildImage(context.engine, {
		side: build.side,
		phase: build.phase,
		context: () => packContext(plan.root, build.files, build.overrides),
		tag: build.tag,
		nocache: build.phase === 'build',
		network: plan.network,
		builder: context.builder,
		needsBuildkit: context.need !== null,
		timeoutSeconds: plan.buildTimeoutSeconds ?? defaultBuildTimeoutSeconds,
		labels: context.labels,
		onCreated: created => void ledger.note(created),
	}, onEvent, context.signal);
	if (outcome.ok) await ledger.builtImage(build.tag, outcome.imageId, outcome.createdImages);
	if (outcome.unremoved) ledger.couldNotRemove(outcome.unremoved);
	// Same builder for every later build, so the builds stay comparable.
	context.builder = outcome.builder;
	return outcome;
}

async function buildOnce(context: MeasureContext, states: SideState[], state: SideState, run: number, kind: BuildKind, settle: boolean, overrides: ContextOverrides): Promise<BuildOutcome> {
	const {ledger} = context;
	const phase = kind === 'cold' ? 'build' : 'rebuild';
	const tag = `dockwiz-${state.side}:tmp-${context.nonce}-${run}-${settle ? 'settle-warm' : kind}`;
	// The side's whole build output, kept (bounded) for the log viewer and --logs.
	pushLine(state.buildLog, `── ${settle ? 'cache priming build (not measured)' : {cold: 'cold build', warm: 'warm rebuild', dependency: 'rebuild after a dependency change'}[kind]}, run ${run}`);
	const record = (event: EngineEvent) => {
		if (event.type === 'step' && event.side === state.side) pushLine(state.buildLog, `Step ${event.index}/${event.total} : ${event.instruction}`);
		else if (event.type === 'log' && event.side === state.side) pushLine(state.buildLog, event.line);
		context.onEvent(event);
	};

	const outcome = await ledgeredBuild(context, context.plan, {side: state.side, phase, tag, files: state.files, overrides}, record);
	if (outcome.engineGone) {
		ledger.engineGone = true;
		// Nothing more can run: every side still pending fails with the same message.
		for (const other of states) {
			if (other.error === null) failSide(other, other === state ? phase : nextPhase(other), outcome.error ?? 'The engine stopped answering.');
		}
	}

	if (!settle) context.onEvent({type: 'built', side: state.side, phase, ok: outcome.ok, seconds: outcome.seconds, error: outcome.error ?? undefined});
	return outcome;
}

/** The dependency-change rebuild of one side; its failure is noted, and the side goes on (its other numbers stand). */
async function dependencyRebuild(context: MeasureContext, states: SideState[], state: SideState, run: number): Promise<void> {
	const change = context.plan.dependencyChange;
	if (!change?.ok || state.dependencyNote !== null) return;
	const overrides = await overridesFor(context, state, run, 'dependency', false);
	if (typeof overrides === 'string') {
		state.dependencyNote = overrides;
		return;
	}

	context.onEvent({type: 'phase', phase: 'rebuild', side: state.side, run, runs: context.plan.runs});
	context.onEvent({type: 'log', side: state.side, line: `Dependency change: ${change.packageName} added to ${change.file} (in the build context only), rebuilt with the cache.`});
	const outcome = await buildOnce(context, states, state, run, 'dependency', false, overrides);
	context.checkAbort();
	if (outcome.ok) {
		state.dependencySeconds.push(outcome.seconds);
		state.dependencyImageId = outcome.imageId;
	} else if (!outcome.engineGone) {
		state.dependencyNote = `the rebuild after adding ${change.packageName} to ${change.file} failed: ${outcome.error ?? 'no message'}`;
	}
}

/** Cold builds, warm rebuilds, then dependency-change rebuilds, `runs` times, before and after in turn; a side that fails stops there. */
export async function runBuilds(context: MeasureContext, states: SideState[], runs: number): Promise<void> {
	for (let run = 1; run <= runs; run++) {
		for (const kind of ['cold', 'warm', 'dependency'] as const) {
			const warm = kind !== 'cold';
			for (const state of states) {
				if (state.error !== null) continue;
				context.checkAbort();
				if (kind === 'dependency') {
					await dependencyRebuild(context, states, state, run);
					continue;
				}

				context.onEvent({type: 'phase', phase: warm ? 'rebuild' : 'build', side: state.side, run, runs});
				if (warm && context.builder === 'classic' && stagesShareAPrefix(state.dockerfile)) {
					context.onEvent({type: 'log', side: state.side, line: 'Priming the cache with one unmeasured build: its stages share their first steps, which a no-cache build duplicates.'});
					const settled = await buildOnce(context, states, state, run, kind, true, await overridesFor(context, state, run, kind, true) as ContextOverrides);
					context.checkAbort();
					if (!settled.ok) {
						failSide(state, 'rebuild', settled.error ?? 'The build failed.', settled.failure);
						continue;
					}
				}

				const outcome = await buildOnce(context, states, state, run, kind, false, await overridesFor(context, state, run, kind, false) as ContextOverrides);
				context.checkAbort();
				// The context was sent, whether or not the build then passed: its bytes are measured.
				if (!warm && !outcome.engineGone) {
					state.contextBytes = outcome.contextBytes;
					state.phases.context = 'passed';
				}

				if (!outcome.ok) {
					failSide(state, warm ? 'rebuild' : 'build', outcome.error ?? 'The build failed.', outcome.failure);
					continue;
				}

				if (warm) {
					state.warmSeconds.push(outcome.seconds);
					if (state.phases.rebuild !== 'failed') state.phases.rebuild = 'passed';
				} else {
					state.coldSeconds.push(outcome.seconds);
					state.lastImageId = outcome.imageId;
					if (state.phases.build !== 'failed') state.phases.build = 'passed';
				}
			}
		}
	}
}
