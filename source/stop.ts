// How a run stops early. Ctrl+C (SIGINT), SIGTERM and SIGHUP (the terminal was closed) all
// abort the work the same way: builds stop, what they made is removed, nothing more is
// written. The listeners are installed first thing and stay until the process ends, so a
// signal is never met by Node's default action (death on the spot, the screen left in the
// alternate buffer, images and temp folders left behind), whatever phase it lands in.

/** The stop signals and their conventional exit codes (128 + the signal's number). */
export const stopSignals = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
export type StopSignal = keyof typeof stopSignals;

/** Exit code when standard output's reader went away (as if killed by SIGPIPE: 128 + 13). */
export const brokenPipeExitCode = 141;

/**
 * How long clean-up may take after a stop before the process exits anyway. Removing a
 * run's images takes a few seconds on a healthy engine; an engine that stopped answering
 * must not keep a closed terminal's process alive (the leftovers journal covers that case).
 */
export const cleanupBoundSeconds = 20;

export type Stop = {
	/** Aborted at the first stop: every long operation takes it. */
	readonly signal: AbortSignal;
	/** The exit code of the first stop, null while running. */
	readonly code: number | null;
	/** The signal that stopped the run; null while running or when stop() did. */
	readonly signalName: StopSignal | null;
	/** SIGHUP came: nobody can read the terminal any more, so nothing needs to be drawn. */
	readonly terminalGone: boolean;
	/** Stops the run from inside (standard output failed) with this exit code; `hungUp`: the terminal is gone. */
	stop(code: number, hungUp?: boolean): void;
	/**
	 * Ends the process with `code`. After SIGHUP it dies of SIGHUP instead (its parent sees 129
	 * all the same): Node's own exit restores the terminal's settings, and on a terminal that
	 * is gone that fails and Node aborts (exit 134, "Assertion failed" in ResetStdio).
	 */
	end(code: number): void;
	/** Removes the listeners and the clean-up bound (the run is over). */
	dispose(): void;
};

export type StopProcess = {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	off(event: string, listener: (...args: unknown[]) => void): unknown;
	removeAllListeners(event: string): unknown;
	exit(code: number): never | void;
	kill(pid: number, signal: string): unknown;
	pid: number;
};

/**
 * Listens for the stop signals for the whole run. The first aborts `signal` and gives the
 * clean-up `boundSeconds` before exiting with its code; a second SIGINT or SIGTERM exits at
 * once (the user insists). process.exit runs the 'exit' listeners, which restore the screen.
 */
export function watchStop(processLike: StopProcess = process, boundSeconds = cleanupBoundSeconds): Stop {
	const controller = new AbortController();
	let code: number | null = null;
	let signalName: StopSignal | null = null;
	let terminalGone = false;
	let bound: NodeJS.Timeout | undefined;

	const remove = () => {
		for (const [name, listener] of listeners) processLike.off(name, listener);
	};

	const end = (exitCode: number) => {
		if (terminalGone) {
			// Every listener, Ink's signal-exit included: with none left, SIGHUP's default action ends the process.
			processLike.removeAllListeners('SIGHUP');
			processLike.kill(processLike.pid, 'SIGHUP');
		}

		processLike.exit(exitCode);
	};

	const stop = (exitCode: number, hungUp = false) => {
		if (hungUp) terminalGone = true;
		if (code !== null) return;
		code = exitCode;
		controller.abort();
		// Unref'd: a run that finishes its clean-up sooner exits then, not at the bound.
		bound = setTimeout(() => end(exitCode), boundSeconds * 1000);
		bound.unref();
	};

	const listeners = (Object.entries(stopSignals) as Array<[StopSignal, number]>).map(([name, exitCode]) => {
		const listener = () => {
			if (name === 'SIGHUP') terminalGone = true;
			if (code !== null) {
				// A second Ctrl+C or SIGTERM: the user insists. A SIGHUP is no one insisting: a closed
				// terminal often sends several (the kernel's, the shell's, the terminal's), and the
				// clean-up goes on, within its bound.
				if (name !== 'SIGHUP') end(code);
				return;
			}

			signalName = name;
			stop(exitCode);
		};

		processLike.on(name, listener);
		return [name, listener] as const;
	});

	return {
		signal: controller.signal,
		get code() {
			return code;
		},
		get signalName() {
			return signalName;
		},
		get terminalGone() {
			return terminalGone;
		},
		stop,
		end,
		dispose() {
			remove();
			clearTimeout(bound);
		},
	};
}
