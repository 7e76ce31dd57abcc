// The one implementation of EngineAdapter over dockerode. Nothing else in dockwiz calls
// dockerode; the type-only import keeps it off the path of --no-build (connect.ts loads it).
import type Docker from 'dockerode';
import type {EngineInfo} from '../types.js';
import type {BuildOptions, ContainerSpec, ContainerState, EngineAdapter, HistoryRow, ImageDetails, ImageSummary, ContainerSummary, PullProgress} from './adapter.js';
import type {RegistryAuth} from './registry-credentials.js';

/** Docker multiplexes stdout/stderr with 8-byte frame headers when there is no TTY. */
export function demuxLogs(buffer: Buffer): string {
	const parts: Buffer[] = [];
	let pos = 0;
	while (pos + 8 <= buffer.length && buffer[pos] <= 2 && buffer[pos + 1] === 0 && buffer[pos + 2] === 0 && buffer[pos + 3] === 0) {
		const size = buffer.readUInt32BE(pos + 4);
		parts.push(buffer.subarray(pos + 8, pos + 8 + size));
		pos += 8 + size;
	}

	// Not framed (a TTY container): the bytes are the log.
	return pos === 0 ? buffer.toString('utf8') : Buffer.concat(parts).toString('utf8');
}

const labelFilter = (label?: string) => (label ? {filters: {label: [label]}} : {});

export class DockerodeAdapter implements EngineAdapter {
	constructor(
		private readonly docker: Docker,
		readonly info: EngineInfo,
	) {}

	async ping(): Promise<void> {
		await this.docker.ping();
	}

	async build(context: NodeJS.ReadableStream, options: BuildOptions): Promise<NodeJS.ReadableStream> {
		return this.docker.buildImage(context, {
			t: options.tag,
			dockerfile: 'Dockerfile',
			nocache: options.nocache,
			rm: true,
			forcerm: true,
			networkmode: options.network,
			version: options.builder === 'buildkit' ? '2' : '1',
			labels: options.labels,
			abortSignal: options.signal,
		});
	}

	async pull(image: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal, auth?: RegistryAuth): Promise<void> {
		// The credentials travel in the X-Registry-Auth header, to the engine only.
		const stream = await this.docker.pull(image, {abortSignal: signal, ...(auth ? {authconfig: auth} : {})});
		await new Promise<void>((resolve, reject) => {
			this.docker.modem.followProgress(stream, (error: Error | null, output: Array<{error?: string; errorDetail?: {message?: string}}>) => {
				const failed = output?.find(o => o.error || o.errorDetail);
				if (signal.aborted) {
					// An aborted stream closes as if it ended: the pull did not finish.
					reject(Object.assign(new Error(`The pull of ${image} was stopped.`), {name: 'AbortError'}));
				} else if (error || failed) {
					reject(error ?? new Error(failed?.errorDetail?.message ?? failed?.error));
				} else {
					resolve();
				}
			}, (event: {status?: string; id?: string; progressDetail?: {current?: number; total?: number}}) => {
				onProgress({layer: event.id, status: event.status ?? '', currentBytes: event.progressDetail?.current, totalBytes: event.progressDetail?.total});
			});
		});
	}

	async inspectImage(reference: string): Promise<ImageDetails> {
		const image = await this.docker.getImage(reference).inspect();
		return {
			id: image.Id,
			sizeBytes: image.Size,
			rootLayers: image.RootFS?.Layers?.length ?? null,
			user: image.Config?.User ?? '',
			parent: image.Parent ?? '',
			repoTags: image.RepoTags ?? [],
			labels: image.Config?.Labels ?? {},
		};
	}

	async imageHistory(reference: string): Promise<HistoryRow[]> {
		const rows = (await this.docker.getImage(reference).history()) as Array<{CreatedBy?: string; Size?: number}>;
		return rows.map(row => ({createdBy: row.CreatedBy ?? '', sizeBytes: row.Size ?? 0}));
	}

	async exportImages(references: readonly string[]): Promise<NodeJS.ReadableStream> {
		// GET /images/get?names=a&names=b: one save, each shared layer written once (@types/dockerode lacks getImages).
		const docker = this.docker as unknown as {getImages(options: {names: string[]}): Promise<NodeJS.ReadableStream>};
		return docker.getImages({names: [...references]});
	}

	async tagImage(reference: string, repo: string, tag: string): Promise<void> {
		await this.docker.getImage(reference).tag({repo, tag});
	}

	async removeImage(reference: string, options: {noprune?: boolean} = {}): Promise<void> {
		await this.docker.getImage(reference).remove(options.noprune ? {noprune: true} : {});
	}

	async listImages(label?: string): Promise<ImageSummary[]> {
		const images = await this.docker.listImages({all: true, ...labelFilter(label)});
		return images.map(image => ({
			id: image.Id,
			parentId: image.ParentId ?? '',
			createdSeconds: image.Created,
			repoTags: (image.RepoTags ?? []).filter(tag => tag !== '<none>:<none>'),
			labels: image.Labels ?? {},
		}));
	}

	async listContainers(label?: string): Promise<ContainerSummary[]> {
		const containers = await this.docker.listContainers({all: true, ...labelFilter(label)});
		return containers.map(container => ({
			id: container.Id,
			imageId: container.ImageID,
			createdSeconds: container.Created,
			command: container.Command,
			labels: container.Labels ?? {},
		}));
	}

	async createContainer(spec: ContainerSpec): Promise<string> {
		const hostNetwork = spec.network === 'host';
		const port = spec.publish && !hostNetwork ? `${spec.publish.containerPort}/tcp` : undefined;
		const container = await this.docker.createContainer({
			Image: spec.image,
			name: spec.name,
			Labels: spec.labels,
			Env: spec.env ? Object.entries(spec.env).map(([name, value]) => `${name}=${value}`) : undefined,
			ExposedPorts: port ? {[port]: {}} : undefined,
			...(spec.entrypoint ? {Entrypoint: spec.entrypoint, Cmd: []} : {}),
			HostConfig: {
				NetworkMode: spec.network,
				PortBindings: port && spec.publish ? {[port]: [{HostIp: spec.publish.hostIp ?? '127.0.0.1', HostPort: String(spec.publish.hostPort)}]} : undefined,
			},
		});
		return container.id;
	}

	async startContainer(id: string): Promise<void> {
		await this.docker.getContainer(id).start();
	}

	async inspectContainer(id: string): Promise<ContainerState> {
		const {State} = await this.docker.getContainer(id).inspect();
		return {running: State.Running, exitCode: State.ExitCode};
	}

	async containerLogs(id: string, tailLines: number): Promise<string> {
		const raw = await this.docker.getContainer(id).logs({stdout: true, stderr: true, tail: tailLines, follow: false});
		return demuxLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
	}

	async removeContainer(id: string, options: {force?: boolean} = {}): Promise<void> {
		await this.docker.getContainer(id).remove(options.force ? {force: true} : {});
	}
}
