import {DockerfileParser} from 'dockerfile-ast';
import type {EngineEvent} from '../types.js';
import type {EngineHandle} from './adapter.js';

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

/**
 * Makes sure every base image is on the engine before anything is timed, so pull time
 * never pollutes build time. Images already present are reported and left alone.
 */
export async function ensureBaseImages(engine: EngineHandle, images: readonly string[], onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<Map<string, PullOutcome>> {
	const outcomes = new Map<string, PullOutcome>();
	for (const image of images) {
		if (signal.aborted) {
			break;
		}

		const present = await engine.adapter.inspectImage(image).then(() => true, () => false);
		if (present) {
			onEvent({type: 'pull', image, status: 'present'});
			outcomes.set(image, {ok: true});
			continue;
		}

		onEvent({type: 'pull', image, status: 'pulling'});
		try {
			await engine.adapter.pull(image, progress => onEvent({type: 'pull', image, ...progress}), signal);
			onEvent({type: 'pull', image, status: 'pulled'});
			outcomes.set(image, {ok: true});
		} catch (error) {
			if (signal.aborted) {
				break;
			}

			const reason = error instanceof Error ? error.message : String(error);
			outcomes.set(image, {
				ok: false,
				image,
				message: `Base image ${image} is not on this engine and could not be pulled (${reason.trim()}). Pull it where a registry is reachable (docker pull ${image}), or change the FROM line.`,
			});
			onEvent({type: 'pull', image, status: 'failed'});
		}
	}

	return outcomes;
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
