// The wizard's Work before its code has loaded: the first frame does not wait for the
// analysis, advice and engine modules (nor, with --demo, for the demo's files).

import type {Work} from './types.js';

/**
 * A Work whose code (and, for the demo, project) arrives later; scan() waits for it and says
 * `note` first, and every other call comes after scan().
 */
export function lazyWork(loading: Promise<Work>, note?: string): Work {
	let loaded: Work | undefined;
	const ready = loading.then(work => {
		loaded = work;
		return work;
	});
	// Reported by scan(), which awaits it; a failure before that is not a crash.
	ready.catch(() => undefined);
	const now = (): Work => {
		if (!loaded) throw new Error('dockwiz called its work before the scan finished');
		return loaded;
	};

	return {
		async scan(onProgress, signal) {
			const work = await ready;
			if (note) onProgress(note);
			return work.scan(onProgress, signal);
		},
		advise: (report, choices) => now().advise(report, choices),
		measure: async (...args) => (await ready).measure(...args),
		write: async (report, proposal) => (await ready).write(report, proposal),
		saveReport: async (file, report) => (await ready).saveReport(file, report),
		auditProposed: async (report, proposal) => (await ready).auditProposed(report, proposal),
		// The Summary's x (and --explain) come after the measurement: the loaded work decides whether it can explain.
		async explain(report, proposal, onEvent, signal) {
			const work = await ready;
			if (!work.explain) throw new Error('This run cannot explain the image (no engine work).');
			return work.explain(report, proposal, onEvent, signal);
		},
		// Called in the same tick: the editor must own the terminal before the wizard draws again.
		editText: async (file, text) => now().editText?.(file, text) ?? {ok: false, message: 'Editing is not available in this run.'},
	};
}
