// Collecting a measurement: the facts of each side's last cold image, a smoke run of it, and
// its final tag. A side that failed keeps what it measured before it failed.
import type {BuildResult, Builds, Side} from '../types.js';
import type {EngineHandle} from './adapter.js';
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

async function collectSide(context: MeasureContext, state: SideState, runs: number): Promise<BuildResult> {
	const {engine, plan, ledger, onEvent} = context;
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

	context.checkAbort();
	onEvent({type: 'phase', phase: 'smoke', side: state.side});
	result.smoke = await smokeTest(engine, {
		image: state.lastImageId,
		side: state.side,
		port: plan.port,
		env: plan.smokeEnv,
		network: plan.network,
		timeoutSeconds: plan.smokeTimeoutSeconds,
		labels: context.labels,
		onCreated: id => void ledger.note({containers: [id]}),
		onUnremoved: id => ledger.couldNotRemove({containers: [id]}),
	}, onEvent, context.signal);
	const placeholders = Object.keys(plan.smokeEnv ?? {});
	if (placeholders.length > 0) result.smoke.placeholderEnv = placeholders;
	context.checkAbort();
	if (!result.smoke.ok) {
		result.ok = false;
		result.error = result.smoke.error ?? 'The smoke test failed.';
	}

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
