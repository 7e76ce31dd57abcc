// Command line -> the flags resolveOptions takes, with node:util's parseArgs. Pure: argv in,
// a result out. (A full-featured parser cost a quarter of the wizard's start-up: it read and
// normalised package.json on every run.)
import {parseArgs} from 'node:util';
import {orList, type Flags} from './options.js';
import {baseFlavors} from './types.js';
import {imageMinors} from './analysis/python-version.js';
import {demoNames, isDemoName} from './demo-names.js';

export const helpText = `
  Usage
    $ dockwiz [dir]

  Makes a Flask app's Docker image small and fast, and proves it: scans the project,
  proposes an optimized Dockerfile and .dockerignore with a reason for every change,
  builds before and after on your Docker engine and shows the measured difference.

  Options
    --demo [NAME]       Run on a bundled demo app, copied to a temp folder: ${orList(demoNames)} (default ${demoNames[0]})
    -y, --yes           Accept the proposal without questions
    --json              No UI; one JSON report on stdout, logs on stderr
    --no-build          Analyse and propose only (no Docker engine needed)
    --write             Write Dockerfile and .dockerignore (backups kept) without asking
    --dry-run           Never write anything
    --base FLAVOR       Base image flavor: ${orList([`${baseFlavors[0]} (default)`, ...baseFlavors.slice(1)])}
    --python X.Y        Python version, instead of the detected one (${imageMinors[0]} to ${imageMinors.at(-1)}; 3.11 with distroless)
    --runs N            Repeat each measured build N times, report medians (1-20)
    --network MODE      Network mode for builds and the smoke test, e.g. host
    --keep-images       Keep the measured images (dockwiz-before, dockwiz-after)
    --report FILE.md    Also write a Markdown report
    -h, --help          Show this help
    -v, --version       Show the version

  Examples
    $ dockwiz                                  wizard in the current folder
    $ dockwiz ~/src/shop --base distroless     propose a distroless image
    $ dockwiz --demo --network host            the before/after on the bundled app
    $ dockwiz --demo django --network host     the same on the bundled Django app
    $ dockwiz --json --no-build > plan.json    lint and propose in CI
    $ dockwiz -y --write --runs 3 --report dockwiz.md

  Exit codes: 0 done, 1 a build or smoke test failed, 2 bad usage or input, 130 interrupted
  (143 SIGTERM, 129 terminal closed, 141 output pipe closed).
`;

export type ParsedCommandLine =
	| {ok: true; action: 'run'; input: string[]; flags: Flags}
	| {ok: true; action: 'help' | 'version'}
	| {ok: false; message: string};

type FlagName = keyof Flags;

// Command-line spelling -> the flag it sets. `--no-build` is its own entry: Node 20's
// parseArgs has no negation.
const booleans: Record<string, {flag: FlagName; value: boolean}> = {
	demo: {flag: 'demo', value: true},
	yes: {flag: 'yes', value: true},
	json: {flag: 'json', value: true},
	build: {flag: 'build', value: true},
	'no-build': {flag: 'build', value: false},
	write: {flag: 'write', value: true},
	'dry-run': {flag: 'dryRun', value: true},
	'keep-images': {flag: 'keepImages', value: true},
};
// Each with a value to show when it is given none.
const strings: Record<string, {flag: FlagName; example: string}> = {
	base: {flag: 'base', example: baseFlavors[0]},
	python: {flag: 'python', example: '3.12'},
	runs: {flag: 'runs', example: '3'},
	network: {flag: 'network', example: 'host'},
	report: {flag: 'report', example: 'dockwiz-report.md'},
};

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
	const {tokens} = parseArgs({
		args: [...argv],
		// Not strict: unknown options are collected below and refused with a way out.
		strict: false,
		allowPositionals: true,
		tokens: true,
		options: {
			...Object.fromEntries(Object.keys(booleans).map(name => [name, {type: 'boolean' as const}])),
			...Object.fromEntries(Object.keys(strings).map(name => [name, {type: 'string' as const}])),
			yes: {type: 'boolean', short: 'y'},
			help: {type: 'boolean', short: 'h'},
			version: {type: 'boolean', short: 'v'},
		},
	});

	const input: string[] = [];
	const flags: Flags = {};
	const unknown: string[] = [];
	let action: 'run' | 'help' | 'version' = 'run';
	for (const [index, token] of tokens.entries()) {
		if (token.kind === 'positional') {
			// `--demo django`: a demo's name right after --demo names the demo, not a folder.
			const previous = tokens[index - 1];
			if (previous?.kind === 'option' && previous.name === 'demo' && previous.value === undefined && isDemoName(token.value)) {
				flags.demo = token.value;
				continue;
			}

			input.push(token.value);
			continue;
		}

		if (token.kind !== 'option') continue;
		const {name, rawName, value} = token;
		if (name === 'help' || name === 'version') {
			// Help wins over everything else on the line, as users expect of --help.
			if (action !== 'help') action = name;
		} else if (name === 'demo' && value !== undefined) {
			// `--demo=django`; an unknown name is refused in resolveOptions, with the names there are.
			flags.demo = value;
		} else if (Object.hasOwn(booleans, name)) {
			// hasOwn, not `in`: --constructor or --toString are unknown options, not Object's.
			if (value !== undefined) return {ok: false, message: `${rawName} takes no value; pass ${rawName} alone.`};
			const {flag, value: set} = booleans[name];
			(flags as Record<string, unknown>)[flag] = set;
		} else if (Object.hasOwn(strings, name)) {
			const {flag, example} = strings[name];
			if (value === undefined) return {ok: false, message: `${rawName} needs a value, e.g. ${rawName} ${example}.`};
			(flags as Record<string, unknown>)[flag] = value;
		} else {
			unknown.push(rawName);
		}
	}

	if (action !== 'run') return {ok: true, action};
	if (unknown.length > 0) {
		const shown = [...new Set(unknown)];
		return {ok: false, message: `unknown option${shown.length > 1 ? 's' : ''} ${shown.join(', ')}. Run dockwiz --help to see the options it takes.`};
	}

	return {ok: true, action: 'run', input, flags};
}
