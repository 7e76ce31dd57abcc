// The flow's decisions, pure: what the run writes without asking, what it says when it
// does not, and the exit code. The wizard and the headless run both read them from here.

import type {Explanation} from '../explain-types.js';
import {maskSecrets} from '../analysis/mask-secrets.js';
import type {Measurement, Options} from '../types.js';
import {UserError} from '../types.js';

/** What measuring gave: the measurement, or why it stopped (the engine died, a bug). */
export type Measured = {measurement: Measurement | null; measureError: string | null; explanation?: Explanation | null};

/** Why the run writes nothing on its own. */
export type NoWriteReason = 'not-asked' | 'dry-run' | 'after-failed' | 'not-measured';

export type WriteDecision = {write: true} | {write: false; reason: NoWriteReason};

/** A step that failed with a message for the user and the exit code it ends the run with. */
export type StepFailure = {message: string; exitCode: number};

export const noWriteNotices: Record<NoWriteReason, string> = {
	'not-asked': 'Nothing written; pass --write to write the Dockerfile and .dockerignore (backups are kept).',
	'dry-run': '--dry-run: nothing was written.',
	'after-failed': 'The proposed image did not build, so nothing was written (--write).',
	'not-measured': 'Measuring stopped before the proposed image was built, so nothing was written (--write).',
};

/** With --dry-run a report asked for is not saved, and the run says so instead of "saved". */
export function reportNotSavedNotice(file: string): string {
	return `--dry-run: the report was not saved (it would go to ${file}).`;
}

/** Refusals are news to someone who passed --write; the other reasons are hints. */
export function isRefusal(reason: NoWriteReason): boolean {
	return reason === 'after-failed' || reason === 'not-measured';
}

/**
 * Whether the run writes the proposal without asking (--write). A proposal that was to be
 * measured is written only when its image built: nothing unproven replaces a user's files.
 */
export function autoWriteDecision(options: Pick<Options, 'write' | 'dryRun' | 'build'>, measured: Measured): WriteDecision {
	if (options.dryRun) return {write: false, reason: 'dry-run'};
	if (!options.write) return {write: false, reason: 'not-asked'};
	if (!options.build) return {write: true};
	if (measured.measurement === null) return {write: false, reason: 'not-measured'};
	if (!measured.measurement.builds.after.ok) return {write: false, reason: 'after-failed'};
	return {write: true};
}

/** Whether every build and smoke test that ran succeeded. */
export function buildsPassed(measurement: Measurement | null): boolean {
	if (!measurement) return true;
	return [measurement.builds.before, measurement.builds.after].every(side => side.ok && side.smoke?.ok !== false);
}

export type RunEnd = Measured & {
	/** The step that stopped the run (a scan the user must fix, a write that failed). */
	failure: StepFailure | null;
	/** Ctrl+C or a signal: the work was stopped and cleaned up. */
	interrupted: boolean;
};

/** 0 done; 1 a build or smoke test failed, or measuring stopped; a failure's own code; 130 interrupted. */
export function exitCodeFor(end: RunEnd): number {
	if (end.interrupted) return 130;
	if (end.failure) return end.failure.exitCode;
	if (end.measureError !== null) return 1;
	return buildsPassed(end.measurement) ? 0 : 1;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** A UserError keeps its message and exit code; anything else is a failure of dockwiz (exit 1). */
export function failureOf(error: unknown, prefix = ''): StepFailure {
	// An error may quote a project line (a URL with a password): masked like every output.
	return {message: maskSecrets(`${prefix}${messageOf(error)}`), exitCode: error instanceof UserError ? error.exitCode : 1};
}
