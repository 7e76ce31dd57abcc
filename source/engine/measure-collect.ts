// Collecting a measurement: the facts of each side's last cold image, a smoke run of it, and
// its final tag. A side that failed keeps what it measured before it failed.
import type {BuildResult, Builds, DependencyChangeResult, Side, SideError, SmokeResult, Spread} from '../types.js';
import type {EngineHandle} from './adapter.js';
import {hasPackage} from './dependency-check.js';
import {imageFacts} from './image-facts.js';
import {notRunPhases, type SideState} from './measure-plan.js';
import type {MeasureContext} from './measure-run.js';
import {smokeTest} from './smoke.js';
import {spreadOf} from './spread.js';

/** A side that never got to build: nothing measured, and why (a failure before any phase ran is the build's). */
export function emptyResult(side: Side, state: SideState | null, error: SideError | string | null): BuildResult {
	return {
		ok: false,
		image: `dockwiz-${side}`,
		sizeBytes: null,
		layers: null,
		buildSeconds: null,
		rebuildSeconds: null,
		contextBytes: state?.contextBytes ?? null,
		user: null,
		smoke: null,
		phases: state ? {...state.phases} : notRunPhases(),
		error: typeof error === 'string' ? {phase: 'build', step: null, instruction: null, exitCode: null, message: error, logTail: []} : error,
		...(state ? {logs: {build: [...state.buildLog.lines], container: [], cutLines: state.buildLog.cutLines}} : {}),
	};
}

/** A container that failed, in the same words as a failed build step: its exit code and last log lines. */
function smokeError(smoke: SmokeResult): SideError {
	const exited = /exited with code (\d+)/.exec(smoke.error ?? '');
	return {
		phase: 'smoke',
		step: null,
		instruction: null,
		exitCode: exited ? Number(exited[1]) : null,
		message: smoke.error ?? 'The smoke test failed.',
		logTail: smoke.logTail ?? [],
	};
}

/**
 * The measured image's final tag. Kept images take `latest`, the name a user asked to keep;
 * otherwise the tag carries the run's nonce, so two runs on one engine (two projects, or CI
 * jobs side by side) never untag or remove each other's images.
 */
export function finalTagOf(side: Side, keep: boolean, nonce: string): {repo: string; tag: string} {
	return {repo: `dockwiz-${side}`, tag: keep ? 'latest' : `run-${nonce}`};
}

/** Tags the measured image; an image an earlier kept measurement left under `latest` is removed once untagged. */
async function tagFinal(engine: EngineHandle, imageId: string, repo: string, tag: string): Promise<void> {
	const previous = tag === 'latest' ? await engine.adapter.inspectImage(`${repo}:latest`).then(i => i.id, () => null) : null;
	await engine.adapter.tagImage(imageId, repo, tag);
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
	const result = emptyResult(state.side, state, state.failure);
	if (state.side === 'before') result.baseline = plan.before.baseline;
	// A side whose cold build passed keeps what it measured, even when its rebuild then failed.
	if (!state.lastImageId) return result;

	const facts = await imageFacts(engine, state.lastImageId);
	const cold = spreadOf(state.coldSeconds);
	const warm = spreadOf(state.warmSeconds);
	Object.assign(result, {
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

	const smokes = await smokeRuns(context, state, runs);
	const {log, ...smoke} = smokes.result;
	result.smoke = smoke;
	if (result.logs && log) result.logs.container = log;
	if (runs > 1 && result.spread && smokes.firstAnswers) result.spread.firstAnswerSeconds = smokes.firstAnswers;
	const placeholders = Object.keys(plan.smokeEnv ?? {});
	if (placeholders.length > 0) result.smoke.placeholderEnv = placeholders;
	context.checkAbort();
	const phases = {...state.phases, smoke: smoke.ok ? 'passed' : 'failed'} as const;
	result.phases = phases;
	// The first failure is the one to fix: a failed rebuild stays the error when the container failed too.
	if (!smoke.ok) result.error ??= smokeError(smoke);
	result.ok = Object.values(phases).every(status => status === 'passed');

	const {repo, tag} = finalTagOf(state.side, plan.keepImages, context.nonce);
	await tagFinal(engine, state.lastImageId, repo, tag);
	ledger.kept.add(state.lastImageId);
	ledger.finalTags.push(`${repo}:${tag}`);
	return result;
}

/** Each side's result, in the order the sides were planned. */
export async function collectResults(context: MeasureContext, states: SideState[], runs: number): Promise<Builds> {
	const results: Builds = {before: emptyResult('before', null, null), after: emptyResult('after', null, null)};
	for (const state of states) results[state.side] = await collectSide(context, state, runs);
	return results;
}
