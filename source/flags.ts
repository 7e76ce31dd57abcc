// Command line -> the flags resolveOptions takes. meow parses (spellings, short flags, --no-build,
// values, `--`); around it, a pass over the raw words refuses what meow would let through
// (unknown options, a value given to a switch, a value missing), each with the way out.
// Pure but for meow naming the process (process.title = dockwiz): argv in, a result out. meow is
// given the package's name and version, so it reads no package.json (scripts/build.mjs leaves
// its package reader out of the bundle).
import meow from 'meow';
import {orList, type Flags} from './options.js';
import {baseFlavors} from './types.js';
import {imageMinors} from './analysis/python-version.js';
import {defaultDemoApp, demoAppNames} from './demo-apps.js';

// Set by the build (scripts/build.mjs); cli.tsx reads package.json for --version when run from source.
declare const DOCKWIZ_VERSION: string | undefined;

type FlagName = keyof Flags;

type FlagEntry = {
	/** How --help shows it, e.g. `--base FLAVOR`. */
	usage: string;
	/** What --help says of it. */
	about: string;
	shortFlag?: string;
} & ({type: 'boolean'; /** Given as --no-NAME (the flag set to false). */ negated?: true} | {type: 'string'; /** Shown when it is given no value. */ example: string});

/**
 * Every flag, one entry each, in --help's order. The key is the flag's name in Flags; meow
 * spells `dryRun` as --dry-run. A new flag is one entry here (and its field in Flags).
 */
export const flagTable = {
	demo: {type: 'boolean', usage: '--demo [NAME]', about: `Run on a bundled demo app (copied to a temp folder): ${orList(demoAppNames().map(name => (name === defaultDemoApp ? `${name} (the default)` : name)))}`},
	yes: {type: 'boolean', shortFlag: 'y', usage: '-y, --yes', about: 'Accept the proposal without questions'},
	json: {type: 'boolean', usage: '--json', about: 'No UI; one JSON report on stdout, logs on stderr'},
	build: {type: 'boolean', negated: true, usage: '--no-build', about: 'Analyse and propose only (no Docker engine needed)'},
	write: {type: 'boolean', usage: '--write', about: 'Write Dockerfile and .dockerignore (backups kept) without asking'},
	dryRun: {type: 'boolean', usage: '--dry-run', about: 'Never write anything'},
	base: {type: 'string', example: baseFlavors[0], usage: '--base FLAVOR', about: `Base image flavor: ${orList([`${baseFlavors[0]} (default)`, ...baseFlavors.slice(1)])}`},
	python: {type: 'string', example: '3.12', usage: '--python X.Y', about: `Python version, instead of the detected one (${imageMinors[0]} to ${imageMinors.at(-1)}; 3.11 with distroless)`},
	runs: {type: 'string', example: '3', usage: '--runs N', about: 'Repeat each measured build N times, report medians (1-20)'},
	network: {type: 'string', example: 'host', usage: '--network MODE', about: 'Network mode for builds and the smoke test, e.g. host'},
	keepImages: {type: 'boolean', usage: '--keep-images', about: 'Keep the measured images (dockwiz-before, dockwiz-after)'},
	report: {type: 'string', example: 'dockwiz-report.md', usage: '--report FILE.md', about: 'Also write a Markdown report'},
	format: {type: 'string', example: 'sarif', usage: '--format FORMAT', about: 'Output: text (default), json, sarif (SARIF 2.1.0), github (annotations) or markdown'},
	ci: {type: 'boolean', usage: '--ci', about: 'No questions, no writes; check the budgets and exit 3 when one fails'},
	maxSize: {type: 'string', example: '200MB', usage: '--max-size SIZE', about: 'Budget (--ci): largest image, e.g. 200MB'},
	maxRatio: {type: 'string', example: '0.5', usage: '--max-ratio R', about: 'Budget (--ci): largest after/before image size ratio, e.g. 0.5'},
	maxRebuild: {type: 'string', example: '5s', usage: '--max-rebuild T', about: 'Budget (--ci): slowest warm rebuild after a code edit, e.g. 5s'},
	maxWasted: {type: 'string', example: '10MB', usage: '--max-wasted SIZE', about: 'Budget (--ci, with --explain): most bytes later layers overwrite or delete'},
	explain: {type: 'boolean', usage: '--explain', about: 'Measure each change in turn (a waterfall) and where the bytes are'},
	pull: {type: 'string', example: 'missing', usage: '--pull WHEN', about: 'Pull base images: missing (default: only those not on the engine), always or never'},
	logs: {type: 'boolean', usage: '--logs', about: "With --json: include each side's whole build and container logs"},
} satisfies {[Name in FlagName]?: FlagEntry};

// Not options of a run: they answer and end.
const actionTable = {
	help: {type: 'boolean', shortFlag: 'h', usage: '-h, --help', about: 'Show this help'},
	version: {type: 'boolean', shortFlag: 'v', usage: '-v, --version', about: 'Show the version'},
} satisfies Record<string, FlagEntry>;

const entries: Array<[string, FlagEntry]> = [...Object.entries(flagTable), ...Object.entries(actionTable)];

const optionLines = entries.map(([, entry]) => `    ${entry.usage.padEnd(20)}${entry.about}`).join('\n');

export const helpText = `
  Usage
    $ dockwiz [dir]

  Makes a Python web app's Docker image (Flask, FastAPI, Django) small and fast, and proves
  it: scans the project, proposes an optimized Dockerfile and .dockerignore with a reason for
  every change, builds before and after on your Docker engine and shows the measured difference.

  Options
${optionLines}

  Examples
    $ dockwiz                                  wizard in the current folder
    $ dockwiz ~/src/shop --base distroless     propose a distroless image
    $ dockwiz --demo --network host            the before/after on the bundled app
    $ dockwiz --demo django --network host     the same on the bundled Django app
    $ dockwiz --json --no-build > plan.json    lint and propose in CI
    $ dockwiz -y --write --runs 3 --report dockwiz.md
    $ dockwiz --ci --max-size 200MB --format sarif > dockwiz.sarif

  Engine: DOCKER_HOST (unix://, tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, ssh://user@host),
  else DOCKER_CONTEXT or the current Docker context, else the local socket.

  Settings: [tool.dockwiz] in pyproject.toml, or .dockwiz.toml (budgets, ignored, override,
  trusted-registries, base, python, port); flags win over them.

  Exit codes: 0 done, 1 a build or smoke test failed, 2 bad usage or input (or config),
  3 a budget failed (--ci), 130 interrupted (143 SIGTERM, 129 terminal closed, 141 output
  pipe closed).
`;

export type ParsedCommandLine =
	| {ok: true; action: 'run'; input: string[]; flags: Flags}
	| {ok: false; message: string}
	| {ok: true; action: 'help' | 'version'};

/** `dryRun` -> `dry-run`, as meow spells it on the command line. */
const spelled = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

const byLongName = new Map(entries.map(([name, entry]) => [spelled(name), entry]));
const byShortName = new Map(entries.flatMap(([, entry]) => (entry.shortFlag ? [[entry.shortFlag, entry] as const] : [])));
const negatedNames = new Set(entries.flatMap(([name, entry]) => (entry.type === 'boolean' && entry.negated ? [`no-${spelled(name)}`] : [])));
// What meow takes as a string flag's value even though it starts with a dash.
const negativeNumber = /^-\d/;

type RawCheck = {asks: 'help' | 'version' | null; problem: string | null; unknown: string[]};

/**
 * The words before `--`, as typed: what meow would accept silently but dockwiz refuses, in the
 * order they come, and whether help or the version was asked for.
 */
function checkRawWords(argv: readonly string[]): RawCheck {
	const check: RawCheck = {asks: null, problem: null, unknown: []};
	const ask = (name: string) => {
		// Help wins over everything else on the line, as users expect of --help.
		if (name === 'help' || check.asks === null) check.asks = name as 'help' | 'version';
	};

	const refuse = (message: string) => {
		check.problem ??= message;
	};

	for (let index = 0; index < argv.length; index++) {
		const word = argv[index];
		if (word === '--') break;
		if (!word.startsWith('-') || word === '-') continue;
		if (!word.startsWith('--')) {
			for (const letter of word.slice(1)) {
				const entry = byShortName.get(letter);
				if (!entry) check.unknown.push(`-${letter}`);
				else if (entry === actionTable.help) ask('help');
				else if (entry === actionTable.version) ask('version');
			}

			continue;
		}

		const equals = word.indexOf('=');
		const rawName = equals === -1 ? word : word.slice(0, equals);
		const name = rawName.slice(2);
		const entry = byLongName.get(name);
		if (entry === actionTable.help || entry === actionTable.version) {
			ask(name);
		} else if (entry === flagTable.demo) {
			// `--demo=NAME` names the demo; `--demo NAME` is read after meow (the name looks like a folder to it).
			continue;
		} else if (negatedNames.has(name) || entry?.type === 'boolean') {
			if (equals !== -1) refuse(`${rawName} takes no value; pass ${rawName} alone.`);
		} else if (entry?.type === 'string') {
			if (equals !== -1) continue;
			const next = argv[index + 1];
			if (next === undefined || next === '--' || (next.startsWith('-') && !negativeNumber.test(next))) {
				refuse(`${rawName} needs a value, e.g. ${rawName} ${entry.example}.`);
			} else {
				index++;
			}
		} else {
			check.unknown.push(rawName);
		}
	}

	return check;
}

const meowFlags = Object.fromEntries(entries.map(([name, entry]) => [name, {type: entry.type, shortFlag: entry.shortFlag, isMultiple: true}]));

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
	const raw = checkRawWords(argv);
	if (raw.asks) return {ok: true, action: raw.asks};
	if (raw.problem) return {ok: false, message: raw.problem};
	if (raw.unknown.length > 0) {
		const shown = [...new Set(raw.unknown)];
		return {ok: false, message: `unknown option${shown.length > 1 ? 's' : ''} ${shown.join(', ')}. Run dockwiz --help to see the options it takes.`};
	}

	const cli = meow({
		importMeta: import.meta,
		// Given, so meow reads and normalises no package.json: a quarter of the start-up when it did.
		pkg: {name: 'dockwiz', version: typeof DOCKWIZ_VERSION === 'string' ? DOCKWIZ_VERSION : 'source'},
		argv: [...argv],
		flags: meowFlags,
		// Refused above with dockwiz's own words; help and version are answered by cli.tsx.
		allowUnknownFlags: true,
		autoHelp: false,
		autoVersion: false,
		// An absent switch stays absent: resolveOptions tells "not given" from "given false".
		booleanDefault: undefined,
	});

	const flags: Flags = {};
	for (const name of Object.keys(flagTable)) {
		// Every flag is "multiple" to meow so a repeated one is no error: the last one wins.
		const given = (cli.flags as Record<string, unknown[]>)[name];
		if (Array.isArray(given) && given.length > 0) (flags as Record<string, unknown>)[name] = given.at(-1);
	}

	const input = cli.input.map(String);
	const demoApp = demoNameIn(argv);
	if (demoApp !== undefined) {
		flags.demo = true;
		flags.demoApp = demoApp;
		// `--demo NAME`: meow took the name for a folder.
		const at = input.indexOf(demoApp);
		if (at !== -1 && !argv.some(word => word.startsWith('--demo='))) input.splice(at, 1);
	}

	return {ok: true, action: 'run', input, flags};
}

/** The demo's name in `--demo=NAME`, or in `--demo NAME` when the next word is not an option (the last one wins). */
function demoNameIn(argv: readonly string[]): string | undefined {
	let name: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index];
		if (word === '--') break;
		if (word.startsWith('--demo=')) name = word.slice('--demo='.length);
		else if (word === '--demo' && argv[index + 1] !== undefined && !argv[index + 1].startsWith('-')) name = argv[index + 1];
	}

	return name;
}
