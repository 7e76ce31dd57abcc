/** Where a side failed: its image build, or the container started from the built image. */
export type FailurePhase = 'build' | 'smoke';

/** What is known about one failure: all the hints read, nothing else (no Docker, no files). */
export type FailureInput = {
	phase: FailurePhase;
	/** The failing build step's instruction (`RUN pip install -r requirements.txt`), when a build failed. */
	instruction?: string;
	exitCode?: number | null;
	/** The last lines of the build step's output, or of the container's logs. */
	logTail: string[];
};

/** One line saying what went wrong, and one naming the fix. */
export type FailureHint = {id: string; message: string; fix: string};

/** An example for the catalogue and the tests; `log` is the tail as the tool printed it. */
export type FailureExample = {
	phase: FailurePhase;
	instruction?: string;
	exitCode?: number;
	log: string;
	/** Words the hint must name for this example (the package, the path, the variable...). */
	names?: string[];
};

export type FailureRule = {
	/** FH### (failure hint), in catalogue order. */
	id: string;
	/** One line: the cause this rule recognises. */
	title: string;
	/** The fix in general; each hint names the specifics. */
	fix: string;
	/** The phases whose logs can show this cause. */
	phases: FailurePhase[];
	/** Only when no other rule explains the failure (a generic symptom whose cause another rule may name). */
	fallback?: boolean;
	examples: {bad: FailureExample[]; good: FailureExample[]};
	match(input: FailureInput): Omit<FailureHint, 'id'> | null;
};

/** The last line matching `pattern`, with its match; logs end with the cause, so the last one wins. */
export function lastMatch(lines: string[], pattern: RegExp): {line: string; index: number; match: RegExpExecArray} | null {
	for (let index = lines.length - 1; index >= 0; index--) {
		const match = pattern.exec(lines[index]);
		if (match) return {line: lines[index], index, match};
	}

	return null;
}

/** The log without Docker's step prefixes (`#9 12.34 `) and carriage returns, so patterns see what the tool printed. */
export function cleanLines(lines: string[]): string[] {
	return lines.map(line => line.replace(/^#\d+ \d+(\.\d+)? /, '').replace(/\r$/, ''));
}
