import {randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {walkContext} from '../analysis/context-walk.js';
import type {BuildResult, ContextFile, EngineEvent, Measurement, Side} from '../types.js';
import {baseImages, ensureBaseImages, stagesShareAPrefix, type PullOutcome} from './base-images.js';
import {buildImage, type Builder, type BuildOutcome} from './build.js';
import {buildkitNeed} from './buildkit-need.js';
import type {Engine} from './connect.js';
import {packContext, type ContextOverrides} from './context-pack.js';
import {imageFacts} from './image-facts.js';
import {defaultJournalFile, engineAnswers, recordLeftovers, removeRecordedLeftovers, type Leftovers} from './leftover-journal.js';
import {smokeTest} from './smoke.js';
import {ratioOf, spreadOf} from './spread.js';

export type MeasurePlan = {
	/** The project folder: read, never written. */
	root: string;
	before: {dockerfile: string; dockerignore: string | null; baseline: boolean};
	after: {dockerfile: string; dockerignore: string};
	/** Relative POSIX path of an application source file, changed in the stream for the warm rebuild. */
	editFile: string;
	port: number;
	runs: number;
	/** Build and run network mode, e.g. `host`. */
	network?: string;
	keepImages: boolean;
	smokeTimeoutSeconds?: number;
	buildTimeoutSeconds?: number;
	/** Force a builder; by default classic, or BuildKit when a Dockerfile needs it. */
	builder?: Builder;
	/** Where leftovers of a run the engine walked away from are written down (default: the user's cache folder). */
	journalFile?: string;
};

type SideState = {
	side: Side;
	dockerfile: string;
	dockerignore: string | null;
	files: ContextFile[];
	editable: boolean;
	pullError: string | null;
	coldSeconds: number[];
	warmSeconds: number[];
	lastImageId: string | null;
	contextBytes: number;
	error: string | null;
};

const defaultBuildTimeoutSeconds = 900;

export class MeasureAborted extends Error {
	constructor() {
		super('The measurement was interrupted; the images and containers it made were removed.');
		this.name = 'AbortError';
	}
}

/** The warm-rebuild edit: a trailing comment, unique per run so no earlier rebuild is a cache hit. */
function editedContent(original: Buffer, file: string, nonce: string): Buffer {
	const marker = /\.(?:py|sh|rb|toml|ya?ml|txt|cfg|ini)$/i.test(file) ? `\n# dockwiz warm rebuild ${nonce}\n` : `\n<!-- dockwiz warm rebuild ${nonce} -->\n`;
	return Buffer.concat([original, Buffer.from(marker)]);
}

function emptyResult(side: Side, state: SideState | null, error: string | null): BuildResult {
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
async function tagFinal(engine: Engine, imageId: string, repo: string): Promise<void> {
	const previous = await engine.docker.getImage(`${repo}:latest`).inspect().then(i => i.Id, () => null);
	await engine.docker.getImage(imageId).tag({repo, tag: 'latest'});
	if (previous && previous !== imageId) {
		// Fails (and is left alone) when someone tagged it otherwise too.
		await engine.docker.getImage(previous).remove().catch(() => undefined);
	}
}

/**
 * Measures before and after on one engine with one builder and one network mode:
 * base images pulled first, then per run the cold builds (no cache) and the warm rebuilds
 * after a one-file edit made in the stream, then image facts and a smoke run of each.
 * Measurement images are removed at the end unless keepImages; on abort, everything
 * this measurement made is removed and a MeasureAborted is thrown.
 */
export async function measure(engine: Engine, plan: MeasurePlan, onEvent: (e: EngineEvent) => void, signal: AbortSignal): Promise<Measurement> {
	const runs = Math.max(1, Math.floor(plan.runs));
	const nonce = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
	const tempTags: string[] = [];
	const finalTags: string[] = [];
	const created: string[] = [];
	const tagIds = new Map<string, string | null>();
	const kept = new Set<string>();
	const checkAbort = () => {
		if (signal.aborted) {
			throw new MeasureAborted();
		}
	};

	onEvent({type: 'engine', info: engine.info});
	const journalFile = plan.journalFile ?? defaultJournalFile();
	const unremoved: Leftovers = {images: [], containers: []};
	let engineGone = false;
	const cleaned = await removeRecordedLeftovers(engine, journalFile);
	if (cleaned > 0) {
		onEvent({type: 'warning', message: `Removed ${cleaned} image(s) or container(s) an earlier run left when the engine stopped answering.`});
	}

	const need = buildkitNeed(plan.before.dockerfile) ?? buildkitNeed(plan.after.dockerfile);
	let builder: Builder = plan.builder ?? (need ? 'buildkit' : 'classic');
	if (builder === 'buildkit' && !engine.info.builders.includes('buildkit')) {
		if (need) {
			const error = `The Dockerfile uses ${need}, which needs BuildKit, and this engine (API ${engine.info.apiVersion}) does not offer it: update Docker.`;
			return {builds: {before: emptyResult('before', null, error), after: emptyResult('after', null, error)}, summary: {sizeRatio: null, buildTimeRatio: null, rebuildTimeRatio: null}};
		}

		onEvent({type: 'warning', message: 'This engine does not offer BuildKit; using the classic builder.'});
		builder = 'classic';
	}

	const states: SideState[] = [];
	for (const side of ['before', 'after'] as const) {
		const {dockerfile, dockerignore} = plan[side];
		const walk = await walkContext(plan.root, dockerignore);
		for (const problem of walk.problems) {
			onEvent({type: 'warning', message: `${side}: ${problem.path} left out of the context: ${problem.message}`});
		}

		const editable = walk.included.some(f => f.path === plan.editFile && f.kind === 'file');
		if (!editable) {
			onEvent({type: 'warning', message: `${side}: ${plan.editFile} is not in the build context, so the warm rebuild changes nothing.`});
		}

		states.push({side, dockerfile, dockerignore, files: walk.included, editable, pullError: null, coldSeconds: [], warmSeconds: [], lastImageId: null, contextBytes: 0, error: null});
	}

	try {
		checkAbort();
		onEvent({type: 'phase', phase: 'pull'});
		const pulls = await ensureBaseImages(engine, [...new Set(states.flatMap(s => baseImages(s.dockerfile)))], onEvent, signal);
		checkAbort();
		for (const state of states) {
			const failed = baseImages(state.dockerfile).map(image => pulls.get(image)).find((o): o is Extract<PullOutcome, {ok: false}> => o !== undefined && !o.ok);
			if (failed) {
				state.pullError = failed.message;
				state.error = failed.message;
			}
		}

		const build = async (state: SideState, run: number, warm: boolean, settle = false): Promise<BuildOutcome> => {
			const overrides: ContextOverrides = new Map<string, string | Buffer>([['Dockerfile', state.dockerfile]]);
			if (state.dockerignore !== null) {
				overrides.set('.dockerignore', state.dockerignore);
			}

			if (warm && state.editable && !settle) {
				const original = await readFile(path.join(plan.root, ...plan.editFile.split('/')));
				overrides.set(plan.editFile, editedContent(original, plan.editFile, `${nonce}-${run}`));
			}

			const tag = `dockwiz-${state.side}:tmp-${nonce}-${run}-${settle ? 'settle-warm' : warm ? 'warm' : 'cold'}`;
			const outcome = await buildImage(engine, {
				side: state.side,
				phase: warm ? 'rebuild' : 'build',
				context: () => packContext(plan.root, state.files, overrides),
				tag,
				nocache: !warm,
				network: plan.network,
				builder,
				needsBuildkit: need !== null,
				timeoutSeconds: plan.buildTimeoutSeconds ?? defaultBuildTimeoutSeconds,
			}, onEvent, signal);
			if (outcome.ok) {
				tempTags.push(tag);
				tagIds.set(tag, outcome.imageId);
				created.push(...outcome.createdImages);
			}

			unremoved.images.push(...(outcome.unremoved?.images ?? []));
			unremoved.containers.push(...(outcome.unremoved?.containers ?? []));
			if (outcome.engineGone) {
				engineGone = true;
				// Nothing more can run: every side still pending fails with the same message.
				for (const other of states) other.error ??= outcome.error;
			}

			// Same builder for every later build, so before and after stay comparable.
			builder = outcome.builder;
			if (settle) {
				return outcome;
			}

			onEvent({type: 'built', side: state.side, phase: warm ? 'rebuild' : 'build', ok: outcome.ok, seconds: outcome.seconds, error: outcome.error ?? undefined});
			return outcome;
		};

		for (let run = 1; run <= runs; run++) {
			for (const warm of [false, true]) {
				for (const state of states) {
					if (state.error !== null) {
						continue;
					}

					checkAbort();
					onEvent({type: 'phase', phase: warm ? 'rebuild' : 'build', side: state.side, run, runs});
					if (warm && builder === 'classic' && stagesShareAPrefix(state.dockerfile)) {
						onEvent({type: 'log', side: state.side, line: 'Priming the cache with one unmeasured build: its stages share their first steps, which a no-cache build duplicates.'});
						const settled = await build(state, run, warm, true);
						checkAbort();
						if (!settled.ok) {
							state.error = settled.error;
							continue;
						}
					}

					const outcome = await build(state, run, warm);
					checkAbort();
					if (!outcome.ok) {
						state.error = outcome.error;
						continue;
					}

					if (warm) {
						state.warmSeconds.push(outcome.seconds);
					} else {
						state.coldSeconds.push(outcome.seconds);
						state.lastImageId = outcome.imageId;
						state.contextBytes = outcome.contextBytes;
					}
				}
			}
		}

		const results: Record<Side, BuildResult> = {before: emptyResult('before', null, null), after: emptyResult('after', null, null)};
		for (const state of states) {
			const result = emptyResult(state.side, state, state.error);
			if (state.side === 'before') {
				result.baseline = plan.before.baseline;
			}

			if (state.error === null && state.lastImageId) {
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
				if (runs > 1 && cold && warm) {
					result.spread = {buildSeconds: cold, rebuildSeconds: warm};
				}

				checkAbort();
				onEvent({type: 'phase', phase: 'smoke', side: state.side});
				result.smoke = await smokeTest(engine, {image: state.lastImageId, side: state.side, port: plan.port, network: plan.network, timeoutSeconds: plan.smokeTimeoutSeconds}, onEvent, signal);
				checkAbort();
				if (!result.smoke.ok) {
					result.ok = false;
					result.error = result.smoke.error ?? 'The smoke test failed.';
				}

				await tagFinal(engine, state.lastImageId, `dockwiz-${state.side}`);
				kept.add(state.lastImageId);
				finalTags.push(`dockwiz-${state.side}:latest`);
			}

			results[state.side] = result;
		}

		const {before, after} = results;
		return {
			builds: results,
			summary: {
				sizeRatio: before.ok && after.ok ? ratioOf(after.sizeBytes, before.sizeBytes) : null,
				buildTimeRatio: before.ok && after.ok ? ratioOf(after.buildSeconds, before.buildSeconds) : null,
				rebuildTimeRatio: before.ok && after.ok ? ratioOf(after.rebuildSeconds, before.rebuildSeconds) : null,
			},
		};
	} finally {
		onEvent({type: 'phase', phase: 'cleanup'});
		// Warm images first: their parents are the cold images' layers.
		const ordered = [...tempTags.filter(t => t.endsWith('-warm')), ...tempTags.filter(t => !t.endsWith('-warm'))];
		const removeAlso = plan.keepImages && !signal.aborted ? [] : finalTags;
		let answering = true;
		for (const tag of [...ordered, ...removeAlso]) {
			await engine.docker.getImage(tag).remove().catch((error: unknown) => {
				const id = tagIds.get(tag);
				if ((error as {statusCode?: number}).statusCode === undefined && id) {
					answering = false;
					unremoved.images.push(id);
					return;
				}

				onEvent({type: 'warning', message: `Could not remove ${tag}: ${error instanceof Error ? error.message : String(error)}`});
			});
		}

		// Other stages' images are no parents of the final one, so the removals above leave them:
		// remove what the builds committed, newest first. An image still in use (a kept image's
		// parent, another build's cache) refuses, and is rightly left.
		const keep = plan.keepImages && !signal.aborted ? [...kept] : [];
		for (const id of created.reverse()) {
			if (!keep.some(k => k.replace(/^sha256:/, '').startsWith(id))) {
				await engine.docker.getImage(id).remove({noprune: true}).catch((error: unknown) => {
					if ((error as {statusCode?: number}).statusCode === undefined) unremoved.images.push(id);
				});
			}
		}

		if (unremoved.images.length + unremoved.containers.length > 0 && (engineGone || !answering || !(await engineAnswers(engine)))) {
			await recordLeftovers(journalFile, engine.info.endpoint, unremoved);
		}
	}
}
