// What --explain measured: the waterfall of steps from before to the proposal, where the bytes
// of the before and after images are, and which .dockerignore line keeps what out of the context.
import type {ByteCategory, PackageSize} from './analysis/image-bytes.js';
import type {RuleBytes} from './analysis/context-by-rule.js';
import type {SumCheck} from './report/explain-summary.js';

export type ExplainStep = {
	/** What this step changes (the first step is the before itself). */
	change: string;
	dockerfile: string;
	dockerignore: string | null;
	sizeBytes: number | null;
	contextBytes: number | null;
	buildSeconds: number | null;
	rebuildSeconds: number | null;
	/** Whether the step's image answered HTTP (null: not run, as the build failed). */
	answered: boolean | null;
	error: string | null;
	/** Where the step's image's bytes are (null: no image, or its layers could not be read). */
	bytes: LayerBreakdown | null;
};

export type LayerBreakdown = {
	categories: Record<ByteCategory, number>;
	totalBytes: number;
	/** The largest installed Python packages. */
	packages: PackageSize[];
	wastedBytes: number;
	wasted: Array<{path: string; bytes: number}>;
};

export type Explanation = {
	steps: ExplainStep[];
	/** The first and last steps' bytes (each step has its own in steps[].bytes). */
	layers: {before: LayerBreakdown | null; after: LayerBreakdown | null};
	context: {rules: RuleBytes[]; sentBytes: number; sentFiles: number};
	/** Groups of changes that changed nothing here, and layers that could not be read. */
	notes: string[];
	/** How each number was measured. */
	method: {sizeBytes: string; contextBytes: string; buildSeconds: string; rebuildSeconds: string; layers: string};
	/** How long the whole explanation took, wall clock. */
	seconds: number;
	/** The steps' size deltas against the first-to-last difference (report/explain-summary.ts). */
	sumCheck?: SumCheck | null;
};

/** Progress of --explain, for the live view: which step, and what it is doing. */
export type ExplainEvent =
	| {type: 'explain-step'; index: number; total: number; change: string; phase: 'build' | 'rebuild' | 'smoke' | 'layers'}
	| {type: 'explain-done'; index: number; step: ExplainStep}
	| {type: 'explain-pull'}
	| {type: 'explain-layers'; images: number};
