import type {BuildPhase, EngineEvent, Side} from '../types.js';
import {decodeStatusResponse} from './buildkit-status.js';

// Turns the engine's build stream (JSON messages, classic or BuildKit) into EngineEvents,
// and keeps what the build outcome needs: the first error, the image id, and the
// intermediate images this build created (so an aborted build can remove them).

export type BuildMessage = {
	stream?: string;
	status?: string;
	id?: string;
	progress?: string;
	progressDetail?: {current?: number; total?: number};
	aux?: unknown;
	error?: string;
	errorDetail?: {message?: string; code?: number};
};

const stepLine = /^Step (\d+)\/(\d+) : (.*)$/;
const buildkitStep = /^\[(?:(.+?) )?(\d+)\/(\d+)\] (.*)$/;
const arrowId = /^ ---> ([0-9a-f]{12,64})$/;
// Classic: "returned a non-zero code: 1"; BuildKit: "did not complete successfully: exit code: 1".
const exitCodeText = /(?:non-zero code|exit code):\s*(\d+)/;
/** How many of a step's last output lines a failure keeps. */
export const failedStepLines = 20;

/** The failing build step, as the stream told it: what a user needs to see why it broke. */
export type StepFailure = {step: number | null; instruction: string | null; exitCode: number | null; logTail: string[]};

/** The exit code a build error names, if any. */
export function exitCodeOf(message: string): number | null {
	const match = exitCodeText.exec(message);
	return match ? Number(match[1]) : null;
}

export class BuildStreamDecoder {
	/** The first error the engine reported, if any: such a build failed whatever the HTTP status. */
	error: string | null = null;
	imageId: string | null = null;
	/** Image ids the classic builder committed during this build (not cache hits, not bases). */
	readonly createdImages: string[] = [];
	/** Containers the classic builder ran (it removes them itself unless killed mid-step). */
	readonly containers: string[] = [];

	/** The image the next step starts from, and that step's instruction: what an unannounced step container runs. */
	lastImageId: string | null = null;
	currentInstruction = '';
	/** The current step's number (`Step 4/7`), once one was announced. */
	currentStep: number | null = null;
	/** The failing step, its exit code and its last output lines, once the build failed. */
	failure: StepFailure | null = null;
	/** The current step was announced and its result ("---> id") has not come yet. */
	stepInFlight = false;

	private reuseNextId = false;
	private currentFrom = '';
	private readonly vertexNames = new Map<string, string>();
	private readonly announced = new Set<string>();
	private readonly partialLogs = new Map<string, string>();
	/** The last output lines of the classic builder's current step, and of each BuildKit vertex. */
	private stepOutput: string[] = [];
	private readonly vertexOutput = new Map<string, string[]>();

	constructor(
		private readonly side: Side,
		private readonly phase: BuildPhase,
		private readonly emit: (event: EngineEvent) => void,
	) {}

	/** Feeds one decoded JSON message. */
	message(message: BuildMessage): void {
		if (message.error !== undefined || message.errorDetail !== undefined) {
			this.fail(message.errorDetail?.message || message.error || 'the build failed');
			return;
		}

		if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') {
			this.buildkitTrace(message.aux);
			return;
		}

		if (message.aux && typeof message.aux === 'object' && 'ID' in message.aux) {
			const id = (message.aux as {ID: unknown}).ID;
			if (typeof id === 'string') {
				this.imageId = id;
			}

			return;
		}

		if (typeof message.stream === 'string') {
			for (const line of message.stream.split('\n')) {
				this.classicLine(line.replace(/\r$/, ''));
			}

			return;
		}

		if (typeof message.status === 'string') {
			this.emit({
				type: 'pull',
				image: this.currentFrom,
				layer: message.id,
				status: message.status,
				currentBytes: message.progressDetail?.current,
				totalBytes: message.progressDetail?.total,
			});
		}
	}

	/** Feeds a raw line of the stream (one JSON message per line). */
	line(text: string): void {
		const trimmed = text.trim();
		if (trimmed === '') {
			return;
		}

		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			this.emit({type: 'log', side: this.side, line: trimmed});
			return;
		}

		if (parsed && typeof parsed === 'object') {
			this.message(parsed as BuildMessage);
		}
	}

	private fail(message: string, step?: {index: number | null; instruction: string | null; output: string[]}): void {
		const text = message.trim();
		if (this.error === null) {
			this.error = text;
			const instruction = step ? step.instruction : this.currentInstruction || null;
			this.failure = {
				step: step ? step.index : this.currentStep,
				instruction,
				exitCode: exitCodeOf(text),
				logTail: (step ? step.output : this.stepOutput).slice(-failedStepLines),
			};
		}

		this.emit({type: 'log', side: this.side, line: text});
	}

	/** The step in flight and its last output: where a build that was stopped (a timeout) stood. */
	stepInProgress(): StepFailure {
		return {step: this.currentStep, instruction: this.currentInstruction || null, exitCode: null, logTail: this.stepOutput.slice(-failedStepLines)};
	}

	private remember(lines: string[], line: string): void {
		// A line that is only colour codes or a cleared progress bar says nothing in a failure.
		// eslint-disable-next-line no-control-regex
		if (line.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '').trim() === '') return;
		lines.push(line);
		if (lines.length > failedStepLines * 2) lines.splice(0, lines.length - failedStepLines);
	}

	private classicLine(line: string): void {
		if (line.trim() === '') {
			return;
		}

		const step = stepLine.exec(line);
		if (step) {
			const instruction = step[3];
			this.currentInstruction = instruction;
			this.currentStep = Number(step[1]);
			this.stepOutput = [];
			// The id printed after FROM is the base image: never ours to remove.
			this.reuseNextId = /^FROM\s/i.test(instruction);
			if (this.reuseNextId) {
				this.currentFrom = instruction.replace(/^FROM\s+/i, '').split(/\s+/)[0] ?? '';
			}

			this.stepInFlight = true;
			this.emit({type: 'step', side: this.side, phase: this.phase, index: Number(step[1]), total: Number(step[2]), instruction});
			return;
		}

		if (line === ' ---> Using cache') {
			this.reuseNextId = true;
			this.emit({type: 'log', side: this.side, line: 'Using cache'});
			return;
		}

		const running = /^ ---> Running in ([0-9a-f]{12,64})$/.exec(line);
		if (running) {
			this.containers.push(running[1]);
			return;
		}

		const id = arrowId.exec(line);
		if (id) {
			this.stepInFlight = false;
			this.lastImageId = id[1];
			if (!this.reuseNextId) {
				this.createdImages.push(id[1]);
			}

			this.reuseNextId = false;
			return;
		}

		const built = /^Successfully built ([0-9a-f]{12,64})$/.exec(line);
		if (built) {
			this.imageId ??= built[1];
		}

		if (/^Removing intermediate container /.test(line)) {
			return;
		}

		this.remember(this.stepOutput, line);
		this.emit({type: 'log', side: this.side, line});
	}

	private buildkitTrace(base64: string): void {
		let status;
		try {
			status = decodeStatusResponse(base64);
		} catch (error) {
			this.emit({type: 'warning', message: `Unreadable BuildKit progress message: ${error instanceof Error ? error.message : String(error)}`});
			return;
		}

		// A failed step's last output can come in the same message: its failure is told after its logs.
		const failed: Array<{digest: string; name: string; error: string}> = [];
		for (const vertex of status.vertexes) {
			if (vertex.name) {
				this.vertexNames.set(vertex.digest, vertex.name);
			}

			const name = this.vertexNames.get(vertex.digest) ?? vertex.name;
			if (vertex.started && !this.announced.has(vertex.digest)) {
				this.announced.add(vertex.digest);
				const step = buildkitStep.exec(name);
				if (step) {
					// Unnamed stages are called stage-N: only a name the Dockerfile gave is worth showing.
					const instruction = step[1] && !/^stage-\d+$/.test(step[1]) ? `${step[1]}: ${step[4]}` : step[4];
					if (/^FROM\s/i.test(step[4])) {
						this.currentFrom = step[4].replace(/^FROM\s+/i, '').split(/\s+/)[0] ?? '';
					}

					this.emit({type: 'step', side: this.side, phase: this.phase, index: Number(step[2]), total: Number(step[3]), instruction});
				}
			}

			if (vertex.cached && vertex.completed && buildkitStep.test(name)) {
				this.emit({type: 'log', side: this.side, line: `CACHED ${name}`});
			}

			if (vertex.error) failed.push({digest: vertex.digest, name, error: vertex.error});
		}

		for (const s of status.statuses) {
			if (s.total > 0 || s.id.startsWith('sha256:')) {
				this.emit({
					type: 'pull',
					image: this.currentFrom,
					layer: s.id,
					status: s.completed ? 'done' : s.name || 'downloading',
					currentBytes: s.current,
					totalBytes: s.total || undefined,
				});
			}
		}

		for (const log of status.logs) {
			// Log chunks split lines arbitrarily: keep the unfinished tail per vertex.
			const text = (this.partialLogs.get(log.vertex) ?? '') + log.text;
			const lines = text.split(/\r?\n/);
			this.partialLogs.set(log.vertex, lines.pop() ?? '');
			for (const line of lines) {
				if (line.trim() !== '') {
					const output = this.vertexOutput.get(log.vertex) ?? [];
					this.vertexOutput.set(log.vertex, output);
					this.remember(output, line);
					this.emit({type: 'log', side: this.side, line});
				}
			}
		}

		for (const {digest, name, error} of failed) {
			const step = buildkitStep.exec(name);
			const rest = this.partialLogs.get(digest)?.trim();
			this.fail(name ? `${name}: ${error}` : error, {
				index: step ? Number(step[2]) : null,
				instruction: step ? step[4] : name || null,
				output: [...(this.vertexOutput.get(digest) ?? []), ...(rest ? [rest] : [])],
			});
		}

		for (const warning of status.warnings) {
			this.emit({type: 'warning', message: warning.text.trim()});
		}
	}

	/** Emits what is left of unfinished log lines. */
	flush(): void {
		for (const [vertex, rest] of this.partialLogs) {
			if (rest.trim() !== '') {
				this.emit({type: 'log', side: this.side, line: rest});
			}

			this.partialLogs.delete(vertex);
		}
	}
}
