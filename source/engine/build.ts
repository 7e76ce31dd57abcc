import type {BuildPhase, EngineEvent, Side} from '../types.js';
import {BuildStreamDecoder, type StepFailure} from './build-stream.js';
import {statusOf, type EngineHandle, type Labels} from './adapter.js';
import {engineAnswers, type Leftovers} from './leftover-journal.js';
import type {PackedContext} from './context-pack.js';

export type Builder = 'classic' | 'buildkit';

export type BuildRequest = {
	side: Side;
	phase: BuildPhase;
	/** Makes a fresh context stream (a fallback build needs a second one). */
	context: () => PackedContext;
	tag: string;
	nocache: boolean;
	/** Build network mode (`host` reaches a package index on 127.0.0.1). */
	network?: string;
	builder: Builder;
	/** Whether the Dockerfile needs BuildKit (then no fallback to classic). */
	needsBuildkit: boolean;
	timeoutSeconds: number;
	/** How long BuildKit may stay silent at the start before dockwiz falls back to classic. */
	buildkitStartSeconds?: number;
	/** Put on the image by BuildKit: which run and process made it (see run-identity.ts). */
	labels?: Labels;
	/** Told each image and container the build makes as soon as the stream names it (for the run's journal). */
	onCreated?: (created: Leftovers) => void;
};

export type BuildOutcome = {
	ok: boolean;
	imageId: string | null;
	seconds: number;
	contextBytes: number;
	error: string | null;
	/** The failing step, its exit code and last output lines (null when the build passed or the engine went away). */
	failure: StepFailure | null;
	/** The builder that actually built (after a fallback: classic). */
	builder: Builder;
	aborted: boolean;
	/** Images the classic builder committed (other stages' too), for the cleanup: never cache hits or bases. */
	createdImages: string[];
	/** The engine stopped answering during this build. */
	engineGone?: boolean;
	/** What could not be removed because the engine stopped answering (for the leftover journal). */
	unremoved?: Leftovers;
};

class BuildkitSilent extends Error {}

function abortError(signal: AbortSignal): Error {
	const error = new Error('The build was interrupted.');
	error.name = 'AbortError';
	error.cause = signal.reason;
	return error;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const bareId = (id: string) => id.replace(/^sha256:/, '');

/**
 * What the step in flight when we stopped reading still makes. The daemon notices a cancel
 * only between steps: a RUN's container runs on until it is killed, and any other step
 * finishes and commits its image on top of our last one (a big COPY hashes and copies for
 * seconds first, with no container to show for it). Waits for that image (a step announced
 * on an image of ours always commits: it cannot be a cache hit) and until no container of
 * the step is left (killing a RUN's), then returns the images committed on our last image
 * since the build began: ours, to remove before their parent. Removing the parent first
 * leaves them as orphans no one can tell apart.
 */
async function settleStepInFlight(engine: EngineHandle, decoder: BuildStreamDecoder, startedSeconds: number): Promise<string[]> {
	const parent = decoder.lastImageId;
	if (!parent) return [];
	const run = /^RUN\s+(.*)$/is.exec(decoder.currentInstruction)?.[1]?.trim();
	// A container or image made on top of an image this build committed is this build's; on
	// top of the base image only a RUN's container can be told apart, by its command.
	const parentIsOurs = decoder.createdImages.some(id => id.startsWith(parent) || parent.startsWith(id));
	if (!parentIsOurs && !run) return [];
	const onParent = (imageId: string) => bareId(imageId).startsWith(parent);

	const children = new Set<string>();
	const findChildren = async () => {
		if (!parentIsOurs) return;
		const images = await engine.adapter.listImages().catch(() => []);
		for (const image of images) {
			if (image.parentId && onParent(image.parentId) && image.createdSeconds >= startedSeconds - 1) children.add(bareId(image.id));
		}
	};

	// Bounded: a step that fails (a COPY of a missing file) commits nothing.
	const commitDeadline = Date.now() + 60_000;
	if (parentIsOurs && decoder.stepInFlight && !run) {
		await findChildren();
		while (children.size === 0 && Date.now() < commitDeadline) {
			await sleep(250);
			await findChildren();
		}
	}

	const deadline = Date.now() + 30_000;
	let quiet = 0;
	while (Date.now() < deadline && quiet < 3) {
		const all = await engine.adapter.listContainers().catch(() => []);
		const inFlight = all.filter(c => onParent(c.imageId) && c.createdSeconds >= startedSeconds - 1 && (parentIsOurs || c.command.includes(run!)));
		for (const container of inFlight) {
			// A RUN is killed (the daemon would too); a COPY is left to finish its commit.
			const isRun = run !== undefined && container.command.includes(run);
			if (isRun || Date.now() > deadline - 5000) await engine.adapter.removeContainer(container.id, {force: true}).catch(() => undefined);
		}

		await findChildren();
		quiet = inFlight.length === 0 ? quiet + 1 : 0;
		await sleep(500);
	}

	await findChildren();
	return [...children];
}

/** Any failure but "no such thing": an engine going away answers with 409s and 500s before it stops answering. */
const notRemoved = (error: unknown) => statusOf(error) !== 404;

/**
 * Removes what a failed or aborted classic build left: its containers and committed images,
 * newest first. Returns what could not be removed because the engine did not answer.
 */
async function removeLeftovers(engine: EngineHandle, decoder: BuildStreamDecoder, interruptedAtSeconds?: number): Promise<Leftovers> {
	const unremoved: Leftovers = {images: [], containers: []};
	for (const id of decoder.containers) {
		// The daemon removes them itself once it notices the cancel; force covers a kill mid-step.
		await engine.adapter.removeContainer(id, {force: true}).catch((error: unknown) => {
			if (notRemoved(error)) unremoved.containers.push(id);
		});
	}

	const committedAfterCancel = interruptedAtSeconds === undefined ? [] : await settleStepInFlight(engine, decoder, interruptedAtSeconds);
	for (const id of [...committedAfterCancel, ...[...decoder.createdImages].reverse()]) {
		await engine.adapter.removeImage(id, {noprune: true}).catch((error: unknown) => {
			if (notRemoved(error)) unremoved.images.unshift(id);
		});
	}

	return unremoved;
}

// How a step or stream ends when the engine stops under it: the step is killed (137), the stream cut.
const cutShort = /non-zero code: 137|aborted|socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|ENOENT/i;

/**
 * Whether the engine went away. A stopping dockerd kills the step first and still answers for
 * a moment, so a failure that looks cut short is watched for a few seconds.
 */
async function engineWentAway(engine: EngineHandle, failure: string): Promise<boolean> {
	const checks = cutShort.test(failure) ? 8 : 1;
	for (let check = 0; check < checks; check++) {
		if (!(await engineAnswers(engine, 2))) return true;
		if (check + 1 < checks) await sleep(500);
	}

	return false;
}

/** The message for a build the engine walked away from, naming what to do. */
export function engineGoneMessage(engine: EngineHandle): string {
	return `The Docker engine (${engine.info.endpoint}) stopped answering during the build. Start it again, then rerun dockwiz; what this run could not remove is removed on the next run.`;
}

async function attempt(engine: EngineHandle, request: BuildRequest, builder: Builder, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<BuildOutcome> {
	const decoder = new BuildStreamDecoder(request.side, request.phase, onEvent);
	const controller = new AbortController();
	const stopOnAbort = () => controller.abort(signal.reason);
	signal.addEventListener('abort', stopOnAbort, {once: true});
	let timedOut = false;
	const timeout = setTimeout(() => {
		timedOut = true;
		controller.abort(new Error('timeout'));
	}, request.timeoutSeconds * 1000);
	let silentTimer: NodeJS.Timeout | undefined;
	let silent = false;
	if (builder === 'buildkit' && !request.needsBuildkit) {
		silentTimer = setTimeout(() => {
			silent = true;
			controller.abort(new BuildkitSilent());
		}, (request.buildkitStartSeconds ?? 30) * 1000);
	}

	let toldImages = 0;
	let toldContainers = 0;
	const tellCreated = () => {
		if (decoder.createdImages.length === toldImages && decoder.containers.length === toldContainers) return;
		request.onCreated?.({images: decoder.createdImages.slice(toldImages), containers: decoder.containers.slice(toldContainers)});
		toldImages = decoder.createdImages.length;
		toldContainers = decoder.containers.length;
	};

	const context = request.context();
	const started = performance.now();
	const startedSeconds = Math.floor(Date.now() / 1000);
	const aborted = new Promise<never>((_resolve, reject) => {
		controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {once: true});
	});
	aborted.catch(() => undefined);
	try {
		// Raced with the abort: BuildKit's session is set up before the request is even sent.
		const stream = await Promise.race([aborted, engine.adapter.build(context.stream as unknown as NodeJS.ReadableStream, {
			tag: request.tag,
			nocache: request.nocache,
			network: request.network,
			builder,
			// BuildKit writes labels into the image's config for free; the classic builder runs one more
			// step for them (a container and a commit, 0.2-0.3 s measured here), which would count in
			// every build time, the warm rebuild's most. Classic images are known by the journal instead.
			labels: builder === 'buildkit' ? request.labels ?? {} : {},
			signal: controller.signal,
		})]);
		await new Promise<void>((resolve, reject) => {
			let buffered = '';
			stream.on('data', (chunk: Buffer) => {
				clearTimeout(silentTimer);
				buffered += chunk.toString('utf8');
				const lines = buffered.split('\n');
				buffered = lines.pop() ?? '';
				for (const line of lines) {
					decoder.line(line);
				}

				tellCreated();
			});
			stream.on('end', () => {
				decoder.line(buffered);
				resolve();
			});
			stream.on('error', reject);
			stream.on('close', resolve);
			aborted.catch(reject);
		});
		if (controller.signal.aborted) {
			throw controller.signal.reason;
		}

		decoder.flush();
		const seconds = (performance.now() - started) / 1000;
		const contextBytes = context.bytesSent();
		if (decoder.error === null && decoder.imageId === null) {
			decoder.error = 'The engine ended the build without an image id.';
		}

		if (decoder.error !== null) {
			// A step killed by a stopping engine reads like the user's failure (exit 137): ask the engine.
			const engineGone = await engineWentAway(engine, decoder.error);
			const unremoved = await removeLeftovers(engine, decoder);
			const failure = engineGone ? null : decoder.failure;
			return {ok: false, imageId: null, seconds, contextBytes, error: engineGone ? engineGoneMessage(engine) : decoder.error, failure, builder, aborted: false, createdImages: [], engineGone, unremoved};
		}

		return {ok: true, imageId: decoder.imageId, seconds, contextBytes, error: null, failure: null, builder, aborted: false, createdImages: [...decoder.createdImages]};
	} catch (error) {
		decoder.flush();
		const seconds = (performance.now() - started) / 1000;
		const unremoved = await removeLeftovers(engine, decoder, builder === 'classic' ? startedSeconds : undefined);
		if (signal.aborted) {
			return {ok: false, imageId: null, seconds, contextBytes: context.bytesSent(), error: 'The build was interrupted.', failure: null, builder, aborted: true, createdImages: [], unremoved};
		}

		if (silent) {
			throw new BuildkitSilent();
		}

		const engineGone = !timedOut && (await engineWentAway(engine, decoder.error ?? (error instanceof Error ? error.message : String(error))));
		const reason = timedOut
			? `The build took longer than ${request.timeoutSeconds} s and was stopped.`
			: engineGone ? engineGoneMessage(engine) : decoder.error ?? `The engine failed the build: ${error instanceof Error ? error.message : String(error)}`;
		const failure = engineGone ? null : decoder.failure ?? decoder.stepInProgress();
		return {ok: false, imageId: null, seconds, contextBytes: context.bytesSent(), error: reason, failure, builder, aborted: false, createdImages: [], engineGone, unremoved};
	} finally {
		clearTimeout(timeout);
		clearTimeout(silentTimer);
		signal.removeEventListener('abort', stopOnAbort);
	}
}

/**
 * Builds one image from a packed context. A build that reports an error has failed whatever
 * the HTTP status said. BuildKit that stays silent or cannot start falls back to the classic
 * builder (with a warning) unless the Dockerfile needs BuildKit.
 */
export async function buildImage(engine: EngineHandle, request: BuildRequest, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<BuildOutcome> {
	if (signal.aborted) {
		throw abortError(signal);
	}

	if (request.builder === 'classic') {
		return attempt(engine, request, 'classic', onEvent, signal);
	}

	try {
		const outcome = await attempt(engine, request, 'buildkit', onEvent, signal);
		// A session that could not start shows up as an engine error before any step ran.
		if (!outcome.ok && !outcome.aborted && !request.needsBuildkit && /session|grpc|buildkit is not (?:enabled|supported)/i.test(outcome.error ?? '')) {
			onEvent({type: 'warning', message: `BuildKit failed to start (${outcome.error}); building with the classic builder instead.`});
			return await attempt(engine, request, 'classic', onEvent, signal);
		}

		return outcome;
	} catch (error) {
		if (error instanceof BuildkitSilent) {
			onEvent({type: 'warning', message: `BuildKit said nothing for ${request.buildkitStartSeconds ?? 30} s; building with the classic builder instead.`});
			return attempt(engine, request, 'classic', onEvent, signal);
		}

		throw error;
	}
}
