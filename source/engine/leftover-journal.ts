// What a measurement could not remove because the engine stopped answering (stopped or
// restarted mid-build) is written down, and removed by the next measurement on that engine:
// nothing of ours stays behind for good, even when the engine goes away under us.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {Engine} from './connect.js';

export type Leftovers = {images: string[]; containers: string[]};

type Journal = Record<string, Leftovers>;

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
	const entries = Object.entries(journal).filter(([, left]) => left.images.length + left.containers.length > 0);
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
export async function engineAnswers(engine: Engine, seconds = 3): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>(resolve => {
		timer = setTimeout(() => resolve(false), seconds * 1000);
	});
	const ping = engine.docker.ping().then(() => true, () => false);
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
			images: [...new Set([...known.images, ...left.images])],
			containers: [...new Set([...known.containers, ...left.containers])],
		};
		await writeJournal(file, journal);
	} catch {
		// Nowhere to write: the leftovers stay as they would have without a journal.
	}
}

function statusOf(error: unknown): number | undefined {
	return (error as {statusCode?: number}).statusCode;
}

/**
 * Removes what earlier runs left on this engine: containers first, then images newest first,
 * never forced (an image someone tagged or uses meanwhile refuses, and is left alone).
 * Returns how many were removed.
 */
export async function removeRecordedLeftovers(engine: Engine, file: string): Promise<number> {
	const journal = await readJournal(file);
	const left = journal[engine.info.endpoint];
	if (!left) return 0;
	const remaining: Leftovers = {images: [], containers: []};
	let removed = 0;
	const attempt = async (remove: () => Promise<unknown>, id: string, into: string[]) => {
		try {
			await remove();
			removed++;
		} catch (error) {
			// Gone already (404) or kept by someone (409): done with it. Anything else: try next time.
			const status = statusOf(error);
			if (status !== 404 && status !== 409) into.push(id);
		}
	};

	for (const id of left.containers) await attempt(() => engine.docker.getContainer(id).remove({force: true}), id, remaining.containers);
	for (const id of [...left.images].reverse()) await attempt(() => engine.docker.getImage(id).remove({noprune: true}), id, remaining.images);
	remaining.images.reverse();
	journal[engine.info.endpoint] = remaining;
	await writeJournal(file, journal).catch(() => undefined);
	return removed;
}
