import {randomBytes} from 'node:crypto';
import {maskStrings} from '../analysis/mask-secrets.js';
import {summarize} from '../report/summary.js';
import type {EngineEvent, Measurement} from '../types.js';
import type {EngineHandle} from './adapter.js';
import {defaultJournalFile} from './leftover-journal.js';
import {recoverLeftovers} from './leftover-recovery.js';
import {cleanUp} from './measure-cleanup.js';
import {collectResults, emptyResult} from './measure-collect.js';
import {chooseBuilder, planSides, type MeasurePlan} from './measure-plan.js';
import {pullBases, runBuilds, type MeasureContext} from './measure-run.js';
import {RunLedger} from './run-ledger.js';
import {newRunIdentity, runLabels, pidRuns, type RunIdentity} from './run-identity.js';

export type {MeasurePlan} from './measure-plan.js';

export class MeasureAborted extends Error {
	constructor() {
		super('The measurement was interrupted; the images and containers it made were removed.');
		this.name = 'AbortError';
	}
}

/** Who is measuring and how a pid is checked; tests of the leftovers pass their own. */
export type MeasureRun = {identity?: RunIdentity; isRunning?: (pid: number) => boolean};

/**
 * Measures before and after on one engine with one builder and one network mode:
 * what interrupted runs left is removed first; then plan (builder, contexts), run (base
 * images, cold builds, warm rebuilds), collect (image facts, smoke runs), and clean up.
 * Measurement images are removed at the end unless keepImages; on abort, everything
 * this measurement made is removed and a MeasureAborted is thrown.
 */
export async function measure(engine: EngineHandle, plan: MeasurePlan, onEvent: (e: EngineEvent) => void, signal: AbortSignal, run: MeasureRun = {}): Promise<Measurement> {
	const runs = Math.max(1, Math.floor(plan.runs));
	const identity = run.identity ?? newRunIdentity();
	const ledger = new RunLedger(engine, plan.journalFile ?? defaultJournalFile(), identity);

	onEvent({type: 'engine', info: engine.info});
	const recovery = await recoverLeftovers(engine, ledger.journalFile, identity, run.isRunning ?? pidRuns);
	if (recovery.removed > 0) {
		onEvent({type: 'warning', message: `Removed ${recovery.removed} image(s) or container(s) an earlier run left (it was interrupted, or the engine stopped answering).`});
	}

	for (const message of recovery.leftAlone) onEvent({type: 'warning', message});

	const choice = chooseBuilder(plan, engine.info);
	if (!choice.ok) {
		const builds = {before: emptyResult('before', null, choice.error), after: emptyResult('after', null, choice.error)};
		return {builds, summary: summarize(builds)};
	}

	if (choice.warning) onEvent({type: 'warning', message: choice.warning});
	const states = await planSides(plan, onEvent);
	const context: MeasureContext = {
		engine,
		plan,
		onEvent,
		signal,
		ledger,
		labels: runLabels(identity),
		nonce: `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`,
		builder: choice.builder,
		need: choice.need,
		checkAbort() {
			if (signal.aborted) throw new MeasureAborted();
		},
	};

	// Written down before anything is created: a run killed from here on leaves a record.
	await ledger.open();
	try {
		const pulls = await pullBases(context, states);
		await runBuilds(context, states, runs);
		// Build logs echo the Dockerfile (`ENV TOKEN=...`, a URL with a password): the result is
		// masked where it is made, whoever reads it next.
		const builds = maskStrings(await collectResults(context, states, runs));
		return {builds: {...builds, pulls}, summary: summarize(builds)};
	} finally {
		await cleanUp(context);
	}
}
