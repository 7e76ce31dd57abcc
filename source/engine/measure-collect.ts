// Collecting a measurement: the facts of each side's last cold image, a smoke run of it, and
// its final tag. A side that failed keeps what it measured before it failed.
import type {BuildResult, Builds, DependencyChangeResult, Side, SmokeResult, Spread} from '../types.js';
import type {EngineHandle} from './adapter.js';
import {hasPackage} from './dependency-check.js';
import {imageFacts} from './image-facts.js';
import type {SideState} from './measure-plan.js';
import type {MeasureContext} from './measure-run.js';
import {smokeTest} from './smoke.js';
import {spreadOf} from './spread.js';

export function emptyResult(side: Side, state: SideState | null, error: string | null): BuildResult {
	return {
		ok: false,
		image: `dockwiz-${side}`,
		sizeBytes: null,
		layers: null,
		buildSeconds: null,
		rebuildSeconds: null,
		contextBytes: state?.contextBytes ?? 0,
		user: null,
		smoke: null,
		error,
	};
}

/** Tags the measured image; an image an earlier kept measurement left under that name is removed once untagged. */
async function tagFinal(engine: EngineHandle, imageId: string, repo: string): Promise<void> {
	const previous = await engine.adapter.inspectImage(`${repo}:latest`).then(i => i.id, () => null);
	await engine.adapter.tagImage(imageId, repo, 'latest');
	if (previous && previous !== imageId) {
		// Fails (and is left alone) when someone tagged it otherwise too.
		await engine.adapter.removeImage(previous).catch(() => undefined);
	}
}

/** The dependency-change rebuild's outcome: measured only when the rebuilt image has the added package. */
async function dependencyResult(context: MeasureContext, state: SideState): Promise<{change: DependencyChangeResult; seconds: number | null} | null> {
	const change = context.plan.dependencyChange;
	if (!change) return null;
	const named = change.ok ? {packageName: change.packageName, file: change.file} : {packageName: null, file: null};
	const notMeasured = (reason: string) => ({change: {measured: false, ...named, reason}, seconds: null});
	if (state.dependencyNote !== null) return notMeasured(state.dependencyNote);
	if (!change.ok || !state.dependencyImageId || state.dependencySeconds.length === 0) return notMeasured('the rebuild did not run.');
	context.checkAbort();
	const installed = await hasPackage(context.engine, {
		image: state.dependencyImageId,
		packageName: change.packageName,
		network: context.plan.network,
		labels: context.labels,
		onCreated: id => void context.ledger.note({containers: [id]}),
		onUnremoved: id => context.ledger.couldNotRemove({containers: [id]}),
	});
	if (installed === false) return notMeasured(`the image rebuilt after adding ${change.packageName} to ${change.file} does not have it: this Dockerfile does not install from ${change.file}.`);
	if (installed === null) return notMeasured(`could not check that the rebuilt image has ${change.packageName} (no python on its PATH).`);
	return {change: {measured: true, ...named}, seconds: spreadOf(state.dependencySeconds)?.median ?? null};
}

/** One smoke test per run (a new container each time): the first that fails, else the first, with the median first answer. */
async function smokeRuns(context: MeasureContext, state: SideState, runs: number): Promise<{result: SmokeResult; firstAnswers: Spread | null}> {
	const {plan, ledger, onEvent} = context;
	const results: SmokeResult[] = [];
	for (let run = 1; run <= runs; run++) {
		context.checkAbort();
		onEvent({type: 'phase', phase: 'smoke', side: state.side, run, runs});
		const smoke = await smokeTest(context.engine, {
			image: state.lastImageId!,
			side: state.side,
			port: plan.port,
			env: plan.smokeEnv,
			network: plan.network,
			timeoutSeconds: plan.smokeTimeoutSeconds,
			labels: context.labels,
			onCreated: id => void ledger.note({containers: [id]}),
			onUnremoved: id => ledger.couldNotRemove({containers: [id]}),
		}, onEvent, context.signal);
		results.push(smoke);
		if (!smoke.ok) return {result: smoke, firstAnswers: null};
	}

	const answers = spreadOf(results.map(r => r.firstAnswerSeconds).filter((s): s is number => typeof s === 'number'));
	return {result: {...results[0], firstAnswerSeconds: answers?.median ?? null}, firstAnswers: answers};
}

async function collectSide(context: MeasureContext, state: SideState, runs: number): Promise<BuildResult> {
	const {engine, plan, ledger} = context;
	const result = emptyResult(state.side, state, state.error);
	if (state.side === 'before') result.baseline = plan.before.baseline;
	if (state.error !== null || !state.lastImageId) return result;

	const facts = await imageFacts(engine, state.lastImageId);
	const cold = spreadOf(state.coldSeconds);
	const warm = spreadOf(state.warmSeconds);
	Object.assign(result, {
		ok: true,
		sizeBytes: facts.sizeBytes,
		layers: facts.layers,
		user: facts.user,
		history: facts.history,
		buildSeconds: cold?.median ?? null,
		rebuildSeconds: warm?.median ?? null,
	});
	if (runs > 1 && cold && warm) result.spread = {buildSeconds: cold, rebuildSeconds: warm};

	const dependency = await dependencyResult(context, state);
	if (dependency) {
		result.dependencyChange = dependency.change;
		result.dependencyRebuildSeconds = dependency.seconds;
		const spread = spreadOf(state.dependencySeconds);
		if (runs > 1 && result.spread && spread && dependency.seconds !== null) result.spread.dependencyRebuildSeconds = spread;
	}

	const smoke = await smokeRuns(context, state, runs);
	result.smoke = smoke.result;
	if (runs > 1 && result.spread && smoke.firstAnswers) result.spread.firstAnswerSeconds = smoke.firstAnswers;
	const placeholders = Object.keys(plan.smokeEnv ?? {});
	if (placeholders.length > 0) result.smoke.placeholderEnv = placeholders;
	context.checkAbort();
	if (!result.smoke.ok) {
		result.ok = false;
		result.error = result.smoke.error ?? 'The smoke test failed.';
	}

	await tagFinal(engine, state.lastImageId, `dockwiz-${state.side}`);
	ledger.kept.add(state.lastImageId);
	ledger.finalTags.push(`dockwiz-${state.side}:latest`);
	return result;
}

/** Each side's result, in the order the sides were planned. */
export async function collectResults(context: MeasureContext, states: SideState[], runs: number): Promise<Builds> {
	const results: Builds = {before: emptyResult('before', null, null), after: emptyResult('after', null, null)};
	for (const state of states) results[state.side] = await collectSide(context, state, runs);
	return results;
}
