/** Waits `ms`, or less when `signal` aborts first; never rejects, so callers check the signal after. */
export const abortableSleep = (ms: number, signal: AbortSignal) => new Promise<void>(resolve => {
	const done = () => {
		clearTimeout(timer);
		signal.removeEventListener('abort', done);
		resolve();
	};

	const timer = setTimeout(done, ms);
	signal.addEventListener('abort', done, {once: true});
});
