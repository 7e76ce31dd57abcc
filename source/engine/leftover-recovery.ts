// On start, a run looks for what earlier runs left on this engine: ids written down when the
// engine stopped answering, runs written down in the journal whose process is gone, and
// images and containers labelled with a run whose process is gone. It removes those, says
// what it cannot judge (another host's process), and never touches a run still alive.
import type {EngineHandle, ImageSummary} from './adapter.js';
import {closeRun, journalRuns, removeImagesChildrenFirst, removeRecordedLeftovers} from './leftover-journal.js';
import {identityFromLabels, livenessOf, pidRuns, runLabel, runLabels, type RunIdentity} from './run-identity.js';

export type Recovery = {
	/** Images and containers removed. */
	removed: number;
	/** What was found and left alone, in words (a run whose process cannot be checked from here). */
	leftAlone: string[];
};

/** Temporary tags a measurement gives its builds; any other tag means someone keeps the image. */
const temporaryTag = /^dockwiz-(?:before|after):tmp-/;

type Found = {identity: RunIdentity; images: ImageSummary[]; containers: string[]};

/** What one dead run left: containers, images to untag (their only tags are temporary), image ids. */
type DeadRun = {containers: Set<string>; untag: ImageSummary[]; ids: Set<string>};

async function removeDeadRun(engine: EngineHandle, dead: DeadRun): Promise<number> {
	let count = 0;
	for (const id of dead.containers) {
		try {
			await engine.adapter.removeContainer(id, {force: true});
			count++;
		} catch {
			// Gone already (404), or the engine did not answer: the labels still name it next time.
		}
	}

	// Untagging an image's last tag deletes it, with the untagged parents its build made.
	for (const image of dead.untag) {
		for (const tag of image.repoTags) await engine.adapter.removeImage(tag).catch(() => undefined);
		const gone = await engine.adapter.inspectImage(image.id).then(() => false, () => true);
		if (gone) count++;
		else dead.ids.add(image.id);
	}

	return count + (await removeImagesChildrenFirst(engine, [...dead.ids])).removed;
}

function describe(found: Found, why: string): string {
	const {runId, pid, host} = found.identity;
	const filter = `label=${runLabel}=${runLabels(found.identity)[runLabel]}`;
	return `Found ${found.images.length} image(s) and ${found.containers.length} container(s) of dockwiz run ${runId} (pid ${pid} on ${host || 'an unnamed host'}); ${why}, so they were left. If that run is over: docker rm -f $(docker ps -aq --filter ${filter}); docker rmi $(docker images -q --filter ${filter})`;
}

/**
 * Removes what interrupted runs left on this engine, except the current run's and a living
 * run's. `isRunning` is how a pid of this host is checked (a test passes its own).
 */
export async function recoverLeftovers(engine: EngineHandle, journalFile: string, here: RunIdentity, isRunning: (pid: number) => boolean = pidRuns): Promise<Recovery> {
	const recovery: Recovery = {removed: await removeRecordedLeftovers(engine, journalFile), leftAlone: []};
	const dead = new Map<string, DeadRun>();
	const deadRun = (runId: string) => {
		const known = dead.get(runId) ?? {containers: new Set<string>(), untag: [], ids: new Set<string>()};
		dead.set(runId, known);
		return known;
	};

	// Runs the journal knows, with what they wrote down as they created it (intermediate images carry no labels).
	const runs = await journalRuns(journalFile, engine.info.endpoint);
	for (const [runId, entry] of Object.entries(runs)) {
		if (runId === here.runId || livenessOf({runId, ...entry}, here, isRunning) !== 'dead') continue;
		const run = deadRun(runId);
		for (const id of entry.containers) run.containers.add(id);
		for (const id of entry.images) run.ids.add(id);
	}

	// What carries a run's labels, journal or not (another user's cache folder, a lost journal).
	const found = new Map<string, Found>();
	const labelled = (labels: Record<string, string>): Found | null => {
		const identity = identityFromLabels(labels);
		if (!identity || identity.runId === here.runId) return null;
		const known = found.get(identity.runId) ?? {identity, images: [], containers: []};
		found.set(identity.runId, known);
		return known;
	};

	const [containers, images] = await Promise.all([engine.adapter.listContainers(runLabel).catch(() => []), engine.adapter.listImages(runLabel).catch(() => [])]);
	for (const container of containers) labelled(container.labels)?.containers.push(container.id);
	for (const image of images) labelled(image.labels)?.images.push(image);
	for (const [runId, run] of found) {
		const liveness = livenessOf(run.identity, here, isRunning);
		if (liveness === 'unknown') recovery.leftAlone.push(describe(run, 'its process runs on another host and cannot be checked from here'));
		if (liveness !== 'dead') continue;
		const entry = deadRun(runId);
		for (const id of run.containers) entry.containers.add(id);
		for (const image of run.images) {
			// Another tag means someone keeps it (--keep-images): not a leftover.
			if (image.repoTags.some(tag => !temporaryTag.test(tag))) continue;
			if (image.repoTags.length > 0) entry.untag.push(image);
			else entry.ids.add(image.id);
		}
	}

	for (const [runId, run] of dead) {
		recovery.removed += await removeDeadRun(engine, run);
		if (runs[runId]) await closeRun(journalFile, engine.info.endpoint, runId);
	}

	return recovery;
}
