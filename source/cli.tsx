#!/usr/bin/env node
// Flags -> Options, then one of three modes (Ink wizard, plain lines, JSON). Nothing else:
// the work lives in work.ts, the wizard in ui/, the headless run in headless.ts.
import {readFileSync} from 'node:fs';
import {helpText, parseCommandLine} from './flags.js';
import {resolveOptions} from './options.js';
import {maskSecrets} from './analysis/mask-secrets.js';
import {UserError, type Options} from './types.js';
import {showBootFrame} from './ui/boot-frame.js';
import {lazyWork} from './lazy-work.js';
import {guardStandardStreams} from './output-guard.js';
import {stopSignals, watchStop} from './stop.js';

// Set by the build (scripts/build.mjs); from source the package.json one folder up says it.
declare const DOCKWIZ_VERSION: string | undefined;

function fail(message: string, code = 2): never {
	// An error may quote a project's file or the engine's words: masked like every other output.
	process.stderr.write(`dockwiz: ${maskSecrets(message)}\n`);
	process.exit(code);
}

const commandLine = parseCommandLine(process.argv.slice(2));
if (!commandLine.ok) fail(commandLine.message);
if (commandLine.action !== 'run') {
	const version = () => (typeof DOCKWIZ_VERSION === 'string' ? DOCKWIZ_VERSION : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version);
	process.stdout.write(`${commandLine.action === 'help' ? helpText : version()}\n`);
	process.exit(0);
}

const resolved = resolveOptions(commandLine.input, commandLine.flags, process.env, Boolean(process.stdout.isTTY && process.stdin.isTTY));
if (!resolved.ok) fail(resolved.message);
const options: Options = resolved.options;

// Without a terminal nothing can be asked. The demo is the exception: it runs in a temp
// copy and writes nothing of the user's, so there is nothing to confirm.
if (options.mode === 'plain' && !options.yes && !options.demo) {
	fail('there is no terminal to ask questions in. Pass --yes to accept the proposal (add --write to write the files), or --json for a report.');
}

// From here on a stop signal or a failing stdout stops the work and ends the run with its
// code; before any temp folder is made or any byte is drawn.
const stop = watchStop();
guardStandardStreams({stdout: process.stdout, stderr: process.stderr, stdin: options.mode === 'tui' ? process.stdin : undefined}, code => stop.stop(code, code === stopSignals.SIGHUP));

async function main(): Promise<number> {
	// The demo's files are written while the wizard loads; its folder's name is known at once.
	const demo = options.demo ? await (await import('./demo.js')).startDemo(options.demoApp) : undefined;
	if (demo) options.dir = demo.dir;
	const demoNote = 'Demo project written to a temp folder (removed when dockwiz ends)';
	try {
		// Stopped while the demo's folder was being made: nothing to show, only to remove.
		if (stop.code !== null) return stop.code;
		if (options.mode === 'tui') {
			// The first frame goes up before Ink loads; a signal meanwhile still removes the demo.
			const boot = showBootFrame(process.stdout, options.dir, process.env, code => {
				void Promise.resolve(demo?.cleanup()).finally(() => stop.end(code));
			});
			try {
				// Only the wizard loads Ink: the headless path never does. The work (analysis,
				// advice, engine) loads while the first frame is drawn.
				const {renderApp} = await import('./ui/render.js');
				const loading = Promise.all([import('./work.js'), demo?.ready]).then(([module]) => module.createWork(options, stop.signal));
				const running = renderApp(options, lazyWork(loading, demo ? demoNote : undefined), {fullScreenEntered: boot !== null, stop});
				// Only now, with the wizard listening to the stop: a signal that came during the
				// load and waits to be dispatched reaches the boot frame or the wizard.
				boot?.handOff();
				return await running;
			} catch (error) {
				boot?.restore();
				throw error;
			}
		}

		stop.signal.addEventListener('abort', () => {
			if (stop.signalName && !stop.terminalGone) process.stderr.write('dockwiz: interrupted; stopping builds and removing what they made...\n');
		});
		try {
			// Loaded after the stop is watched: a Ctrl+C during the load still cleans up.
			const [{createWork}, {runHeadless}] = await Promise.all([import('./work.js'), import('./headless.js'), demo?.ready]);
			const work = createWork(options, stop.signal);
			const {code} = await runHeadless(options, work, {stdout: process.stdout, stderr: process.stderr}, stop.signal);
			return stop.code ?? code;
		} catch (error) {
			if (stop.code !== null) return stop.code;
			throw error;
		}
	} finally {
		await demo?.cleanup();
	}
}

// A stdout that fails on the last write (the JSON, after the work) is reported after main
// returned: the stop's code is the run's.
process.on('exit', () => {
	if (stop.code !== null) process.exitCode = stop.code;
});

try {
	process.exitCode = await main();
	// Closed terminal: die of SIGHUP (see Stop.end) rather than exit through Node's terminal reset.
	if (stop.terminalGone) stop.end(process.exitCode);
} catch (error) {
	if (stop.code !== null) stop.end(stop.code);
	if (error instanceof UserError) fail(error.message, error.exitCode);
	if (error instanceof Error && error.name === 'AbortError') fail('interrupted.', 130);
	const message = error instanceof Error ? error.message : String(error);
	fail(`stopped on an unexpected error: ${message}${process.env.DOCKWIZ_DEBUG ? `\n${(error as Error).stack}` : ' (set DOCKWIZ_DEBUG=1 for details)'}`, 1);
}
