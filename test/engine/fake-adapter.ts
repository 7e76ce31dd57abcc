// An in-memory engine for the orchestration's unit tests: it keeps images and containers,
// answers builds with a classic builder's stream, and logs every call, so the order of a
// clean-up can be asserted. Each behaviour a test needs is a hook it sets. Test code only:
// the engine tests run the real engine.
import {randomBytes} from 'node:crypto';
import http from 'node:http';
import {PassThrough, type Readable} from 'node:stream';
import {pack} from 'tar-stream';
import type {BuildOptions, ContainerSpec, ContainerState, ContainerSummary, EngineAdapter, EngineFailure, HistoryRow, ImageDetails, ImageSummary, Labels, PullProgress} from '../../source/engine/adapter.js';
import type {EngineInfo} from '../../source/types.js';

export type FakeImage = {id: string; parent: string; tags: string[]; labels: Labels; createdSeconds: number; sizeBytes: number; user: string};

export type FakeContainer = {id: string; image: string; labels: Labels; createdSeconds: number; command: string; state: 'created' | 'running' | 'exited'; exitCode: number; log: string; port?: number};

/** What a build does: succeed, fail with the engine's error message, fail to start, or hang (until aborted) after its first RUN step started. */
export type BuildBehaviour = {kind: 'ok'} | {kind: 'error'; message: string; output?: string[]} | {kind: 'refused'; message: string} | {kind: 'hang'};

/** What a started container does: answer HTTP with a status, exit with a code and a log, or stay silent. */
export type ContainerBehaviour = {kind: 'answer'; status: number; log?: string} | {kind: 'exit'; code: number; log: string} | {kind: 'silent'; log?: string};

export type BuildCall = {options: BuildOptions; index: number};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const bare = (id: string) => id.replace(/^sha256:/, '');

function failure(message: string, statusCode?: number): EngineFailure {
	const error: EngineFailure = new Error(message);
	if (statusCode !== undefined) error.statusCode = statusCode;
	return error;
}

export class FakeAdapter implements EngineAdapter {
	readonly images = new Map<string, FakeImage>();
	readonly containers = new Map<string, FakeContainer>();
	/** Every call that changes or may change the engine, in order: `removeImage <ref>`, `build <tag> <builder>`... */
	readonly calls: string[] = [];
	readonly builds: BuildCall[] = [];

	/** Decides each build; by default every build succeeds. */
	onBuild: (call: BuildCall) => BuildBehaviour = () => ({kind: 'ok'});
	/** Decides what a started container does; by default it answers 200. */
	// A one-off command (an entrypoint given: the dependency check) exits 0; the app answers.
	onStart: (container: FakeContainer) => ContainerBehaviour = container => container.command.startsWith('gunicorn') ? {kind: 'answer', status: 200} : {kind: 'exit', code: 0, log: ''};
	/** Whether a pull succeeds (by default it fails: no registry); 'hang' waits for the abort. */
	onPull: (image: string) => 'ok' | 'fail' | 'hang' = () => 'fail';
	/** When true, removals and pings fail as an engine that stopped answering does (no HTTP status). */
	silent = false;
	/** The port a host-network container's app listens on (the plan's port). */
	hostPort = 0;

	private readonly servers = new Map<string, http.Server>();

	constructor(readonly info: EngineInfo = {endpoint: 'unix:///fake.sock', engineVersion: '20.10.24', apiVersion: '1.41', builders: ['classic', 'buildkit']}) {}

	/** Adds an image as `docker build`/`docker pull` would have. */
	addImage(image: Partial<FakeImage> & {tags?: string[]}): FakeImage {
		const full: FakeImage = {id: `sha256:${hex(32)}`, parent: '', tags: [], labels: {}, createdSeconds: Math.floor(Date.now() / 1000), sizeBytes: 1000, user: '', ...image};
		this.images.set(bare(full.id), full);
		return full;
	}

	addContainer(container: Partial<FakeContainer> & {image: string}): FakeContainer {
		const full: FakeContainer = {id: hex(32), labels: {}, createdSeconds: Math.floor(Date.now() / 1000), command: 'sleep 1000', state: 'created', exitCode: 0, log: '', ...container};
		this.containers.set(full.id, full);
		return full;
	}

	findImage(reference: string): FakeImage | undefined {
		const wanted = bare(reference);
		const withTag = wanted.includes(':') ? wanted : `${wanted}:latest`;
		for (const image of this.images.values()) {
			if (image.tags.includes(wanted) || image.tags.includes(withTag) || (wanted.length >= 12 && bare(image.id).startsWith(wanted))) return image;
		}

		return undefined;
	}

	private findContainer(id: string): FakeContainer | undefined {
		for (const container of this.containers.values()) if (container.id.startsWith(id)) return container;
		return undefined;
	}

	async ping(): Promise<void> {
		if (this.silent) throw failure('connect ECONNREFUSED /fake.sock');
	}

	async build(context: NodeJS.ReadableStream, options: BuildOptions): Promise<NodeJS.ReadableStream> {
		const call: BuildCall = {options, index: this.builds.length};
		this.builds.push(call);
		this.calls.push(`build ${options.tag} ${options.builder}`);
		(context as Readable).resume();
		const behaviour = this.onBuild(call);
		if (behaviour.kind === 'refused') throw failure(behaviour.message, 500);
		const out = new PassThrough();
		const send = (message: object) => out.write(`${JSON.stringify(message)}\n`);
		const base = [...this.images.values()].find(image => image.tags.length > 0 && !image.tags.some(tag => tag.startsWith('dockwiz-'))) ?? this.addImage({tags: ['python:3.11-slim']});
		// A classic build of FROM, COPY, RUN: two images committed, one container run.
		const first = this.addImage({parent: base.id});
		const container = this.addContainer({image: first.id, command: '/bin/sh -c pip install -r requirements.txt', state: 'running'});
		// As the classic builder does, each build label is one more step at the end.
		const labelSteps = options.builder === 'classic' ? Object.entries(options.labels) : [];
		const total = 3 + labelSteps.length;
		send({stream: `Step 1/${total} : FROM python:3.11-slim\n`});
		send({stream: ` ---> ${bare(base.id).slice(0, 12)}\n`});
		send({stream: `Step 2/${total} : COPY . /app\n`});
		send({stream: ` ---> ${bare(first.id).slice(0, 12)}\n`});
		send({stream: `Step 3/${total} : RUN pip install -r requirements.txt\n`});
		send({stream: ` ---> Running in ${container.id.slice(0, 12)}\n`});
		if (behaviour.kind === 'hang') {
			options.signal.addEventListener('abort', () => out.destroy(), {once: true});
			return out;
		}

		setImmediate(() => {
			this.containers.delete(container.id);
			if (behaviour.kind === 'error') {
				for (const line of behaviour.output ?? []) send({stream: `${line}\n`});
				send({errorDetail: {message: behaviour.message}, error: behaviour.message});
				out.end();
				return;
			}

			const run = this.addImage({parent: first.id, sizeBytes: 50_000_000});
			send({stream: ` ---> ${bare(run.id).slice(0, 12)}\n`});
			let last = run;
			for (const [index, [key, value]] of labelSteps.entries()) {
				send({stream: `Step ${4 + index}/${total} : LABEL ${key}=${value}\n`});
				last = this.addImage({parent: last.id, sizeBytes: 50_000_000});
				send({stream: ` ---> ${bare(last.id).slice(0, 12)}\n`});
			}

			last.tags = [options.tag];
			last.labels = {...options.labels};
			send({aux: {ID: last.id}});
			send({stream: `Successfully built ${bare(last.id).slice(0, 12)}\n`});
			out.end();
		});
		return out;
	}

	async pull(image: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal): Promise<void> {
		this.calls.push(`pull ${image}`);
		const outcome = this.onPull(image);
		if (outcome === 'hang') {
			await new Promise((_resolve, reject) => {
				if (signal.aborted) reject(failure('aborted'));
				signal.addEventListener('abort', () => reject(failure('aborted')), {once: true});
			});
		}

		if (outcome === 'fail') throw failure(`Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host`, 500);
		onProgress({status: 'Pull complete', layer: hex(6)});
		this.addImage({tags: [image]});
	}

	async inspectImage(reference: string): Promise<ImageDetails> {
		const image = this.findImage(reference);
		if (!image) throw failure(`No such image: ${reference}`, 404);
		return {id: image.id, sizeBytes: image.sizeBytes, rootLayers: 3, user: image.user, parent: image.parent, repoTags: [...image.tags], labels: {...image.labels}};
	}

	async imageHistory(reference: string): Promise<HistoryRow[]> {
		if (!this.findImage(reference)) throw failure(`No such image: ${reference}`, 404);
		return [{createdBy: '/bin/sh -c #(nop)  CMD ["gunicorn"]', sizeBytes: 0}, {createdBy: 'RUN pip install', sizeBytes: 40_000_000}];
	}

	/** A `docker save` tar: manifest.json, a config per image with WORKDIR /app, and one layer (shared by all) holding /app/app.py (10 bytes). */
	async exportImages(references: readonly string[]): Promise<NodeJS.ReadableStream> {
		const found = references.map(reference => this.findImage(reference));
		const missing = references.find((_reference, index) => !found[index]);
		if (missing !== undefined) throw failure(`No such image: ${missing}`, 404);
		const layer = pack();
		layer.entry({name: 'app/app.py', size: 10}, 'print("x")');
		layer.finalize();
		const parts: Buffer[] = [];
		for await (const chunk of layer as AsyncIterable<Buffer>) parts.push(chunk);
		const layerTar = Buffer.concat(parts);
		const image = pack();
		image.entry({name: 'l1/layer.tar'}, layerTar);
		for (const each of found) image.entry({name: `${bare(each!.id)}.json`}, JSON.stringify({config: {WorkingDir: '/app'}, rootfs: {diff_ids: ['sha256:l1']}}));
		image.entry({name: 'manifest.json'}, JSON.stringify(found.map(each => ({Config: `${bare(each!.id)}.json`, Layers: ['l1/layer.tar']}))));
		image.finalize();
		return image as unknown as NodeJS.ReadableStream;
	}

	async tagImage(reference: string, repo: string, tag: string): Promise<void> {
		this.calls.push(`tag ${reference} ${repo}:${tag}`);
		const image = this.findImage(reference);
		if (!image) throw failure(`No such image: ${reference}`, 404);
		for (const other of this.images.values()) other.tags = other.tags.filter(t => t !== `${repo}:${tag}`);
		image.tags.push(`${repo}:${tag}`);
	}

	async removeImage(reference: string, options: {noprune?: boolean} = {}): Promise<void> {
		this.calls.push(`removeImage ${reference}${options.noprune ? ' noprune' : ''}`);
		if (this.silent) throw failure('socket hang up');
		const image = this.findImage(reference);
		if (!image) throw failure(`No such image: ${reference}`, 404);
		const asTag = image.tags.find(tag => tag === reference || tag === `${reference}:latest`);
		if (asTag && image.tags.length > 1) {
			image.tags = image.tags.filter(tag => tag !== asTag);
			return;
		}

		if (!asTag && image.tags.length > 1) throw failure(`conflict: unable to delete ${reference} (must be forced) - image is referenced in multiple repositories`, 409);
		if ([...this.images.values()].some(other => other.parent === image.id)) throw failure(`conflict: unable to delete ${reference} - image has dependent child images`, 409);
		if (this.inUse(image)) throw failure(`conflict: unable to delete ${reference} - image is being used by a container`, 409);
		this.images.delete(bare(image.id));
		// Docker prunes the untagged parents no one else needs, unless told not to.
		let parent = options.noprune ? undefined : this.images.get(bare(image.parent));
		while (parent && parent.tags.length === 0 && !this.inUse(parent) && ![...this.images.values()].some(other => other.parent === parent!.id)) {
			this.images.delete(bare(parent.id));
			parent = this.images.get(bare(parent.parent));
		}
	}

	private inUse(image: FakeImage): boolean {
		return [...this.containers.values()].some(container => bare(container.image).startsWith(bare(image.id)));
	}

	async listImages(label?: string): Promise<ImageSummary[]> {
		return [...this.images.values()]
			.filter(image => matches(image.labels, label))
			.map(image => ({id: image.id, parentId: image.parent, createdSeconds: image.createdSeconds, repoTags: [...image.tags], labels: {...image.labels}}));
	}

	async listContainers(label?: string): Promise<ContainerSummary[]> {
		return [...this.containers.values()]
			.filter(container => matches(container.labels, label))
			.map(container => ({id: container.id, imageId: container.image, createdSeconds: container.createdSeconds, command: container.command, labels: {...container.labels}}));
	}

	async createContainer(spec: ContainerSpec): Promise<string> {
		this.calls.push(`createContainer ${spec.image}`);
		if (!this.findImage(spec.image)) throw failure(`No such image: ${spec.image}`, 404);
		const container = this.addContainer({image: spec.image, labels: {...spec.labels}, command: spec.entrypoint?.join(' ') ?? 'gunicorn app:app', port: spec.publish?.hostPort});
		return container.id;
	}

	async startContainer(id: string): Promise<void> {
		this.calls.push(`startContainer ${id.slice(0, 12)}`);
		const container = this.findContainer(id);
		if (!container) throw failure(`No such container: ${id}`, 404);
		const behaviour = this.onStart(container);
		container.log = behaviour.log ?? '';
		if (behaviour.kind === 'exit') {
			container.state = 'exited';
			container.exitCode = behaviour.code;
			return;
		}

		container.state = 'running';
		if (behaviour.kind === 'answer') {
			const port = container.port ?? this.hostPort;
			const server = http.createServer((_request, response) => {
				response.statusCode = behaviour.status;
				response.end('fake');
			});
			await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
			this.servers.set(container.id, server);
		}
	}

	async inspectContainer(id: string): Promise<ContainerState> {
		const container = this.findContainer(id);
		if (!container) throw failure(`No such container: ${id}`, 404);
		return {running: container.state === 'running', exitCode: container.exitCode};
	}

	async containerLogs(id: string, tailLines: number): Promise<string> {
		const container = this.findContainer(id);
		if (!container) throw failure(`No such container: ${id}`, 404);
		return container.log.split('\n').slice(-tailLines - 1).join('\n');
	}

	async removeContainer(id: string, options: {force?: boolean} = {}): Promise<void> {
		this.calls.push(`removeContainer ${id.slice(0, 12)}${options.force ? ' force' : ''}`);
		if (this.silent) throw failure('socket hang up');
		const container = this.findContainer(id);
		if (!container) throw failure(`No such container: ${id}`, 404);
		if (container.state === 'running' && !options.force) throw failure('conflict: container is running', 409);
		this.containers.delete(container.id);
		const server = this.servers.get(container.id);
		if (server) {
			this.servers.delete(container.id);
			await new Promise(resolve => server.close(resolve));
		}
	}

	/** Images a measurement made that are still there (tagged dockwiz-* or labelled with a run). */
	ours(): FakeImage[] {
		return [...this.images.values()].filter(image => image.tags.some(tag => tag.startsWith('dockwiz-')) || image.labels['dockwiz.run'] !== undefined || (image.parent !== '' && image.tags.length === 0));
	}
}

function matches(labels: Labels, filter?: string): boolean {
	if (!filter) return true;
	const [key, value] = filter.split('=');
	return value === undefined ? key in labels : labels[key] === value;
}
