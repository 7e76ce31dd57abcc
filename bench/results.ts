// What one benchmark run measured: per fixture, per variant. Written as bench/results.json
// so the Markdown, the chart and the readme table can be rendered again without rebuilding.
import type {Spread} from '../source/types.js';
import type {VariantName} from './variants.js';

export type VariantResult = {
	name: VariantName;
	label: string;
	ok: boolean;
	error: string | null;
	sizeBytes: number | null;
	layers: number | null;
	contextBytes: number | null;
	/** The image's configured user ('root' when unset). */
	user: string | null;
	/** The HTTP status of the first answer, or null when none came. */
	httpStatus: number | null;
	coldSeconds: Spread | null;
	/** docker init only: a second no-cache build right after the first, its pip cache mount left full (not in any target). */
	warmCacheColdSeconds?: Spread | null;
	warmSeconds: Spread | null;
	/** Rebuild with the cache after one package is added to the dependency file; null when not measured (dependencyNote says why). */
	dependencySeconds?: Spread | null;
	dependencyNote?: string | null;
	/** From the container's start to its first HTTP answer, one container per run. */
	firstAnswerSeconds?: Spread | null;
	dockerfile: string;
	dockerignore: string | null;
	/** Files added to or replaced in the context stream (e.g. the requirements.txt docker init asks for). */
	contextFiles?: Record<string, string>;
	notes: string[];
	/** Every difference between what was built and what the peer's users get. */
	deviations?: string[];
	/** The peer's file as its users get it, when it differs from the one built. */
	fileAsUsersGetIt?: string;
	/** For a peer: built as its users get it (asIs), or hand-edited so it builds. */
	peer?: {asIs: boolean; handEdited: boolean};
	/** Which optional builds were made (false: not needed by any figure, shown as "not built"). */
	measured?: {warm: boolean; dependency: boolean};
};

export type FixtureResult = {
	name: string;
	/** What kind of project it is, for the reader. */
	shape: string;
	wsgiTarget: string | null;
	manager: string;
	port: number;
	editFile: string;
	/** The package the dependency-change rebuild adds, and to which file (null: not measured, for the reason given). */
	dependencyChange?: {packageName: string; file: string} | {reason: string};
	variants: VariantResult[];
};

export type Machine = {
	cpu: string;
	cores: number;
	memoryBytes: number;
	os: string;
	engineVersion: string;
	apiVersion: string;
	builder: string;
	network: string;
};

export type LoadAverage = {samples: number; min: number; median: number; max: number};

export type BenchResults = {
	date: string;
	runs: number;
	/** Minutes the builds took. */
	minutes?: number;
	/** The 1-minute load average, sampled every 15 s during the run (other engineers build on the same engine). */
	load?: LoadAverage;
	machine: Machine;
	fixtures: FixtureResult[];
	/** What the reader must know about how this run went. */
	notes?: string[];
};

/** A user that is not root: neither unset, `root`, `0` nor `0:...`. */
export function runsAsNonRoot(user: string | null): boolean {
	if (user === null) {
		return false;
	}

	const name = user.split(':')[0].trim();
	return name !== '' && name !== 'root' && name !== '0';
}
