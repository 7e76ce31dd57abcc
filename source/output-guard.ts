// Standard streams that fail: a reader that went away (`| head`), a closed terminal, a full
// disk (`> /dev/full`). Node reports each as an 'error' event on the stream, and one nobody
// listens to crashes the process with a stack trace, in the middle of a build and before the
// clean-up. These listeners turn each into a stop with its conventional exit code.
import {brokenPipeExitCode, stopSignals} from './stop.js';

type Stream = {on(event: 'error', listener: (error: Error) => void): unknown};

export type OutputFailure = {
	/** The exit code the run should end with. */
	exitCode: number;
	/** What to tell the user on stderr; null when nothing should be said (or nobody can read it). */
	message: string | null;
};

/** What a failed write to standard output means for the run. */
export function outputFailure(error: Error): OutputFailure {
	const code = (error as NodeJS.ErrnoException).code ?? '';
	// The reader went away (`| head -c 10`): say nothing, as tools killed by SIGPIPE do.
	if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return {exitCode: brokenPipeExitCode, message: null};
	// The terminal is gone (closed window, lost ssh): as SIGHUP, which usually comes too.
	if (code === 'EIO') return {exitCode: stopSignals.SIGHUP, message: null};
	// A full disk or another failing destination: the output the user asked for is lost, and
	// they can fix where it goes. Exit 2, as for a --report path that cannot be written; exit 1
	// would say a build or smoke test failed.
	const reason = code === 'ENOSPC' ? 'no space left on the device' : code || error.message;
	return {exitCode: 2, message: `dockwiz: cannot write to standard output (${reason}); the run was stopped. Send the output where there is room, e.g. dockwiz --json > report.json on another disk.`};
}

/**
 * Listens for write errors on stdout (a stop with the failure's code, and a message on stderr
 * when it is worth one), on stderr (ignored: there is nowhere left to say anything) and on
 * stdin (a closed terminal's reads fail with EIO; the SIGHUP that follows stops the run).
 */
export function guardStandardStreams(
	streams: {stdout: Stream; stderr: Stream & {write(text: string): unknown}; stdin?: Stream},
	onFailure: (exitCode: number) => void,
): void {
	let stdoutFailed = false;
	let stderrFailed = false;
	streams.stderr.on('error', () => {
		stderrFailed = true;
	});
	streams.stdin?.on('error', () => undefined);
	streams.stdout.on('error', error => {
		if (stdoutFailed) return;
		stdoutFailed = true;
		const failure = outputFailure(error);
		if (failure.message && !stderrFailed) streams.stderr.write(`${failure.message}\n`);
		onFailure(failure.exitCode);
	});
}
