// Waiting for Ink frames in component tests.

/**
 * Polls until `check` holds. The deadline is generous on purpose (a frame comes in
 * milliseconds when the machine is idle, but can take seconds when builds load both cores):
 * it only matters when the frame never comes, and stays below the test timeout so that the
 * failure names what was awaited.
 */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}

	// Input hooks attach in effects after the frame is drawn: let them settle before typing.
	await new Promise(resolve => setTimeout(resolve, 20));
}

export function frameContains(lastFrame: () => string | undefined, text: string): () => boolean {
	return () => (lastFrame() ?? '').includes(text);
}

export const keys = {
	enter: '\r',
	tab: '\t',
	up: '\u001B[A',
	down: '\u001B[B',
	escape: '\u001B',
	ctrlC: '\u0003',
};
