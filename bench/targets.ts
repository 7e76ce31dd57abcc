// The targets, checked on the ratios of one run, each PASS or MISS with its numbers.
import type {Spread} from '../source/types.js';
import {ratio as afterOverBefore} from '../source/report/format.js';
import {runsAsNonRoot, type FixtureResult, type VariantResult} from './results.js';

export type Check = {
	fixture: string;
	/** What is compared, e.g. `slim/naive size`. */
	what: string;
	pass: boolean;
	/** The measured figure: a ratio, or a fact. */
	measured: string;
	target: string;
	/** Why it missed, when it did and the reason is known. */
	why?: string;
};

/**
 * Timing noise: a dockwiz time counts as worse than docker-init's only when its median is
 * more than 10 % and more than 0.3 s above docker-init's median, and also above the slowest
 * of docker-init's runs. Sub-second rebuilds of identical work vary by a few hundred
 * milliseconds here (BuildKit's session set-up, two cores shared with other builds).
 */
export const timingTolerance = 0.1;
export const timingFloorSeconds = 0.3;

export function timeNoWorse(ours: Spread, theirs: Spread): boolean {
	return ours.median <= Math.max(theirs.median * (1 + timingTolerance), theirs.median + timingFloorSeconds, theirs.max);
}

/** Bytes a file takes in the context tar: a 512-byte header and its content padded to 512. */
export function tarEntryBytes(contentBytes: number): number {
	return 512 + Math.ceil(contentBytes / 512) * 512;
}

/**
 * The context without the variant's own Dockerfile and .dockerignore: what the project sends.
 * Those two differ by design (dockwiz's carry a comment per choice), the project's files are
 * what a .dockerignore decides.
 */
export function projectContextBytes(v: Pick<VariantResult, 'contextBytes' | 'dockerfile' | 'dockerignore'>): number | null {
	if (v.contextBytes === null) {
		return null;
	}

	const own = tarEntryBytes(Buffer.byteLength(v.dockerfile)) + (v.dockerignore === null ? 0 : tarEntryBytes(Buffer.byteLength(v.dockerignore)));
	return v.contextBytes - own;
}

// A target over a zero reference cannot pass: read a missing ratio as infinitely worse.
const ratio = (a: number, b: number) => afterOverBefore(a, b) ?? Number.POSITIVE_INFINITY;
const fixed = (value: number) => value.toFixed(2);

function variant(fixture: FixtureResult, name: VariantResult['name']): VariantResult | undefined {
	return fixture.variants.find(v => v.name === name);
}

function failed(fixture: string, what: string, target: string, who: VariantResult | undefined): Check {
	return {fixture, what, pass: false, measured: 'not measured', target, why: who?.error ?? 'the variant did not build'};
}

/** Every target for one fixture. */
export function checkFixture(fixture: FixtureResult): Check[] {
	const checks: Check[] = [];
	const naive = variant(fixture, 'naive');
	const init = variant(fixture, 'docker-init');
	const slim = variant(fixture, 'dockwiz-slim');
	const distroless = variant(fixture, 'dockwiz-distroless');
	const name = fixture.name;
	const built = (v: VariantResult | undefined): v is VariantResult & {sizeBytes: number} => v !== undefined && v.sizeBytes !== null && v.coldSeconds !== null;

	// Against naive.
	if (built(slim) && built(naive)) {
		const size = ratio(slim.sizeBytes, naive.sizeBytes);
		checks.push({fixture: name, what: 'slim/naive size', pass: size <= 0.35, measured: fixed(size), target: '<= 0.35'});
		if (slim.warmSeconds && naive.warmSeconds) {
			const warm = ratio(slim.warmSeconds.median, naive.warmSeconds.median);
			checks.push({fixture: name, what: 'slim/naive warm rebuild', pass: warm <= 0.3, measured: fixed(warm), target: '<= 0.3'});
		}
	} else {
		checks.push(failed(name, 'slim/naive', '<= 0.35 size, <= 0.3 warm', built(slim) ? naive : slim));
	}

	// Against docker-init-style: no worse on any metric.
	if (built(slim) && built(init)) {
		const size = ratio(slim.sizeBytes, init.sizeBytes);
		checks.push({fixture: name, what: 'slim/docker-init size', pass: size <= 1, measured: fixed(size), target: '<= 1'});
		for (const [what, ours, theirs] of [['cold build', slim.coldSeconds, init.coldSeconds], ['warm rebuild', slim.warmSeconds, init.warmSeconds]] as const) {
			if (ours && theirs) {
				checks.push({fixture: name, what: `slim/docker-init ${what}`, pass: timeNoWorse(ours, theirs), measured: fixed(ratio(ours.median, theirs.median)), target: `<= 1 (noise: ${timingTolerance * 100} % and ${timingFloorSeconds} s, or docker-init's max)`});
			}
		}

		const ours = projectContextBytes(slim);
		const theirs = projectContextBytes(init);
		if (ours !== null && theirs !== null) {
			checks.push({fixture: name, what: 'slim/docker-init context bytes (project files)', pass: ours <= theirs, measured: `${fixed(ratio(ours, theirs))} (${ours} vs ${theirs} B)`, target: '<= 1'});
		}

		if (slim.layers !== null && init.layers !== null) {
			checks.push({fixture: name, what: 'slim/docker-init layers', pass: slim.layers <= init.layers, measured: `${slim.layers} vs ${init.layers}`, target: 'no more'});
		}
	} else {
		checks.push(failed(name, 'slim vs docker-init', 'no worse on any metric', built(slim) ? init : slim));
	}

	// A dependency change: pip reruns in every template; the issue asks dockwiz slim for <= 0.3x naive's and no worse than docker-init-style's.
	if (built(slim)) {
		const notMeasured = (who: VariantResult) => ({measured: 'not measured', why: `${who.label}: ${who.dependencyNote ?? 'no dependency change was measured'}`});
		for (const [other, target] of [[naive, '<= 0.3'], [init, `<= 1 (noise: ${timingTolerance * 100} % and ${timingFloorSeconds} s, or docker-init's max)`]] as const) {
			if (!built(other)) continue;
			const what = `slim/${other.name} dependency-change rebuild`;
			const ours = slim.dependencySeconds;
			const theirs = other.dependencySeconds;
			if (!ours || !theirs) {
				checks.push({fixture: name, what, pass: false, target, ...notMeasured(ours ? other : slim)});
				continue;
			}

			const measuredRatio = ratio(ours.median, theirs.median);
			checks.push({fixture: name, what, pass: other.name === 'naive' ? measuredRatio <= 0.3 : timeNoWorse(ours, theirs), measured: fixed(measuredRatio), target});
		}
	}

	// The distroless builder: its cold build within 1.5x slim's.
	if (built(distroless) && built(slim) && distroless.coldSeconds && slim.coldSeconds) {
		const cold = ratio(distroless.coldSeconds.median, slim.coldSeconds.median);
		checks.push({fixture: name, what: 'distroless/slim cold build', pass: cold <= 1.5, measured: fixed(cold), target: '<= 1.5'});
	}

	// Start-up: the first HTTP answer no later than naive's (same noise rule as the build times).
	for (const ours of [slim, distroless]) {
		if (!built(ours) || !built(naive) || !ours.firstAnswerSeconds || !naive.firstAnswerSeconds) continue;
		checks.push({fixture: name, what: `${ours.name === 'dockwiz-slim' ? 'slim' : 'distroless'}/naive first answer`, pass: timeNoWorse(ours.firstAnswerSeconds, naive.firstAnswerSeconds), measured: fixed(ratio(ours.firstAnswerSeconds.median, naive.firstAnswerSeconds.median)), target: `<= 1 (noise: ${timingTolerance * 100} % and ${timingFloorSeconds} s, or naive's max)`});
	}

	if (built(distroless) && built(init)) {
		const size = ratio(distroless.sizeBytes, init.sizeBytes);
		checks.push({fixture: name, what: 'distroless/docker-init size', pass: size <= 0.75, measured: fixed(size), target: '<= 0.75'});
	} else {
		checks.push(failed(name, 'distroless/docker-init size', '<= 0.75', built(distroless) ? init : distroless));
	}

	// Every dockwiz image answers HTTP and runs as a non-root user.
	for (const ours of [slim, distroless]) {
		if (!ours) {
			continue;
		}

		checks.push({fixture: name, what: `${ours.label} answers HTTP`, pass: ours.httpStatus !== null && ours.httpStatus < 500, measured: ours.httpStatus === null ? 'no answer' : `HTTP ${ours.httpStatus}`, target: 'an answer below 500', why: ours.httpStatus === null ? ours.error ?? undefined : undefined});
		checks.push({fixture: name, what: `${ours.label} runs non-root`, pass: runsAsNonRoot(ours.user), measured: ours.user ?? 'unknown', target: 'not root'});
	}

	return checks;
}
