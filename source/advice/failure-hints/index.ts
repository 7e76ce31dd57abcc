// Failure hints: the common causes of a failed build or a crashing container, recognised in the log tail.
// Pure: they read the phase, the instruction, the exit code and the log lines they are given.
import {cleanLines, type FailureHint, type FailureInput, type FailureRule} from './hint.js';
import {maskSecrets} from '../../analysis/mask-secrets.js';
import {fh001} from './fh001-no-matching-distribution.js';
import {fh002} from './fh002-permission-denied.js';
import {fh003} from './fh003-module-not-found.js';
import {fh004} from './fh004-missing-shared-library.js';
import {fh005} from './fh005-address-in-use.js';
import {fh006} from './fh006-worker-failed-to-boot.js';
import {fh007} from './fh007-pkg-resources.js';
import {fh008} from './fh008-build-tools-missing.js';
import {fh009} from './fh009-missing-environment-variable.js';
import {fh010} from './fh010-entrypoint-cannot-start.js';

export type {FailureHint, FailureInput, FailurePhase, FailureRule, FailureExample} from './hint.js';
export {renderFailureHintsDoc} from './doc.js';

/** In catalogue order; a fallback rule speaks only when no other rule explains the failure. */
export const failureRules: FailureRule[] = [fh001, fh002, fh003, fh004, fh005, fh006, fh007, fh008, fh009, fh010];

// A hint is one line on a screen: a cause echoed from a long log line is cut.
const maxLineChars = 240;
// The lines a rule reads are cut too: causes are stated at the start of a line, and a progress bar or
// a base64 blob of megabytes must not cost the patterns time.
const maxReadChars = 4096;
// And only the end of the log: that is where a failure states its cause.
const maxReadLines = 200;

function oneLine(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > maxLineChars ? `${flat.slice(0, maxLineChars - 1)}…` : flat;
}

/** The hints for one failure, most specific first; none when no rule recognises it. */
export function hintsFor(input: FailureInput): FailureHint[] {
	// Masked on the way in: a rule can echo only what has been masked, and a hint's own words
	// (`-e SECRET_KEY=...`) are not mistaken for a credential.
	const cleaned: FailureInput = {
		...input,
		instruction: input.instruction === undefined ? undefined : maskSecrets(input.instruction),
		logTail: cleanLines(input.logTail.flatMap(line => line.split('\n')).slice(-maxReadLines)).map(line => maskSecrets(line.slice(0, maxReadChars))),
	};
	const applies = failureRules.filter(rule => rule.phases.includes(cleaned.phase));
	const run = (rule: FailureRule): FailureHint[] => {
		const hit = rule.match(cleaned);
		return hit ? [{id: rule.id, message: oneLine(hit.message), fix: oneLine(hit.fix)}] : [];
	};

	const specific = applies.filter(rule => !rule.fallback).flatMap(run);
	return specific.length > 0 ? specific : applies.filter(rule => rule.fallback).flatMap(run);
}
