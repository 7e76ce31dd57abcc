// Cleaning up after a measurement, whatever happened: temporary tags (warm before cold, as
// the warm images sit on the cold ones' layers), the final tags unless kept, then the other
// stages' images newest first. What the engine did not answer for is written down for the
// next run; the run's journal entry goes.
import {statusOf} from './adapter.js';
import {engineAnswers} from './leftover-journal.js';
import type {MeasureContext} from './measure-run.js';

const bareId = (id: string) => id.replace(/^sha256:/, '');

export async function cleanUp(context: MeasureContext): Promise<void> {
	const {engine, plan, ledger, onEvent, signal} = context;
	onEvent({type: 'phase', phase: 'cleanup'});
	const keeping = plan.keepImages && !signal.aborted;
	const ordered = [...ledger.tempTags.filter(t => t.endsWith('-warm')), ...ledger.tempTags.filter(t => !t.endsWith('-warm'))];
	let answering = true;
	for (const tag of [...ordered, ...(keeping ? [] : ledger.finalTags)]) {
		await engine.adapter.removeImage(tag).catch((error: unknown) => {
			if (statusOf(error) === undefined) {
				// The tag, not the id: the next run untags it, and the image goes with its last tag.
				answering = false;
				ledger.unremoved.images.push(tag);
				return;
			}

			onEvent({type: 'warning', message: `Could not remove ${tag}: ${error instanceof Error ? error.message : String(error)}`});
		});
	}

	// Other stages' images are no parents of the final one, so the removals above leave them:
	// remove what the builds committed, newest first. An image still in use (a kept image's
	// parent, another build's cache) refuses, and is rightly left.
	const keep = keeping ? [...ledger.kept].map(bareId) : [];
	for (const id of [...ledger.created].reverse()) {
		if (keep.some(k => k.startsWith(id))) continue;
		await engine.adapter.removeImage(id, {noprune: true}).catch((error: unknown) => {
			if (statusOf(error) === undefined) ledger.unremoved.images.push(id);
		});
	}

	const {unremoved} = ledger;
	if (unremoved.images.length + unremoved.containers.length > 0 && (ledger.engineGone || !answering || !(await engineAnswers(engine)))) {
		await ledger.recordUnremoved();
	}

	await ledger.close();
}
