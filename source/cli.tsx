#!/usr/bin/env node
// Flags -> Options, then one of three modes (Ink wizard, plain lines, JSON). Nothing else:
// the work lives in work.ts, the wizard in ui/, the headless run in headless.ts.
import meow from 'meow';
import {resolveOptions} from './options.js';
import {UserError, type Options, type Work} from './types.js';

const cli = meow(
	`
  Usage
    $ dockwiz [dir]

  Makes a Flask app's Docker image small and fast, and proves it: scans the project,
  proposes an optimized Dockerfile and .dockerignore with a reason for every change,
  builds before and after on your Docker engine and shows the measured difference.

  Options
    --demo              Run on the bundled demo app (copied to a temp folder)
    -y, --yes           Accept the proposal without questions
    --json              No UI; one JSON report on stdout, logs on stderr
    --no-build          Analyse and propose only (no Docker engine needed)
    --write             Write Dockerfile and .dockerignore (backups kept) without asking
    --dry-run           Never write anything
    --base FLAVOR       Base image flavor: slim (default), distroless or alpine
    --python X.Y        Python version, instead of the detected one
    --runs N            Repeat each measured build N times, report medians (1-20)
    --network MODE      Network mode for builds and the smoke test, e.g. host
    --keep-images       Keep the measured images (dockwiz-before, dockwiz-after)
    --report FILE.md    Also write a Markdown report
    --help              Show this help
    --version           Show the version

  Examples
    $ dockwiz                                  wizard in the current folder
    $ dockwiz ~/src/shop --base distroless     propose a distroless image
    $ dockwiz --demo --network host            the before/after on the bundled app
    $ dockwiz --json --no-build > plan.json    lint and propose in CI
    $ dockwiz -y --write --runs 3 --report dockwiz.md

  Exit codes: 0 done, 1 a build or smoke test failed, 2 bad usage or input, 130 interrupted.
`,
	{
		importMeta: import.meta,
		// Unknown flags are caught below, with a message that says what to do.
		allowUnknownFlags: true,
		flags: {
			demo: {type: 'boolean', default: false},
			yes: {type: 'boolean', shortFlag: 'y', default: false},
			json: {type: 'boolean', default: false},
			build: {type: 'boolean', default: true},
			write: {type: 'boolean', default: false},
			dryRun: {type: 'boolean', default: false},
			base: {type: 'string'},
			python: {type: 'string'},
			runs: {type: 'string'},
			network: {type: 'string'},
			keepImages: {type: 'boolean', default: false},
			report: {type: 'string'},
		},
	},
);

function fail(message: string, code = 2): never {
	process.stderr.write(`dockwiz: ${message}\n`);
	process.exit(code);
}

// meow's own refusal names the flag but not the way out.
const knownFlags = new Set(['demo', 'yes', 'y', 'json', 'build', 'write', 'dryRun', 'base', 'python', 'runs', 'network', 'keepImages', 'report', 'help', 'version']);
const unknownFlags = Object.keys(cli.unnormalizedFlags).filter(name => !knownFlags.has(name));
if (unknownFlags.length > 0) {
	const shown = unknownFlags.map(name => (name.length === 1 ? `-${name}` : `--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`));
	fail(`unknown option${shown.length > 1 ? 's' : ''} ${shown.join(', ')}. Run dockwiz --help to see the options it takes.`);
}

const resolved = resolveOptions(cli.input, cli.flags, process.env, Boolean(process.stdout.isTTY && process.stdin.isTTY));
if (!resolved.ok) fail(resolved.message);
const options: Options = resolved.options;

// Without a terminal nothing can be asked. The demo is the exception: it runs in a temp
// copy and writes nothing of the user's, so there is nothing to confirm.
if (options.mode === 'plain' && !options.yes && !options.demo) {
	fail('there is no terminal to ask questions in. Pass --yes to accept the proposal (add --write to write the files), or --json for a report.');
}

/** A Work whose code arrives later; scan() waits for it, and every other call comes after scan(). */
function lazyWork(loading: Promise<Work>): Work {
	let loaded: Work | undefined;
	const ready = loading.then(work => {
		loaded = work;
		return work;
	});
	const now = (): Work => {
		if (!loaded) throw new Error('dockwiz called its work before the scan finished');
		return loaded;
	};

	return {
		scan: async (onProgress, signal) => (await ready).scan(onProgress, signal),
		advise: (report, choices) => now().advise(report, choices),
		measure: async (...args) => (await ready).measure(...args),
		write: async (report, proposal) => (await ready).write(report, proposal),
		saveReport: async (file, report) => (await ready).saveReport(file, report),
	};
}

async function main(): Promise<number> {
	const demo = options.demo ? await (await import('./demo.js')).materializeDemo() : undefined;
	if (demo) options.dir = demo.dir;
	try {
		if (options.mode === 'tui') {
			// Only the wizard loads Ink: the headless path never does. The work (analysis,
			// advice, engine) loads while the first frame is drawn.
			const {renderApp} = await import('./ui/render.js');
			return await renderApp(options, lazyWork(import('./work.js').then(module => module.createWork(options))));
		}

		const {createWork} = await import('./work.js');
		const work = createWork(options);

		const interrupt = new AbortController();
		let signalCode = 0;
		const onSignal = (code: number) => () => {
			signalCode = code;
			process.stderr.write('dockwiz: interrupted; stopping builds and removing what they made...\n');
			interrupt.abort();
		};

		const onInt = onSignal(130);
		const onTerm = onSignal(143);
		process.once('SIGINT', onInt);
		process.once('SIGTERM', onTerm);
		try {
			const {runHeadless} = await import('./headless.js');
			const {code} = await runHeadless(options, work, {stdout: process.stdout, stderr: process.stderr}, interrupt.signal);
			return signalCode || code;
		} catch (error) {
			if (signalCode) return signalCode;
			throw error;
		} finally {
			process.off('SIGINT', onInt);
			process.off('SIGTERM', onTerm);
		}
	} finally {
		await demo?.cleanup();
	}
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UserError) fail(error.message, error.exitCode);
	if (error instanceof Error && error.name === 'AbortError') fail('interrupted.', 130);
	const message = error instanceof Error ? error.message : String(error);
	fail(`stopped on an unexpected error: ${message}${process.env.DOCKWIZ_DEBUG ? `\n${(error as Error).stack}` : ' (set DOCKWIZ_DEBUG=1 for details)'}`, 1);
}
