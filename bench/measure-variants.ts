// Builds and measures the variants of one project with dockwiz's own engine code, so the
// bench measures what the product measures: cold build (no cache, BuildKit's cache mounts pruned
// first), warm rebuild after a one-line edit made in the context stream, dependency-change
// rebuild, size, layers, context bytes, user, HTTP check and first answer. Only the builds a
// figure of the results needs are made (each variant's MeasurePlan).
import {spawn} from 'node:child_process';
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
	/** Called before each run: the shared engine's base images can be removed by others while the bench runs. */
	beforeRun?: () => Promise<void>;
};

type State = {
	variant: Variant;
	files: ContextFile[];
	cold: number[];
	warmCacheCold: number[];
	warm: number[];
	dependency: number[];
	dependencyNote: string | null;
	lastDependency: string | null;
	contextBytes: number | null;
	lastCold: string | null;
	error: string | null;
};

const buildTimeoutSeconds = 900;

/**
 * Empties BuildKit's cache mounts (only those: `docker builder prune --filter type=exec.cachemount`),
 * so a cold build finds no pip downloads from an earlier build, another variant, fixture or session.
 * Mounts in use by a build running right now are kept by the engine. Returns the bytes freed.
 */
export async function pruneCacheMounts(): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn('docker', ['builder', 'prune', '--filter', 'type=exec.cachemount', '-f'], {stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', code => {
			if (code !== 0) {
				reject(new Error(`docker builder prune --filter type=exec.cachemount failed (${code}): ${out.trim()}`));
				return;
			}

			resolve(parseReclaimed(out));
		});
	});
}

/**
 * Where a variant's user adds the package: the project's dependency file, or, for docker init, the
 * requirements.txt it installs from (written in the stream for a project without one).
 */
export function dependencyEdit(variant: Pick<Variant, 'contextFiles'>, change: Extract<DependencyChange, {ok: true}>, addedToProjectFile: string): {file: string; text: string} {
	const own = variant.contextFiles['requirements.txt'];
	if (own !== undefined) {
		return {file: 'requirements.txt', text: addDependency('requirements', own, change.packageName) ?? own};
	}

	return {file: change.file, text: addedToProjectFile};
}

/** `Total reclaimed space: 243.9MB` → bytes (0 when the line is missing). */
export function parseReclaimed(output: string): number {
	const match = /Total reclaimed space:\s*([\d.]+)\s*([kKMGT]?B)/.exec(output);
	if (!match) return 0;
	const scale: Record<string, number> = {B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12};
	return Math.round(Number(match[1]) * (scale[match[2]] ?? 1));
}
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
		states.push({variant, files: walk.included, cold: [], warmCacheCold: [], warm: [], dependency: [], dependencyNote: options.dependencyChange.ok ? null : options.dependencyChange.reason, lastDependency: null, contextBytes: null, lastCold: null, error: null});
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
			await options.beforeRun?.();
			for (const state of states) {
				if (state.error !== null) {
					continue;
				}

				const plan = state.variant.measure;
				if (plan.firstRunOnly && run > 1) {
					continue;
				}

				for (const kind of ['cold', 'warm', 'dependency', 'warm-cache-cold'] as const) {
					const warm = kind === 'warm' || kind === 'dependency';
					if ((kind === 'warm' && !plan.warm) || (kind === 'dependency' && !plan.dependency) || (kind === 'warm-cache-cold' && !plan.warmCacheCold)) {
						continue;
					}

					if (kind === 'dependency' && (!change.ok || added === null || state.dependencyNote !== null)) {
						if (change.ok && added === null) state.dependencyNote = `${change.file} has no place to add ${change.packageName}`;
						continue;
					}

					if (kind === 'cold') {
						const freed = await pruneCacheMounts();
						if (freed > 0) options.log(`  (cache mounts pruned: ${(freed / 1e6).toFixed(1)} MB)`);
					}

					const overrides = new Map<string, string | Buffer>([...Object.entries(state.variant.contextFiles), ['Dockerfile', state.variant.dockerfile]]);
					if (state.variant.dockerignore !== null) {
						overrides.set('.dockerignore', state.variant.dockerignore);
					}

					if (kind === 'warm') {
						overrides.set(options.editFile, edited(original, `${nonce}-${run}`));
					}

					if (kind === 'dependency' && change.ok && added !== null) {
						// The same edit the product makes: the package added, and a comment unique to the run so no earlier build is a cache hit.
						const edit = dependencyEdit(state.variant, change, added);
						overrides.set(edit.file, `${edit.text}\n# bench dependency change ${nonce}-${run}\n`);
					}

					const tag = `${benchRepo(options.fixture, state.variant.name)}:${kind}-${nonce}-${run}`;
					const build = async () => buildImage(engine, {
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
					let outcome = await build();
					// A base image removed from the shared engine by someone else: made again, and the build tried once more.
					if (!outcome.ok && /load metadata for|is not on this engine/.test(outcome.error ?? '') && options.beforeRun) {
						options.log(`  ${state.variant.label}: run ${run} ${kind}: a base image is gone (${(outcome.error ?? '').split('\n')[0].slice(0, 100)}); trying again`);
						await options.beforeRun();
						outcome = await build();
					}

					if (!outcome.ok && kind === 'warm-cache-cold') {
						options.log(`  ${state.variant.label}: run ${run} cold build with a warm pip cache FAILED: ${(outcome.error ?? 'no message').split('\n')[0]}`);
						continue;
					}

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
					} else if (kind === 'warm-cache-cold') {
						state.warmCacheCold.push(outcome.seconds);
						await removeImage(engine, tag);
						made.delete(tag);
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
				warmCacheColdSeconds: spreadOf(state.warmCacheCold),
				warmSeconds: spreadOf(state.warm),
				dependencySeconds: null,
				dependencyNote: state.dependencyNote,
				firstAnswerSeconds: null,
				dockerfile: state.variant.dockerfile,
				dockerignore: state.variant.dockerignore,
				contextFiles: state.variant.contextFiles,
				notes: state.variant.notes,
				deviations: state.variant.deviations,
				fileAsUsersGetIt: state.variant.fileAsUsersGetIt,
				peer: state.variant.peer,
				measured: {warm: state.variant.measure.warm, dependency: state.variant.measure.dependency},
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
				const containers = state.variant.measure.firstAnswerEveryRun ? options.runs : 1;
				for (let run = 1; run <= containers; run++) {
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
