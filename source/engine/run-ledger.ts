// What one measurement created on the engine, kept as it goes: the clean-up removes exactly
// this, and the journal learns each id as soon as it exists, so a run killed outright can be
// cleaned up by the next one.
import type {EngineHandle} from './adapter.js';
import {closeRun, noteCreated, openRun, recordLeftovers, type Leftovers} from './leftover-journal.js';
import type {RunIdentity} from './run-identity.js';

export class RunLedger {
	/** Temporary tags of successful builds, in build order. */
	readonly tempTags: string[] = [];
	/** Final tags (`dockwiz-<side>:latest` when kept, `:run-<nonce>` otherwise), removed unless the images are kept. */
	readonly finalTags: string[] = [];
	/** Images the builds committed (other stages' too), oldest first. */
	readonly created: string[] = [];
	/** Final image ids, kept with --keep-images. */
	readonly kept = new Set<string>();
	/** What could not be removed because the engine stopped answering. */
	readonly unremoved: Leftovers = {images: [], containers: []};
	engineGone = false;
	// Journal writes are read-modify-write: one at a time.
	private writes: Promise<void> = Promise.resolve();

	constructor(
		private readonly engine: EngineHandle,
		readonly journalFile: string,
		readonly identity: RunIdentity,
	) {}

	/** Writes the run down: before anything is created. */
	async open(): Promise<void> {
		await openRun(this.journalFile, this.engine.info.endpoint, this.identity);
	}

	/** Journal writes read, change and write the file: queued, so none is lost. */
	private queue(write: () => Promise<void>): Promise<void> {
		this.writes = this.writes.then(write);
		return this.writes;
	}

	/** Notes what was just created, in the ledger and (in order) in the journal. */
	note(created: Partial<Leftovers>): Promise<void> {
		return this.queue(async () => noteCreated(this.journalFile, this.engine.info.endpoint, this.identity.runId, created));
	}

	/** Writes down what could not be removed while the engine did not answer, for the next run. */
	recordUnremoved(): Promise<void> {
		return this.queue(async () => recordLeftovers(this.journalFile, this.engine.info.endpoint, this.unremoved));
	}

	builtImage(tag: string, imageId: string | null, createdImages: string[]): Promise<void> {
		this.tempTags.push(tag);
		this.created.push(...createdImages);
		return this.note({images: [...createdImages, ...(imageId ? [imageId] : [])]});
	}

	couldNotRemove(left: Partial<Leftovers>): void {
		this.unremoved.images.push(...(left.images ?? []));
		this.unremoved.containers.push(...(left.containers ?? []));
	}

	/** The run is over and cleaned up: its entry goes (what it could not remove is recorded apart). */
	async close(): Promise<void> {
		await this.queue(async () => closeRun(this.journalFile, this.engine.info.endpoint, this.identity.runId));
	}
}
