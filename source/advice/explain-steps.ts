// The waterfall's steps: from the *before* Dockerfile to the proposal, one group of changes at a
// time in a fixed order a person can follow (.dockerignore, dependency files before the code,
// slim base, no pip cache, multi-stage venv, non-root user and production server). Each step is
// a whole Dockerfile that builds and starts the app the way the before does (its ENV, EXPOSE,
// ENTRYPOINT and CMD) until the last step, which is exactly the proposal.
import {gunicornSpec} from './dependency-steps.js';

export type ExplainStepPlan = {
	/** What this step changes, for a person (the first step is the before itself). */
	change: string;
	dockerfile: string;
	dockerignore: string | null;
};

export type ExplainPlan = {
	steps: ExplainStepPlan[];
	/** Groups that changed nothing here, or could not be taken apart, and why. */
	notes: string[];
};

export type ExplainInput = {
	before: {dockerfile: string; dockerignore: string | null; baseline: boolean};
	after: {dockerfile: string; dockerignore: string};
	/** The Python version the proposal runs (the full base for steps before the slim one). */
	python: string;
};

type Instruction = {keyword: string; text: string; args: string};

/** Logical instructions (continuations joined for `args`, the original lines kept in `text`); comments and blank lines dropped. */
export function instructionsOf(dockerfile: string): Instruction[] {
	const found: Instruction[] = [];
	let lines: string[] = [];
	for (const line of dockerfile.replace(/\r\n/g, '\n').split('\n')) {
		if (lines.length === 0 && (line.trim() === '' || line.trim().startsWith('#'))) continue;
		if (lines.length > 0 && line.trim().startsWith('#')) continue;
		lines.push(line);
		if (line.trimEnd().endsWith('\\')) continue;
		const text = lines.join('\n');
		const joined = lines.map(part => part.trimEnd().replace(/\\$/, '').trim()).join(' ').trim();
		const keyword = /^\S+/.exec(joined)?.[0].toUpperCase() ?? '';
		found.push({keyword, text, args: joined.slice(keyword.length).trim()});
		lines = [];
	}

	if (lines.length > 0) {
		const joined = lines.map(part => part.trimEnd().replace(/\\$/, '').trim()).join(' ').trim();
		const keyword = /^\S+/.exec(joined)?.[0].toUpperCase() ?? '';
		found.push({keyword, text: lines.join('\n'), args: joined.slice(keyword.length).trim()});
	}

	return found;
}

function stagesOf(instructions: Instruction[]): Instruction[][] {
	const stages: Instruction[][] = [];
	for (const instruction of instructions) {
		if (instruction.keyword === 'FROM') stages.push([]);
		stages.at(-1)?.push(instruction);
	}

	return stages;
}

const imageOf = (from: Instruction) => from.args.split(/\s+/).find(word => !word.startsWith('--')) ?? '';

const fileOf = (lines: string[]) => lines.join('\n') + '\n';

/** The parts of a RUN's `&&` chain that make the app's user and hand it folders: dropped before the last step. */
const userCommand = /^(useradd|groupadd|adduser|addgroup|install\s+(-d\s+)?-o\s)/;

function withoutUser(run: Instruction): string | null {
	const parts = run.args.split(/\s*&&\s*/).filter(part => part !== '' && !userCommand.test(part));
	return parts.length === 0 ? null : `RUN ${parts.join(' \\\n    && ')}`;
}

/** The install without the gunicorn the proposal adds: the production server comes with the last step. */
function withoutAddedServer(text: string): string {
	return text.replace(new RegExp(` (["']?)${gunicornSpec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`, 'g'), '');
}

/** Turns `pip ... --no-cache-dir` back into pip with its cache (the step before "no pip cache"). */
function withPipCache(text: string): string {
	return text.replaceAll(' --no-cache-dir', '');
}

/** The steps from before to the proposal; a proposal dockwiz did not generate (not builder + runtime) gets before, .dockerignore, proposal. */
export function explainSteps(input: ExplainInput): ExplainPlan {
	const notes: string[] = [];
	const steps: ExplainStepPlan[] = [];
	const add = (step: ExplainStepPlan, skipped: string) => {
		const previous = steps.at(-1);
		if (previous && previous.dockerfile === step.dockerfile && previous.dockerignore === step.dockerignore) {
			notes.push(skipped);
			return;
		}

		steps.push(step);
	};

	const {before, after} = input;
	steps.push({change: before.baseline ? 'Before: the naive baseline (no Dockerfile existed)' : 'Before: your Dockerfile', dockerfile: before.dockerfile, dockerignore: before.dockerignore});
	add({change: 'The proposed .dockerignore', dockerfile: before.dockerfile, dockerignore: after.dockerignore}, 'The .dockerignore: the proposed one is the one you have.');
	const finalStep = {change: 'Non-root user and production server (the proposal as a whole)', dockerfile: after.dockerfile, dockerignore: after.dockerignore};

	const [builder, runtime, ...more] = stagesOf(instructionsOf(after.dockerfile));
	const venvCopy = runtime?.find(instruction => instruction.keyword === 'COPY' && /--from=builder\b/.test(instruction.args) && /\/opt\/venv\s+\/opt\/venv$/.test(instruction.args));
	if (!builder || !runtime || more.length > 0 || !/\bAS\s+builder$/i.test(builder[0].args) || !venvCopy) {
		notes.push('The proposal is not a builder stage and a runtime stage with /opt/venv: its changes are measured together.');
		add(finalStep, 'The proposal: no different from the step before.');
		return {steps, notes};
	}

	const beforeStages = stagesOf(instructionsOf(before.dockerfile));
	const beforeLast = beforeStages.at(-1) ?? [];
	const beforeImage = beforeLast[0] ? imageOf(beforeLast[0]) : '';
	// How the before starts the app: kept until the last step, so each step runs the app the same way.
	const beforeEnv = beforeLast.filter(instruction => instruction.keyword === 'ENV').map(instruction => instruction.text);
	const beforeStart = beforeLast.filter(instruction => ['EXPOSE', 'ENTRYPOINT', 'CMD'].includes(instruction.keyword)).map(instruction => instruction.text);
	// The before's own base while it is an official python image (full or already slim); else the full python image.
	const fullBase = /^(docker\.io\/(library\/)?)?python:\d+\.\d+/.test(beforeImage) ? beforeImage : `python:${input.python}`;
	const slimBase = imageOf(builder[0]);
	// The builder's work, as one stage: the distroless skeleton (/runtime) only matters with a second stage.
	const builderBody = builder.slice(1).filter(instruction => !(instruction.keyword === 'RUN' && instruction.args.includes('/runtime'))).map(instruction => withoutAddedServer(instruction.text));
	const hasNoCache = builderBody.some(text => text.includes('--no-cache-dir'));
	const singleStage = (base: string, pipCache: boolean) => fileOf([
		`FROM ${base}`,
		...beforeEnv,
		...builderBody.map(text => (pipCache ? withPipCache(text) : text)),
		'ENV PATH=/opt/venv/bin:$PATH',
		'COPY . .',
		...beforeStart,
	]);

	add({change: `Dependency files copied and installed (into /opt/venv) before the code${fullBase === beforeImage ? '' : `, on ${fullBase}`}`, dockerfile: singleStage(fullBase, hasNoCache), dockerignore: after.dockerignore}, 'Dependency files before the code: no different here.');
	add({change: `Slim base (${slimBase})`, dockerfile: singleStage(slimBase, hasNoCache), dockerignore: after.dockerignore}, `Slim base: the before already runs on ${slimBase}.`);
	if (hasNoCache) {
		add({change: 'No pip cache (--no-cache-dir)', dockerfile: singleStage(slimBase, false), dockerignore: after.dockerignore}, 'No pip cache: no different here.');
	} else {
		notes.push('No pip cache: the proposal installs with no pip of its own to cache.');
	}

	const runtimeImage = imageOf(runtime[0]);
	const runtimeEnv = runtime.filter(instruction => instruction.keyword === 'ENV').map(instruction => instruction.text);
	const runtimeRun = runtime.filter(instruction => instruction.keyword === 'RUN').map(withoutUser).filter((text): text is string => text !== null);
	// Distroless has no shell and runs its ENTRYPOINT (python3) with the CMD as arguments: the before's exec-form CMD becomes the ENTRYPOINT.
	const noShell = /distroless/.test(runtimeImage);
	const start = noShell && !beforeStart.some(text => /^ENTRYPOINT\b/i.test(text))
		? beforeStart.map(text => text.replace(/^CMD(\s+\[)/i, 'ENTRYPOINT$1'))
		: beforeStart;
	add({
		change: 'Multi-stage build: only the venv reaches the runtime image',
		dockerfile: fileOf([
			...builder.map(instruction => withoutAddedServer(instruction.text)),
			'',
			`FROM ${runtimeImage}`,
			...runtimeEnv,
			...beforeEnv,
			...runtimeRun,
			venvCopy.text,
			'WORKDIR /app',
			'COPY . .',
			...start,
		]),
		dockerignore: after.dockerignore,
	}, 'Multi-stage build: no different here.');
	add(finalStep, 'Non-root user and production server: no different from the step before.');
	return {steps, notes};
}

/** The image the final stage starts from, through its own stages (`FROM builder`); null for scratch or an ARG. */
export function finalBaseImage(dockerfile: string): string | null {
	const images = new Map<string, string>();
	let last: string | null = null;
	for (const from of instructionsOf(dockerfile).filter(instruction => instruction.keyword === 'FROM')) {
		const words = from.args.split(/\s+/).filter(word => !word.startsWith('--'));
		const image = images.get(words[0]?.toLowerCase() ?? '') ?? words[0] ?? '';
		if (words[1]?.toLowerCase() === 'as' && words[2]) images.set(words[2].toLowerCase(), image);
		last = image;
	}

	return last && last !== 'scratch' && !last.includes('$') ? last : null;
}
