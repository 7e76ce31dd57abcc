// Which .dockerignore line removes how much of the build context: every file of the project
// that the file as a whole leaves out is put down to the last line that matches it (Docker's
// rule: the last matching line decides), so the rules' bytes add up to the bytes left out.
import {dockerignorePatterns, ignoreRules} from './ignore-rules.js';
import {walkContext} from './context-walk.js';
import type {ContextFile} from '../types.js';

export type RuleBytes = {
	/** 1-based line in the .dockerignore. */
	line: number;
	pattern: string;
	/** What this line leaves out that no later line decides otherwise. */
	bytes: number;
	files: number;
};

export type ContextByRule = {
	rules: RuleBytes[];
	/** What is still sent. */
	sentBytes: number;
	sentFiles: number;
};

// Docker sends these two even when .dockerignore excludes them.
const alwaysSent = new Set(['Dockerfile', '.dockerignore']);

/** The rules' share of the context, over a list of the project's files (every file, nothing left out). */
export function contextBytesByRule(files: ContextFile[], dockerignoreText: string | null): ContextByRule {
	const lines = (dockerignoreText ?? '').replace(/^\uFEFF/, '').split(/\r?\n/).map((text, index) => ({line: index + 1, pattern: text.trim()}))
		.filter(entry => dockerignorePatterns(entry.pattern).length > 0);
	const whole = ignoreRules(dockerignoreText);
	// Each line alone: an exception line is matched as its pattern without the `!`.
	const single = lines.map(entry => ({...entry, negative: entry.pattern.startsWith('!'), rules: ignoreRules(entry.pattern.replace(/^!\s*/, ''))}));
	const rules: RuleBytes[] = lines.map(entry => ({line: entry.line, pattern: entry.pattern, bytes: 0, files: 0}));
	let sentBytes = 0;
	let sentFiles = 0;
	for (const file of files) {
		if (file.kind === 'dir') continue;
		if (alwaysSent.has(file.path) || !whole.ignores(file.path)) {
			sentBytes += file.bytes;
			sentFiles++;
			continue;
		}

		// Left out: the last line that matches it is a plain (not `!`) one, and it decided.
		for (let index = single.length - 1; index >= 0; index--) {
			if (!single[index].negative && single[index].rules.ignores(file.path)) {
				rules[index].bytes += file.bytes;
				rules[index].files++;
				break;
			}
		}
	}

	return {rules, sentBytes, sentFiles};
}

/** The project's every file, read once, then put down to the lines of `dockerignoreText`. */
export async function contextRulesFor(root: string, dockerignoreText: string | null): Promise<ContextByRule> {
	const everything = await walkContext(root, null);
	return contextBytesByRule(everything.included, dockerignoreText);
}
