// Whole logs kept in memory, bounded: a build that prints for an hour must not grow without
// end. The oldest lines go first (a failure states its cause at the end), and the count of
// lines that went is kept so every viewer can say the log was cut.

export type BoundedLog = {lines: string[]; cutLines: number};

/** Lines kept per log: a few hundred kB of text at most. */
export const maxLogLines = 5000;

export function emptyLog(): BoundedLog {
	return {lines: [], cutLines: 0};
}

/** Appends in place (the engine's own record). */
export function pushLine(log: BoundedLog, line: string, cap = maxLogLines): void {
	log.lines.push(line);
	// Cut in batches, so a long log is not shifted one line at a time.
	if (log.lines.length > cap + Math.ceil(cap / 10)) {
		const cut = log.lines.length - cap;
		log.lines.splice(0, cut);
		log.cutLines += cut;
	}
}

/** A new log with the line appended (the wizard's reducer never mutates). */
export function withLine(log: BoundedLog, line: string, cap = maxLogLines): BoundedLog {
	const next = {lines: [...log.lines, line], cutLines: log.cutLines};
	if (next.lines.length > cap) {
		const cut = next.lines.length - cap;
		next.lines.splice(0, cut);
		next.cutLines += cut;
	}

	return next;
}

/** The line a viewer shows first when lines were cut. */
export function cutNotice(cutLines: number): string | null {
	return cutLines > 0 ? `… ${cutLines} earlier line(s) cut to keep memory bounded (the newest lines are kept)` : null;
}
