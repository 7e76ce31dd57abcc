import path from 'node:path';
import fs from 'node:fs';
import {baseFlavors, pullModes, type BaseFlavor, type Mode, type Options, type PullMode} from './types.js';
import {imageMinors} from './analysis/python-version.js';
import {distrolessPython} from './advice/flavors.js';
import {resolveCiFlags} from './ci/ci-options.js';
import {defaultDemoApp, demoAppNames} from './demo-apps.js';

/** The flags as the command line gives them (see flags.ts). */
export type Flags = {
	demo?: boolean;
	/** `--demo NAME`: which bundled demo. */
	demoApp?: string;
	yes?: boolean;
	json?: boolean;
	build?: boolean;
	write?: boolean;
	dryRun?: boolean;
	base?: string;
	python?: string;
	runs?: number | string;
	network?: string;
	keepImages?: boolean;
	logs?: boolean;
	report?: string;
	ci?: boolean;
	format?: string;
	maxSize?: string;
	maxRatio?: string;
	maxRebuild?: string;
	maxWasted?: string;
	explain?: boolean;
	pull?: string;
};

export type ResolveResult = {ok: true; options: Options} | {ok: false; message: string};

function isBaseFlavor(name: string): name is BaseFlavor {
	return (baseFlavors as readonly string[]).includes(name);
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
	return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}

const networkMode = /^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/;

/**
 * Turns parsed flags into Options, or a one-line message that names the fix.
 * Pure but for one read-only question: does the folder exist (injectable for tests).
 */
export function resolveOptions(
	input: string[],
	flags: Flags,
	env: Record<string, string | undefined>,
	isTTY: boolean,
	cwd: string = process.cwd(),
	isDirectory: (p: string) => boolean = defaultIsDirectory,
): ResolveResult {
	const fail = (message: string): ResolveResult => ({ok: false, message});

	if (input.length > 1) {
		return fail(`dockwiz takes one folder, got ${input.length}: ${input.join(' ')}. Run it as \`dockwiz [dir]\`.`);
	}

	const base = flags.base ?? baseFlavors[0];
	if (!isBaseFlavor(base)) {
		return fail(`--base ${base} is not a base flavor dockwiz knows. Use ${orList(baseFlavors.map(flavor => `--base ${flavor}`))}.`);
	}

	let python: string | undefined;
	if (flags.python !== undefined) {
		if (!(imageMinors as readonly string[]).includes(flags.python)) {
			return fail(`--python ${flags.python} is not a Python version dockwiz can build: official python:X.Y-slim images exist for ${orList(imageMinors)}. Give one of them, e.g. --python 3.12.`);
		}

		// The distroless image carries one interpreter; building another minor there would
		// silently run the app on 3.11 (or fail to find the venv's python), so say so now.
		if (base === 'distroless' && flags.python !== distrolessPython) {
			return fail(`--python ${flags.python} cannot be used with --base distroless: its image has only Python ${distrolessPython}. Use --python ${distrolessPython}, or --base slim for Python ${flags.python}.`);
		}

		python = flags.python;
	}

	const runsText = String(flags.runs ?? 1);
	const runs = Number(runsText);
	if (!/^\d+$/.test(runsText) || !Number.isInteger(runs) || runs < 1 || runs > 20) {
		return fail(`--runs ${runsText} is out of range. Give a whole number from 1 to 20, e.g. --runs 3.`);
	}

	if (flags.network !== undefined && !networkMode.test(flags.network)) {
		return fail(`--network ${flags.network} is not a network mode. Use e.g. --network host or --network bridge.`);
	}

	const pull = flags.pull ?? 'missing';
	if (!(pullModes as readonly string[]).includes(pull)) {
		return fail(`--pull ${pull} is not a pull mode. Use ${orList(pullModes.map(mode => `--pull ${mode}`))}.`);
	}

	if (flags.write && flags.dryRun) {
		return fail('--write and --dry-run contradict each other. Pass one of them.');
	}

	if (flags.report !== undefined && !/\.md$/i.test(flags.report)) {
		return fail(`--report ${flags.report} must name a Markdown file. Use e.g. --report dockwiz-report.md.`);
	}

	if (flags.demoApp !== undefined && !demoAppNames().includes(flags.demoApp)) {
		return fail(`--demo ${flags.demoApp} is not a bundled demo: use ${orList(demoAppNames().map(name => `--demo ${name}`))} (--demo alone is ${defaultDemoApp}). To run on a folder, drop --demo: dockwiz path/to/project.`);
	}

	if (flags.explain && flags.build === false) {
		return fail('--explain measures each change by building it; it cannot run with --no-build. Drop one of them.');
	}

	if (flags.demo && input.length > 0) {
		return fail(`--demo runs on the bundled demo app, not on a folder. Drop the folder, or drop --demo; to choose a demo, name it: ${orList(demoAppNames().map(name => `--demo ${name}`))}.`);
	}

	// path.resolve('') is the current folder: an empty argument (an unset shell variable, as
	// in `dockwiz "$APP_DIR"`) must not quietly become wherever dockwiz was started.
	if (input[0] === '') {
		return fail('The project folder argument is empty (an unset variable?). Give the folder\'s path, e.g. dockwiz path/to/project, or run dockwiz with no argument in the project folder.');
	}

	const dir = path.resolve(cwd, input[0] ?? '.');
	if (!flags.demo && !isDirectory(dir)) {
		return fail(`${dir} is not a folder. Run dockwiz in your project folder, or give its path: dockwiz path/to/project.`);
	}

	const ciFlags = resolveCiFlags(flags);
	if (!ciFlags.ok) return fail(ciFlags.message);
	const {format, budgets} = ciFlags.value;

	const json = Boolean(flags.json) || format === 'json';
	const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
	let mode: Mode = 'tui';
	if (json || (format !== undefined && format !== 'text')) {
		// Every document format is written alone on stdout, progress on stderr, as --json.
		mode = 'json';
	} else if (!isTTY || ci || ciFlags.value.ci || env.TERM === 'dumb') {
		mode = 'plain';
	}

	return {
		ok: true,
		options: {
			dir,
			demo: Boolean(flags.demo),
			...(flags.demo && flags.demoApp ? {demoApp: flags.demoApp} : {}),
			// --ci asks nothing: the proposal is taken as it comes (and never written).
			yes: Boolean(flags.yes) || ciFlags.value.ci,
			json,
			build: flags.build ?? true,
			write: Boolean(flags.write),
			dryRun: Boolean(flags.dryRun),
			base,
			python,
			runs,
			network: flags.network,
			keepImages: Boolean(flags.keepImages),
			report: flags.report,
			explain: Boolean(flags.explain),
			mode,
			...(ciFlags.value.ci ? {ci: true, budgets} : {}),
			...(format === undefined ? {} : {format}),
			pull: pull as PullMode,
			...(flags.logs ? {logs: true} : {}),
		},
	};
}

function defaultIsDirectory(p: string): boolean {
	try {
		return fs.statSync(p).isDirectory();
	} catch {
		return false;
	}
}
