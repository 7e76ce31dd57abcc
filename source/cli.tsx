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

async function main(): Promise<number> {
	// The demo's files are written while the wizard loads; its folder's name is known at once.
	const demo = options.demo ? await (await import('./demo.js')).startDemo() : undefined;
	if (demo) options.dir = demo.dir;
	const demoNote = 'Demo project written to a temp folder (removed when dockwiz ends)';
	try {
		if (options.mode === 'tui') {
			// The first frame goes up before Ink loads; a signal meanwhile still removes the demo.
			const boot = showBootFrame(process.stdout, options.dir, process.env, code => {
				void Promise.resolve(demo?.cleanup()).finally(() => process.exit(code));
			});
			try {
				// Only the wizard loads Ink: the headless path never does. The work (analysis,
				// advice, engine) loads while the first frame is drawn.
				const {renderApp} = await import('./ui/render.js');
				const loading = Promise.all([import('./work.js'), demo?.ready]).then(([module]) => module.createWork(options));
				const running = renderApp(options, lazyWork(loading, demo ? demoNote : undefined), {fullScreenEntered: boot !== null});
				// Only now, with the wizard's own signal handlers in place: a signal that came
				// during the load and waits to be dispatched must find a listener. (Node stops
				// listening for a signal, dropping one in flight, when its last listener goes.)
				boot?.handOff();
				return await running;
			} catch (error) {
				boot?.restore();
				throw error;
			}
		}

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
			// Loaded after the handlers are in place: a Ctrl+C during the load still cleans up.
			const [{createWork}, {runHeadless}] = await Promise.all([import('./work.js'), import('./headless.js'), demo?.ready]);
			const work = createWork(options);
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
