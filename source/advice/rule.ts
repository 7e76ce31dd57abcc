import type {RuleSettings} from '../ci/types.js';
import type {ProjectReport, Severity} from '../types.js';
import type {ParsedDockerfile} from './parse-dockerfile.js';

/** What every rule sees: the parsed Dockerfile, its raw text and the project it belongs to. */
export type LintContext = {
	text: string;
	parsed: ParsedDockerfile;
	report: ProjectReport;
	/** The Python the proposal runs when it was chosen (--python); else the report's. */
	python?: string;
	/** Registries FROM may use (the config's trusted-registries); none listed allows any. */
	trustedRegistries?: string[];
};

/** Settings from the project's config that change what the rules check. */
export type LintSettings = Partial<RuleSettings>;

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
	/**
	 * `project: 'django'`: the examples are linted as part of a Django project whose settings set STATIC_ROOT;
	 * `'fastapi-reload'`: of a FastAPI project whose main.py ends in `uvicorn.run("main:app", reload=True)`.
	 */
	example: {bad: string; good: string; language?: string; project?: 'django' | 'fastapi-reload'};
	/** More cases the rule must get right (a variant it catches, a near miss it leaves alone); listed in the catalogue too. */
	moreExamples?: {bad?: string[]; good?: string[]};
	/** Settings the examples are checked with (a rule that only runs when configured). */
	exampleSettings?: LintSettings;
	check(context: LintContext): RuleHit[];
};

/** Every example of a rule, the catalogue's first: each runs in test/advice/rules.test.ts. */
export function examplesOf(rule: Rule): {bad: string[]; good: string[]} {
	return {bad: [rule.example.bad, ...(rule.moreExamples?.bad ?? [])], good: [rule.example.good, ...(rule.moreExamples?.good ?? [])]};
}
