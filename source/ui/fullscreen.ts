// Full-screen handling: Ink 6 has no alternate-screen option, so we enter the alternate
// buffer ourselves and keep a small cleanup registry that restores the terminal on every
// way out — normal exit, error, uncaught exception, and the stop signals (see stop.ts).

// Home too: the alternate screen keeps the cursor where the shell left it.
export const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[?25l';
export const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

type Cleanup = () => void;

export type CleanupRegistry = {
	/** Adds a cleanup; returns a function that removes it again. */
	add(cleanup: Cleanup): () => void;
	/** Runs every cleanup once, newest first; later calls do nothing. */
	run(): void;
	readonly size: number;
};

export function createCleanupRegistry(): CleanupRegistry {
	const cleanups: Cleanup[] = [];
	return {
		add(cleanup) {
			cleanups.push(cleanup);
			return () => {
				const index = cleanups.indexOf(cleanup);
				if (index !== -1) cleanups.splice(index, 1);
			};
		},
		run() {
			while (cleanups.length > 0) {
				const cleanup = cleanups.pop()!;
				try {
					cleanup();
				} catch {
					// A failing cleanup must not keep the others (the screen restore) from running.
				}
			}
		},
		get size() {
			return cleanups.length;
		},
	};
}

type Writable = {write(text: string): unknown};

/**
 * Enters the alternate buffer and registers leaving it. Leaving is idempotent, so the
 * normal path and a signal arriving at the same time restore the screen only once.
 */
export function enterFullScreen(stdout: Writable, registry: CleanupRegistry, alreadyEntered = false): () => void {
	// The boot frame (boot-frame.ts) may have entered it already; entering again would blank it.
	if (!alreadyEntered) stdout.write(enterAlternateScreen);
	let left = false;
	const leave = () => {
		if (left) return;
		left = true;
		stdout.write(leaveAlternateScreen);
	};

	const remove = registry.add(leave);
	return () => {
		remove();
		leave();
	};
}

export type ProcessLike = {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	off(event: string, listener: (...args: unknown[]) => void): unknown;
};

export type ExitHandlers = {
	/** A crash nothing else caught: the screen is already restored. */
	onCrash(error: unknown): void;
};

/**
 * Restores the terminal on the process's ways out: a crash, and exit (process.exit included,
 * which is how a second Ctrl+C or the clean-up bound of stop.ts ends the run). The signals
 * themselves are stop.ts's: they interrupt the work, which then unmounts the wizard.
 */
export function installExitHandlers(processLike: ProcessLike, registry: CleanupRegistry, handlers: ExitHandlers): () => void {
	const onCrash = (error: unknown) => {
		registry.run();
		handlers.onCrash(error);
	};

	const onExit = () => registry.run();

	processLike.on('uncaughtException', onCrash);
	processLike.on('unhandledRejection', onCrash);
	processLike.on('exit', onExit);
	return () => {
		processLike.off('uncaughtException', onCrash);
		processLike.off('unhandledRejection', onCrash);
		processLike.off('exit', onExit);
	};
}
