import path from 'node:path';
import fs from 'node:fs';
import {baseFlavors, type BaseFlavor, type Mode, type Options} from './types.js';
import {imageMinors} from './analysis/python-version.js';
import {distrolessPython} from './advice/flavors.js';
import {demoNames, isDemoName} from './demo-names.js';

/** The flags as the command line gives them (see flags.ts). */
export type Flags = {
	/** true: `--demo` alone (Flask); a string: `--demo django`. */
	demo?: boolean | string;
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
	report?: string;
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

	if (flags.write && flags.dryRun) {
		return fail('--write and --dry-run contradict each other. Pass one of them.');
	}

	if (flags.report !== undefined && !/\.md$/i.test(flags.report)) {
		return fail(`--report ${flags.report} must name a Markdown file. Use e.g. --report dockwiz-report.md.`);
	}

	if (typeof flags.demo === 'string' && !isDemoName(flags.demo)) {
		return fail(`--demo ${flags.demo}: there is no bundled demo by that name. Use ${orList(demoNames.map(name => `--demo ${name}`))} (--demo alone is ${demoNames[0]}).`);
	}

	// `--demo nope`: a word that is no folder here was meant as a demo's name.
	if (flags.demo === true && input.length === 1 && input[0] !== '' && !input[0].includes('/') && !isDirectory(path.resolve(cwd, input[0]))) {
		return fail(`--demo ${input[0]}: there is no bundled demo by that name. Use ${orList(demoNames.map(name => `--demo ${name}`))} (--demo alone is ${demoNames[0]}).`);
	}

	if (flags.demo && input.length > 0) {
		return fail(`--demo runs on the bundled demo app, not on a folder. Drop the folder, or drop --demo; to choose a demo, name it: ${orList(demoNames.map(name => `--demo ${name}`))}.`);
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

	const json = Boolean(flags.json);
	const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
	let mode: Mode = 'tui';
	if (json) {
		mode = 'json';
	} else if (!isTTY || ci || env.TERM === 'dumb') {
		mode = 'plain';
	}

	return {
		ok: true,
		options: {
			dir,
			demo: Boolean(flags.demo),
			...(typeof flags.demo === 'string' && isDemoName(flags.demo) ? {demoApp: flags.demo} : {}),
			yes: Boolean(flags.yes),
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
			mode,
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
