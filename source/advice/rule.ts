import type {ProjectReport, Severity} from '../types.js';
import type {ParsedDockerfile} from './parse-dockerfile.js';

/** What every rule sees: the parsed Dockerfile, its raw text and the project it belongs to. */
export type LintContext = {
	text: string;
	parsed: ParsedDockerfile;
	report: ProjectReport;
};

export type RuleHit = {
	line: number | null;
	/** Overrides the rule's title when the hit has specifics to say. */
	message?: string;
	fix?: string;
	file?: string;
};

export type Rule = {
	/** hadolint's id when the rule is the same, else DW###. */
	id: string;
	severity: Severity;
	/** One line: what is wrong. */
	title: string;
	/** Why it matters (size, speed, security, correctness). */
	why: string;
	/** What to do instead. */
	fix: string;
	/** `dockerfile` rules read only the Dockerfile; `context` rules read the build context. */
	scope: 'dockerfile' | 'context';
	/** For the catalogue: a bad and a good example (a Dockerfile, or a .dockerignore for context rules; `language` for other files). */
	example: {bad: string; good: string; language?: string};
	check(context: LintContext): RuleHit[];
};
