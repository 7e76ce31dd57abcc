// Key input helpers. Tabs typed in a burst can arrive as one chunk ("\t\t"), which Ink
// does not flag as key.tab: treat such a chunk as a tab too.

export function isTabs(input: string): boolean {
	return input.length > 1 && /^\t+$/.test(input);
}
