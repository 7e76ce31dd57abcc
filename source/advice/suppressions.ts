// Findings a project chose not to see: inline comments in the Dockerfile, as hadolint reads
// them (`# hadolint ignore=DL3008,DL3015` above an instruction, `# hadolint global ignore=...`
// anywhere), with `dockwiz` accepted in place of `hadolint`; and the config's `ignored` and
// `override` (re-grading), as in a .hadolint.yaml.

import type {Finding} from '../types.js';
import type {ParsedDockerfile} from './parse-dockerfile.js';
import type {LintSettings} from './rule.js';

export type InlineSuppressions = {
	/** Rules ignored for the whole file. */
	global: Set<string>;
	/** Rules ignored on one instruction: its first and last line, and the ids. */
	instructions: Array<{line: number; endLine: number; rules: Set<string>}>;
};

const suppression = /^\s*(?:hadolint|dockwiz)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9,\s]+?)\s*$/i;

function ids(list: string): string[] {
	return list.split(',').map(id => id.trim().toUpperCase()).filter(Boolean);
}

/** Reads the suppression comments; a comment applies to the next instruction, as in hadolint. */
export function inlineSuppressions(parsed: ParsedDockerfile): InlineSuppressions {
	const found: InlineSuppressions = {global: new Set(), instructions: []};
	for (const comment of parsed.comments) {
		const match = suppression.exec(comment.text);
		if (!match) continue;
		if (match[1]) {
			for (const id of ids(match[2])) found.global.add(id);
			continue;
		}

		const next = parsed.instructions.find(instruction => instruction.line > comment.line);
		if (next) found.instructions.push({line: next.line, endLine: next.endLine, rules: new Set(ids(match[2]))});
	}

	return found;
}

/** The findings no inline comment suppresses (only findings about this Dockerfile, with a line, can be). */
export function withoutSuppressed(findings: Finding[], suppressions: InlineSuppressions, isThisDockerfile: (finding: Finding) => boolean): Finding[] {
	return findings.filter(finding => {
		if (!isThisDockerfile(finding)) return true;
		if (suppressions.global.has(finding.rule)) return false;
		const line = finding.line;
		if (line === null) return true;
		return !suppressions.instructions.some(entry => line >= entry.line && line <= entry.endLine && entry.rules.has(finding.rule));
	});
}

/** The config's `ignored` rules dropped, its `override` severities applied. */
export function applyRuleSettings(findings: Finding[], settings: LintSettings | undefined): Finding[] {
	if (!settings) return findings;
	const ignored = new Set(settings.ignored ?? []);
	const override = settings.override ?? {};
	return findings
		.filter(finding => !ignored.has(finding.rule))
		.map(finding => (Object.hasOwn(override, finding.rule) ? {...finding, severity: override[finding.rule]} : finding));
}
