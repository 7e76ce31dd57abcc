// The vocabulary of the CI run (--ci): budgets, output formats and rule settings. Kept apart
// from types.ts so the CI pieces can grow without touching the shared file.

import type {Severity} from '../types.js';

export const outputFormats = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export const budgetNames = ['max-size', 'max-ratio', 'max-rebuild', 'max-wasted', 'no-root', 'no-error-findings', 'smoke'] as const;
export type BudgetName = (typeof budgetNames)[number];

/** What --ci checks. A limit left out is not checked; the three switches default as documented in budgets.ts. */
export type BudgetLimits = {
	maxSizeBytes?: number;
	maxRatio?: number;
	maxRebuildSeconds?: number;
	/** Bytes that a later layer overwrites or deletes (the image breakdown of --explain). */
	maxWastedBytes?: number;
	noRoot?: boolean;
	noErrorFindings?: boolean;
	smoke?: boolean;
	/** Which image the size, rebuild, user and smoke budgets measure (default: the project's own Dockerfile when it has one). */
	image?: 'project' | 'proposal';
};

/** One budget as checked: `value` is null when it was not measured (and then `ok` is false). */
export type Budget = {
	name: BudgetName;
	/** Bytes, a ratio, seconds; `true` for the switches. */
	limit: number | boolean;
	/** Bytes, a ratio, seconds, a user name or a count of findings; null when not measured. */
	value: number | string | null;
	ok: boolean;
	/** One line for people: what was measured against what, or why nothing was. */
	detail: string;
};

/** Rules ignored or re-graded, as hadolint's `ignored` / `override`, and the registries FROM may use. */
export type RuleSettings = {
	ignored: string[];
	override: Record<string, Severity>;
	trustedRegistries: string[];
};
