import {DockerfileParser} from 'dockerfile-ast';
import {foldPull, pullTotals, type PullTally} from '../report/pull-tally.js';
import type {EngineEvent, PullMode, PullRecord} from '../types.js';
import type {EngineHandle} from './adapter.js';
import {parseImageReference} from './image-reference.js';
import {engineReason, pullFailureMessage} from './pull-failure.js';
import {findCredentials, type CredentialLookup, type RegistryAuth} from './registry-credentials.js';
import {downloadSize, type DownloadSize} from './registry-manifest.js';

/** The images a Dockerfile starts from: not its own stages, not scratch, ARG defaults applied. */
export function baseImages(dockerfile: string): string[] {
	const parsed = DockerfileParser.parse(dockerfile);
	const args = new Map<string, string>();
	for (const arg of parsed.getInitialARGs()) {
		const property = arg.getProperty();
		const name = property?.getName();
		if (name) {
			args.set(name, property?.getValue() ?? '');
		}
	}

	const stages = new Set<string>();
	const images: string[] = [];
	for (const from of parsed.getFROMs()) {
		const written = from.getImage();
		const stage = from.getBuildStage();
		if (written) {
			const image = written.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (whole: string, braced?: string, fallback?: string, bare?: string) => {
				const value = args.get(braced ?? bare ?? '');
				return value !== undefined && value !== '' ? value : fallback ?? whole;
			});
			const known = stages.has(image.toLowerCase()) || image === 'scratch' || image.includes('$');
			if (!known && !images.includes(image)) {
				images.push(image);
			}
		}

		if (stage) {
			stages.add(stage.toLowerCase());
		}
	}

	return images;
}

export type PullOutcome = {ok: true} | {ok: false; image: string; message: string};

/** How base images are had: when to pull, whose credentials, what a pull will download. */
export type PullSettings = {
	mode: PullMode;
	credentials: (registry: string) => Promise<CredentialLookup>;
	downloadSize: (image: string, auth: RegistryAuth | null) => Promise<DownloadSize | null>;
};

/** The CLI's credentials (config.json in $DOCKER_CONFIG or ~/.docker, its helpers) and the registry's sizes. */
export function defaultPullSettings(mode: PullMode = 'missing', env: Record<string, string | undefined> = process.env): PullSettings {
	return {mode, credentials: registry => findCredentials(registry, env), downloadSize: (image, auth) => downloadSize(image, auth)};
}

export type BaseImagesOutcome = {outcomes: Map<string, PullOutcome>; records: PullRecord[]};

/**
 * Makes sure every base image is on the engine before anything is timed, so pull time
 * never pollutes build time. Images already present are reported and left alone (unless
 * the mode is `always`). Each image ends with a record: present, pulled or failed, the
 * bytes downloaded and the seconds spent. On abort it stops where it is: the engine drops
 * a pull whose client went away, and nothing is tagged.
 */
export async function ensureBaseImages(engine: EngineHandle, images: readonly string[], onEvent: (event: EngineEvent) => void, signal: AbortSignal, settings: PullSettings = defaultPullSettings()): Promise<BaseImagesOutcome> {
	const outcomes = new Map<string, PullOutcome>();
	const records: PullRecord[] = [];
	const fail = (image: string, message: string, record: PullRecord) => {
		outcomes.set(image, {ok: false, image, message});
		records.push(record);
		onEvent({type: 'pull', image, status: 'failed', pull: {record, message}});
	};

	for (const image of images) {
		if (signal.aborted) break;
		const present = await engine.adapter.inspectImage(image).then(() => true, () => false);
		if (present && settings.mode !== 'always') {
			const record: PullRecord = {image, status: 'present', bytes: 0, seconds: 0};
			records.push(record);
			outcomes.set(image, {ok: true});
			onEvent({type: 'pull', image, status: 'present', pull: {record}});
			continue;
		}

		if (settings.mode === 'never') {
			fail(image, `Base image ${image} is not on this engine and --pull never forbids pulling it. Pull it yourself (docker pull ${image}), or run with --pull missing.`, {image, status: 'failed', bytes: 0, seconds: 0});
			continue;
		}

		const {registry} = parseImageReference(image);
		const lookup = await settings.credentials(registry);
		if (lookup.problem) onEvent({type: 'warning', message: lookup.problem});
		const sizes = signal.aborted ? null : await settings.downloadSize(image, lookup.auth);
		const started = performance.now();
		let tally: PullTally = {};
		const seen = (event: Extract<EngineEvent, {type: 'pull'}>) => {
			tally = foldPull(tally, event);
			onEvent(event);
		};

		seen({type: 'pull', image, status: 'pulling', ...(sizes ? {pull: {layerBytes: sizes.layers}} : {})});
		try {
			await engine.adapter.pull(image, progress => seen({type: 'pull', image, ...progress}), signal, lookup.auth ?? undefined);
			const record: PullRecord = {image, status: 'pulled', bytes: pullTotals(tally).bytesDone, seconds: (performance.now() - started) / 1000};
			records.push(record);
			outcomes.set(image, {ok: true});
			onEvent({type: 'pull', image, status: 'pulled', pull: {record}});
		} catch (error) {
			if (signal.aborted) break;
			let reason = engineReason(error);
			// Belt and braces: were an engine ever to echo the secret, it stops here.
			const secret = lookup.auth && ('password' in lookup.auth ? lookup.auth.password : lookup.auth.identitytoken);
			if (secret) reason = reason.split(secret).join('****');
			fail(image, pullFailureMessage(image, registry, reason, lookup.source), {image, status: 'failed', bytes: pullTotals(tally).bytesDone, seconds: (performance.now() - started) / 1000});
		}
	}

	return {outcomes, records};
}

/**
 * Whether two stages start from the same image with the same first instruction. A no-cache
 * build then commits two identical images there, and the classic builder's cache later picks
 * the newest, a dead end for the other stage: the warm rebuild would miss the cache where a
 * developer's normal build would hit it. Such Dockerfiles get one unmeasured cached build first.
 */
export function stagesShareAPrefix(dockerfile: string): boolean {
	const parsed = DockerfileParser.parse(dockerfile);
	const starts = new Set<string>();
	let current: {image: string; first: string | null} | null = null;
	const stages: Array<{image: string; first: string | null}> = [];
	for (const instruction of parsed.getInstructions()) {
		const keyword = instruction.getKeyword().toUpperCase();
		if (keyword === 'FROM') {
			current = {image: instruction.getArgumentsContent()?.replace(/\s+AS\s+\S+\s*$/i, '').trim() ?? '', first: null};
			stages.push(current);
		} else if (current && current.first === null && keyword !== 'ARG') {
			current.first = instruction.getTextContent().replace(/\s+/g, ' ').trim();
		}
	}

	for (const stage of stages) {
		if (stage.first === null) {
			continue;
		}

		const key = `${stage.image}\n${stage.first}`;
		if (starts.has(key)) {
			return true;
		}

		starts.add(key);
	}

	return false;
}
