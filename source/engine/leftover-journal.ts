// What a measurement could not remove because the engine stopped answering (stopped or
// restarted mid-build) is written down, and removed by the next measurement on that engine:
// nothing of ours stays behind for good, even when the engine goes away under us.
// Each run is also written down before it creates anything, with what it creates as it goes,
// so a run killed outright (SIGKILL, power loss) leaves a record the next run can act on.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {statusOf, type EngineHandle} from './adapter.js';
import type {RunIdentity} from './run-identity.js';

export type Leftovers = {images: string[]; containers: string[]};

/** A run in progress (or killed before it could say it ended), and what it created so far. */
export type RunEntry = Omit<RunIdentity, 'runId'> & Leftovers & {startedAt: string};

type EngineJournal = Leftovers & {runs?: Record<string, RunEntry>};

type Journal = Record<string, EngineJournal>;

const isEmpty = (left: EngineJournal) => left.images.length + left.containers.length === 0 && Object.keys(left.runs ?? {}).length === 0;

/** `$XDG_CACHE_HOME/dockwiz/leftovers.json`, else `~/.cache/dockwiz/leftovers.json`. */
export function defaultJournalFile(env: NodeJS.ProcessEnv = process.env): string {
	const cache = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
	return path.join(cache, 'dockwiz', 'leftovers.json');
}

async function readJournal(file: string): Promise<Journal> {
	try {
		const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as Journal) : {};
	} catch {
		return {};
	}
}

async function writeJournal(file: string, journal: Journal): Promise<void> {
	const entries = Object.entries(journal).filter(([, left]) => !isEmpty(left)).map(([endpoint, left]) => {
		const {runs, ...rest} = left;
		return [endpoint, runs && Object.keys(runs).length > 0 ? {...rest, runs} : rest] as const;
	});
	if (entries.length === 0) {
		await fs.rm(file, {force: true});
		return;
	}

	await fs.mkdir(path.dirname(file), {recursive: true});
	const temporary = `${file}.${process.pid}.tmp`;
	await fs.writeFile(temporary, `${JSON.stringify(Object.fromEntries(entries), null, '\t')}\n`);
	await fs.rename(temporary, file);
}

/** Whether the engine answers a ping within a few seconds. */
export async function engineAnswers(engine: EngineHandle, seconds = 3): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>(resolve => {
		timer = setTimeout(() => resolve(false), seconds * 1000);
	});
	const ping = engine.adapter.ping().then(() => true, () => false);
	const answered = await Promise.race([ping, timeout]);
	clearTimeout(timer);
	return answered;
}

/** Adds what could not be removed to the journal of this engine. Best effort: a journal that cannot be written is no reason to fail. */
export async function recordLeftovers(file: string, endpoint: string, left: Leftovers): Promise<void> {
	if (left.images.length + left.containers.length === 0) return;
	try {
		const journal = await readJournal(file);
		const known = journal[endpoint] ?? {images: [], containers: []};
		journal[endpoint] = {
			...known,
			images: [...new Set([...known.images, ...left.images])],
			containers: [...new Set([...known.containers, ...left.containers])],
		};
		await writeJournal(file, journal);
	} catch {
		// Nowhere to write: the leftovers stay as they would have without a journal.
	}
}

/**
 * Removes images children first, whatever order they are listed in: passes over what is
 * left until one removes nothing (an image with children refuses until they are gone).
 * Returns what was removed and what failed without the engine answering (to try next time);
 * what stays in use or kept by someone (409) or is gone (404) is done with.
 */
export async function removeImagesChildrenFirst(engine: EngineHandle, ids: readonly string[]): Promise<{removed: number; unanswered: string[]}> {
	let pending = [...ids];
	let removed = 0;
	const unanswered: string[] = [];
	for (let progress = true; progress && pending.length > 0;) {
		progress = false;
		const refused: string[] = [];
		for (const id of pending) {
			try {
				await engine.adapter.removeImage(id, {noprune: true});
				removed++;
				progress = true;
			} catch (error) {
				const status = statusOf(error);
				if (status === 409) refused.push(id);
				else if (status !== 404) unanswered.push(id);
			}
		}

		pending = refused;
	}

	return {removed, unanswered};
}

/**
 * Removes what earlier runs left on this engine when it stopped answering: containers first,
 * then images children first, never forced (an image someone tagged or uses meanwhile
 * refuses, and is left alone). Returns how many were removed.
 */
export async function removeRecordedLeftovers(engine: EngineHandle, file: string): Promise<number> {
	const journal = await readJournal(file);
	const left = journal[engine.info.endpoint];
	if (!left || left.images.length + left.containers.length === 0) return 0;
	const remaining: EngineJournal = {images: [], containers: [], runs: left.runs};
	let removed = 0;
	for (const id of left.containers) {
		try {
			await engine.adapter.removeContainer(id, {force: true});
			removed++;
		} catch (error) {
			// Gone already (404) or kept by someone (409): done with it. Anything else: try next time.
			const status = statusOf(error);
			if (status !== 404 && status !== 409) remaining.containers.push(id);
		}
	}

	const images = await removeImagesChildrenFirst(engine, [...left.images].reverse());
	removed += images.removed;
	remaining.images = images.unanswered;
	// Runs may have been written meanwhile: only this engine's recorded ids are replaced.
	const current = await readJournal(file);
	current[engine.info.endpoint] = {...remaining, runs: current[engine.info.endpoint]?.runs};
	await writeJournal(file, current).catch(() => undefined);
	return removed;
}

/** Changes this engine's run entries; best effort, like the rest of the journal. */
async function updateRuns(file: string, endpoint: string, change: (runs: Record<string, RunEntry>) => void): Promise<void> {
	try {
		const journal = await readJournal(file);
		const known = journal[endpoint] ?? {images: [], containers: []};
		const runs = {...known.runs};
		change(runs);
		journal[endpoint] = {...known, runs};
		await writeJournal(file, journal);
	} catch {
		// Nowhere to write: the labels on what the run creates still name it.
	}
}

/** Writes the run down before it creates anything on the engine. */
export async function openRun(file: string, endpoint: string, identity: RunIdentity): Promise<void> {
	const {runId, ...process} = identity;
	await updateRuns(file, endpoint, runs => {
		runs[runId] = {...process, startedAt: new Date().toISOString(), images: [], containers: []};
	});
}

/** Adds what the run just created to its entry. */
export async function noteCreated(file: string, endpoint: string, runId: string, created: Partial<Leftovers>): Promise<void> {
	if ((created.images?.length ?? 0) + (created.containers?.length ?? 0) === 0) return;
	await updateRuns(file, endpoint, runs => {
		const entry = runs[runId];
		if (!entry) return;
		entry.images = [...new Set([...entry.images, ...(created.images ?? [])])];
		entry.containers = [...new Set([...entry.containers, ...(created.containers ?? [])])];
	});
}

/** The run ended and cleaned up after itself (what it could not remove is recorded apart). */
export async function closeRun(file: string, endpoint: string, runId: string): Promise<void> {
	await updateRuns(file, endpoint, runs => {
		delete runs[runId];
	});
}

/** The runs written down for this engine. */
export async function journalRuns(file: string, endpoint: string): Promise<Record<string, RunEntry>> {
	return (await readJournal(file))[endpoint]?.runs ?? {};
}
