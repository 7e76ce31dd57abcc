// Planning a measurement: which builder, what each side's build context holds, and whether
// the warm rebuild's edit lands in it. Nothing here creates anything on the engine.
import {walkContext} from '../analysis/context-walk.js';
import type {DependencyChange} from '../advice/dependency-change.js';
import {emptyLog, type BoundedLog} from '../report/bounded-log.js';
import type {ContextFile, EngineEvent, EngineInfo, PhaseStatus, Side, SideError, SidePhase} from '../types.js';
import type {Builder} from './build.js';
import type {StepFailure} from './build-stream.js';
import {buildkitNeed} from './buildkit-need.js';
import type {PullSettings} from './base-images.js';

export type MeasurePlan = {
	/** The project folder: read, never written. */
	root: string;
	before: {dockerfile: string; dockerignore: string | null; baseline: boolean};
	after: {dockerfile: string; dockerignore: string};
	/** Relative POSIX path of an application source file, changed in the stream for the warm rebuild. */
	editFile: string;
	/** The package added to the dependency file (in the stream) for the third build; absent: that build is not made. */
	dependencyChange?: DependencyChange;
	port: number;
	/** Set in the smoke test's container: placeholders for the variables the app requires at start. */
	smokeEnv?: Record<string, string>;
	runs: number;
	/** Build and run network mode, e.g. `host`. */
	network?: string;
	keepImages: boolean;
	smokeTimeoutSeconds?: number;
	buildTimeoutSeconds?: number;
	/** Force a builder; by default classic, or BuildKit when a Dockerfile needs it. */
	builder?: Builder;
	/** Where runs and their leftovers are written down (default: the user's cache folder). */
	journalFile?: string;
	/** When to pull base images, whose credentials (default: --pull missing, the Docker CLI's config). */
	pull?: PullSettings;
	/** Measure only these sides (the after alone, after the user edited it); default both. */
	sides?: Side[];
};

/** One side's plan, then what its builds measured. */
export type SideState = {
	side: Side;
	dockerfile: string;
	dockerignore: string | null;
	files: ContextFile[];
	editable: boolean;
	coldSeconds: number[];
	warmSeconds: number[];
	dependencySeconds: number[];
	/** The last dependency-change rebuild's image: checked for the added package. */
	dependencyImageId: string | null;
	/** Why this side's dependency-change rebuild is not measured (null: it is, or was not asked for). */
	dependencyNote: string | null;
	lastImageId: string | null;
	/** Null until a build sent a context. */
	contextBytes: number | null;
	error: string | null;
	/** Which phases ran and how they ended. */
	phases: Record<SidePhase, PhaseStatus>;
	/** The first failure, in the user's words (phase, step, exit code, output). */
	failure: SideError | null;
	/** The whole build output of every build of this side, bounded. */
	buildLog: BoundedLog;
};

/** Records a side's first failure: its phase, message, and the failing step when a build step failed. */
export function failSide(state: SideState, phase: SidePhase, message: string, step: StepFailure | null = null): void {
	state.phases[phase] = 'failed';
	if (state.error !== null) return;
	state.error = message;
	state.failure = {phase, step: step?.step ?? null, instruction: step?.instruction ?? null, exitCode: step?.exitCode ?? null, message, logTail: step?.logTail ?? []};
}

/** The first phase of a side that has not run yet: where a side stopped by someone else's failure stands. */
export function nextPhase(state: Pick<SideState, 'phases'>): SidePhase {
	return (['context', 'pull', 'build', 'rebuild', 'smoke'] as const).find(phase => state.phases[phase] === 'not run') ?? 'smoke';
}

export function notRunPhases(): Record<SidePhase, PhaseStatus> {
	return {context: 'not run', pull: 'not run', build: 'not run', rebuild: 'not run', smoke: 'not run'};
}

export type BuilderChoice =
	| {ok: true; builder: Builder; need: string | null; warning: string | null}
	| {ok: false; error: string};

/**
 * One builder for both sides, so they stay comparable: classic unless asked otherwise or a
 * Dockerfile needs BuildKit; an engine without BuildKit falls back to classic, or fails
 * plainly when a Dockerfile needs it.
 */
export function chooseBuilder(plan: Pick<MeasurePlan, 'before' | 'after' | 'builder'>, info: EngineInfo): BuilderChoice {
	const need = buildkitNeed(plan.before.dockerfile) ?? buildkitNeed(plan.after.dockerfile);
	const builder: Builder = plan.builder ?? (need ? 'buildkit' : 'classic');
	if (builder === 'classic' || info.builders.includes('buildkit')) return {ok: true, builder, need, warning: null};
	if (need) return {ok: false, error: `The Dockerfile uses ${need}, which needs BuildKit, and this engine (API ${info.apiVersion}) does not offer it: update Docker.`};
	return {ok: true, builder: 'classic', need, warning: 'This engine does not offer BuildKit; using the classic builder.'};
}

/** Each side's build context as Docker would send it, with warnings for files left out and an edit that would change nothing. */
export async function planSides(plan: MeasurePlan, onEvent: (event: EngineEvent) => void): Promise<SideState[]> {
	const states: SideState[] = [];
	for (const side of plan.sides ?? (['before', 'after'] as const)) {
		const {dockerfile, dockerignore} = plan[side];
		const walk = await walkContext(plan.root, dockerignore);
		for (const problem of walk.problems) {
			onEvent({type: 'warning', message: `${side}: ${problem.path} left out of the context: ${problem.message}`});
		}

		const editable = walk.included.some(f => f.path === plan.editFile && f.kind === 'file');
		if (!editable) {
			onEvent({type: 'warning', message: `${side}: ${plan.editFile} is not in the build context, so the warm rebuild changes nothing.`});
		}

		const change = plan.dependencyChange;
		const dependencyNote = change && !change.ok ? change.reason
			: change && !walk.included.some(f => f.path === change.file && f.kind === 'file') ? `${change.file} is not in this side's build context.` : null;
		states.push({side, dockerfile, dockerignore, files: walk.included, editable, coldSeconds: [], warmSeconds: [], dependencySeconds: [], dependencyImageId: null, dependencyNote, lastImageId: null, contextBytes: null, error: null, phases: notRunPhases(), failure: null, buildLog: emptyLog()});
	}

	return states;
}

/** The warm-rebuild edit: a trailing comment, unique per run so no earlier rebuild is a cache hit. */
export function editedContent(original: Buffer, file: string, nonce: string): Buffer {
	const marker = /\.(?:py|sh|rb|toml|ya?ml|txt|cfg|ini)$/i.test(file) ? `\n# dockwiz warm rebuild ${nonce}\n` : `\n<!-- dockwiz warm rebuild ${nonce} -->\n`;
	return Buffer.concat([original, Buffer.from(marker)]);
}

/** A trailing comment unique per run, so no earlier dependency-change rebuild is a cache hit (valid in requirements files and TOML). */
export function dependencyMarker(nonce: string): string {
	return `\n# dockwiz dependency change ${nonce}\n`;
}
