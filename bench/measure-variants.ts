// Builds and measures the variants of one project with dockwiz's own engine code, so the
// bench measures what the product measures: cold build (no cache), warm rebuild after a
// one-line edit made in the context stream, size, layers, context bytes, user, HTTP check.
import {randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {addDependency, type DependencyChange} from '../source/advice/dependency-change.js';
import {walkContext} from '../source/analysis/context-walk.js';
import {hasPackage} from '../source/engine/dependency-check.js';
import {baseImages, buildImage, ensureBaseImages, imageFacts, packContext, smokeTest, spreadOf, type Builder, type Engine} from '../source/engine/index.js';
import type {ContextFile, EngineEvent, SmokeResult} from '../source/types.js';
import type {VariantResult} from './results.js';
import type {Variant} from './variants.js';

export type MeasureOptions = {
	fixture: string;
	root: string;
	editFile: string;
	/** The package the third build adds to the dependency file, in the stream. */
	dependencyChange: DependencyChange;
	port: number;
	runs: number;
	builder: Builder;
	/** Build network (the local package index answers on the host's loopback). */
	network: string;
	log: (line: string) => void;
	signal: AbortSignal;
};

type State = {
	variant: Variant;
	files: ContextFile[];
	cold: number[];
	warm: number[];
	dependency: number[];
	dependencyNote: string | null;
	lastDependency: string | null;
	contextBytes: number | null;
	lastCold: string | null;
	error: string | null;
};

const buildTimeoutSeconds = 900;
const ignoreEvents = (_event: EngineEvent) => undefined;

/** A one-line edit at the end of the file, unique per run so no earlier build is a cache hit. */
function edited(original: Buffer, nonce: string): Buffer {
	return Buffer.concat([original, Buffer.from(`\n# bench edit ${nonce}\n`)]);
}

/** `dockwiz-bench-<fixture>-<variant>`: every image the bench makes has this prefix. */
export function benchRepo(fixture: string, variant: string): string {
	return `dockwiz-bench-${fixture}-${variant}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
}

async function removeImage(engine: Engine, tag: string): Promise<void> {
	await engine.adapter.removeImage(tag).catch(() => undefined);
}

/**
 * Runs the image on the host network and waits for an HTTP answer on 127.0.0.1 at the app's
 * own port (the smoke test refuses a port already in use): this machine's traffic stays on
 * loopback, never on a bridge address.
 */
export async function smokeVariant(engine: Engine, image: string, options: Pick<MeasureOptions, 'port' | 'log' | 'signal'>): Promise<SmokeResult> {
	return smokeTest(engine, {image, side: 'after', port: options.port, network: 'host', timeoutSeconds: 40}, ignoreEvents, options.signal);
}

/**
 * Per run, every variant in turn: a cold build and then the warm rebuild. Variants are
 * interleaved so slow phases of the machine spread over all of them. Images are removed as
 * soon as they are measured; the last cold image of each is inspected and run, then removed.
 */
export async function measureVariants(engine: Engine, variants: Variant[], options: MeasureOptions): Promise<VariantResult[]> {
	const nonce = randomBytes(3).toString('hex');
	const states: State[] = [];
	for (const variant of variants) {
		const walk = await walkContext(options.root, variant.dockerignore);
		states.push({variant, files: walk.included, cold: [], warm: [], dependency: [], dependencyNote: options.dependencyChange.ok ? null : options.dependencyChange.reason, lastDependency: null, contextBytes: null, lastCold: null, error: null});
	}

	const {outcomes: pulls} = await ensureBaseImages(engine, [...new Set(variants.flatMap(v => baseImages(v.dockerfile)))], ignoreEvents, options.signal);
	for (const state of states) {
		const missing = baseImages(state.variant.dockerfile).map(image => pulls.get(image)).find(outcome => outcome && !outcome.ok);
		if (missing && !missing.ok) {
			state.error = missing.message;
		}
	}

	const original = await readFile(path.join(options.root, ...options.editFile.split('/')));
	const change = options.dependencyChange;
	const dependencyText = change.ok ? await readFile(path.join(options.root, ...change.file.split('/')), 'utf8') : '';
	const added = change.ok ? addDependency(change.kind, dependencyText, change.packageName) : null;
	const made = new Set<string>();
	try {
		for (let run = 1; run <= options.runs; run++) {
			for (const state of states) {
				if (state.error !== null) {
					continue;
				}

				for (const kind of ['cold', 'warm', 'dependency'] as const) {
					const warm = kind !== 'cold';
					if (kind === 'dependency' && (!change.ok || added === null || state.dependencyNote !== null)) {
						if (change.ok && added === null) state.dependencyNote = `${change.file} has no place to add ${change.packageName}`;
						continue;
					}

					const overrides = new Map<string, string | Buffer>([['Dockerfile', state.variant.dockerfile]]);
					if (state.variant.dockerignore !== null) {
						overrides.set('.dockerignore', state.variant.dockerignore);
					}

					if (kind === 'warm') {
						overrides.set(options.editFile, edited(original, `${nonce}-${run}`));
					}

					if (kind === 'dependency' && change.ok && added !== null) {
						// The same edit the product makes: the package added, and a comment unique to the run so no earlier build is a cache hit.
						overrides.set(change.file, `${added}\n# bench dependency change ${nonce}-${run}\n`);
					}

					const tag = `${benchRepo(options.fixture, state.variant.name)}:${kind}-${nonce}-${run}`;
					const outcome = await buildImage(engine, {
						side: 'after',
						phase: warm ? 'rebuild' : 'build',
						context: () => packContext(options.root, state.files, overrides),
						tag,
						nocache: !warm,
						network: options.network,
						builder: options.builder,
						needsBuildkit: options.builder === 'buildkit',
						timeoutSeconds: buildTimeoutSeconds,
					}, ignoreEvents, options.signal);
					if (!outcome.ok && kind === 'dependency') {
						state.dependencyNote = `the rebuild failed: ${(outcome.error ?? 'no message').split('\n')[0]}`;
						options.log(`  ${state.variant.label}: run ${run} dependency rebuild FAILED: ${state.dependencyNote}`);
						continue;
					}

					if (!outcome.ok) {
						state.error = outcome.error ?? 'the build failed';
						options.log(`  ${state.variant.label}: run ${run} ${kind} build FAILED: ${state.error}`);
						break;
					}

					made.add(tag);
					options.log(`  ${state.variant.label.padEnd(20)} run ${run} ${kind} ${outcome.seconds.toFixed(2)} s`);
					if (kind === 'dependency') {
						state.dependency.push(outcome.seconds);
						if (state.lastDependency) {
							await removeImage(engine, state.lastDependency);
							made.delete(state.lastDependency);
						}

						state.lastDependency = tag;
					} else if (warm) {
						state.warm.push(outcome.seconds);
						await removeImage(engine, tag);
						made.delete(tag);
					} else {
						state.cold.push(outcome.seconds);
						state.contextBytes = outcome.contextBytes;
						if (state.lastCold) {
							await removeImage(engine, state.lastCold);
							made.delete(state.lastCold);
						}

						state.lastCold = tag;
					}
				}
			}
		}

		const results: VariantResult[] = [];
		for (const state of states) {
			const result: VariantResult = {
				name: state.variant.name,
				label: state.variant.label,
				ok: false,
				error: state.error,
				sizeBytes: null,
				layers: null,
				contextBytes: state.contextBytes,
				user: null,
				httpStatus: null,
				coldSeconds: spreadOf(state.cold),
				warmSeconds: spreadOf(state.warm),
				dependencySeconds: null,
				dependencyNote: state.dependencyNote,
				firstAnswerSeconds: null,
				dockerfile: state.variant.dockerfile,
				dockerignore: state.variant.dockerignore,
				notes: state.variant.notes,
			};
			if (state.error === null && state.lastCold) {
				const facts = await imageFacts(engine, state.lastCold);
				Object.assign(result, {sizeBytes: facts.sizeBytes, layers: facts.layers, user: facts.user});
				if (state.lastDependency && change.ok && state.dependencyNote === null) {
					// A rebuild that never installed the package is fast for the wrong reason: it does not count.
					const installed = await hasPackage(engine, {image: state.lastDependency, packageName: change.packageName, network: options.network, labels: {}});
					if (installed) result.dependencySeconds = spreadOf(state.dependency);
					else result.dependencyNote = installed === false ? `the rebuilt image does not have ${change.packageName}: this Dockerfile does not install from ${change.file}` : `could not check that the rebuilt image has ${change.packageName}`;
				}

				// One container per run: the first answer is a median like the build times.
				const smokes: SmokeResult[] = [];
				for (let run = 1; run <= options.runs; run++) {
					const one = await smokeVariant(engine, state.lastCold, options);
					smokes.push(one);
					if (!one.ok) break;
				}

				const smoke = smokes.find(one => !one.ok) ?? smokes[0];
				if (smoke.ok) result.firstAnswerSeconds = spreadOf(smokes.flatMap(one => typeof one.firstAnswerSeconds === 'number' ? [one.firstAnswerSeconds] : []));
				result.httpStatus = smoke.status;
				result.ok = smoke.ok;
				if (!smoke.ok) {
					result.error = `${smoke.error ?? 'no HTTP answer'}${smoke.logTail?.length ? ` (last log: ${smoke.logTail.slice(-3).join(' | ')})` : ''}`;
				}

				options.log(`  ${state.variant.label.padEnd(20)} ${(facts.sizeBytes / 1e6).toFixed(1)} MB, ${facts.layers} layers, user ${facts.user}, ${smoke.ok ? `HTTP ${smoke.status}, first answer ${result.firstAnswerSeconds?.median.toFixed(2)} s` : `no HTTP answer: ${smoke.error}`}${result.dependencyNote ? `; dependency change not measured: ${result.dependencyNote}` : ''}`);
			}

			results.push(result);
		}

		return results;
	} finally {
		for (const tag of made) {
			await removeImage(engine, tag);
		}
	}
}
