// Exactly what dockwiz asks of a Docker engine, typed. The orchestration (build, measure,
// smoke, clean-up, leftovers) talks to this interface only: dockerode behind it in the
// product, an in-memory fake in the orchestration's unit tests.
import type {EngineInfo} from '../types.js';
import type {AppHost} from './app-host.js';
import type {RegistryAuth} from './registry-credentials.js';

export type Labels = Record<string, string>;

/**
 * How a failed call is told apart: an engine that answered carries its HTTP status
 * (404 no such thing, 409 in use); an engine that did not answer has none.
 */
export type EngineFailure = Error & {statusCode?: number};

export function statusOf(error: unknown): number | undefined {
	return (error as EngineFailure | undefined)?.statusCode;
}

export type BuildOptions = {
	tag: string;
	nocache: boolean;
	/** Build network mode (`host` reaches a package index on 127.0.0.1). */
	network?: string;
	builder: 'classic' | 'buildkit';
	/** Put on the built image, so a killed run's images can be found again. */
	labels: Labels;
	signal: AbortSignal;
};

export type ImageDetails = {
	id: string;
	sizeBytes: number;
	/** RootFS layers, when the engine reports them. */
	rootLayers: number | null;
	/** Config.User, '' when unset. */
	user: string;
	parent: string;
	repoTags: string[];
	labels: Labels;
};

export type HistoryRow = {createdBy: string; sizeBytes: number};

export type ImageSummary = {id: string; parentId: string; createdSeconds: number; repoTags: string[]; labels: Labels};

export type ContainerSummary = {id: string; imageId: string; createdSeconds: number; command: string; labels: Labels};

export type ContainerSpec = {
	image: string;
	name: string;
	labels: Labels;
	/** `host`, another mode, or the default bridge. */
	network?: string;
	/** Publishes containerPort on hostIp:hostPort of the engine's host, 127.0.0.1 unless said (not with the host network). */
	publish?: {containerPort: number; hostPort: number; hostIp?: string};
	/** Replaces the image's ENTRYPOINT (and empties its CMD): a one-off command instead of the app. */
	entrypoint?: string[];
	/** Environment variables set in the container (`NAME=value`). */
	env?: Record<string, string>;
};

export type ContainerState = {running: boolean; exitCode: number};

export type PullProgress = {layer?: string; status: string; currentBytes?: number; totalBytes?: number};

export interface EngineAdapter {
	readonly info: EngineInfo;
	/** Resolves when the engine answers; rejects otherwise. */
	ping(): Promise<void>;
	/** Starts a build; the stream carries the engine's JSON messages, one per line. */
	build(context: NodeJS.ReadableStream, options: BuildOptions): Promise<NodeJS.ReadableStream>;
	/** Pulls an image (with the registry's credentials, when given); rejects with the registry's message when it fails. */
	pull(image: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal, auth?: RegistryAuth): Promise<void>;
	inspectImage(reference: string): Promise<ImageDetails>;
	imageHistory(reference: string): Promise<HistoryRow[]>;
	/** The images as `docker save` writes them: a tar of manifest.json, their configs and one tar per distinct layer. */
	exportImages(references: readonly string[]): Promise<NodeJS.ReadableStream>;
	tagImage(reference: string, repo: string, tag: string): Promise<void>;
	removeImage(reference: string, options?: {noprune?: boolean}): Promise<void>;
	/** Every image (intermediate ones too), optionally only those carrying a label (`key` or `key=value`). */
	listImages(label?: string): Promise<ImageSummary[]>;
	/** Every container, running or not, optionally only those carrying a label. */
	listContainers(label?: string): Promise<ContainerSummary[]>;
	/** Creates a container and returns its id. */
	createContainer(spec: ContainerSpec): Promise<string>;
	startContainer(id: string): Promise<void>;
	inspectContainer(id: string): Promise<ContainerState>;
	/** The last lines of the container's stdout and stderr, as text. */
	containerLogs(id: string, tailLines: number): Promise<string>;
	removeContainer(id: string, options?: {force?: boolean}): Promise<void>;
}

/**
 * What the engine code is handed: what the report says about the engine, the adapter to it,
 * and where its containers' ports are reached (127.0.0.1 here when not said).
 */
export type EngineHandle = {info: EngineInfo; adapter: EngineAdapter; appHost?: AppHost};
