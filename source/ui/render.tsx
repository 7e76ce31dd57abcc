// Runs the wizard full screen: enters the alternate buffer, renders <App>, and restores
// the terminal on every way out before resolving with the exit code.

import {render} from 'ink';
import {App} from './app.js';
import type {Options, Work} from '../types.js';
import {createCleanupRegistry, enterAlternateScreen, enterFullScreen, installExitHandlers, leaveAlternateScreen} from './fullscreen.js';
import {colorsEnabled} from './theme.js';
import {watchStop, type Stop} from '../stop.js';

export type RenderStreams = {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	stderr?: NodeJS.WriteStream;
	/** The boot frame is on the screen: the alternate screen is entered already. */
	fullScreenEntered?: boolean;
	/** The run's stop signals (cli.tsx installs them before anything else); else installed here. */
	stop?: Stop;
};

export async function renderApp(options: Options, work: Work, streams: RenderStreams = {}): Promise<number> {
	const stdout = streams.stdout ?? process.stdout;
	const stderr = streams.stderr ?? process.stderr;
	const registry = createCleanupRegistry();
	const stop = streams.stop ?? watchStop();
	let farewell: string[] = [];

	let settle: (code: number) => void = () => undefined;
	const exitCode = new Promise<number>(resolve => {
		settle = resolve;
	});

	const removeHandlers = installExitHandlers(process, registry, {
		onCrash(error) {
			stderr.write(`dockwiz stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
			process.exit(1);
		},
	});

	const leave = enterFullScreen(stdout, registry, streams.fullScreenEntered);
	const stdin = streams.stdin ?? process.stdin;
	// The editor gets the main screen and a cooked terminal; coming back, Ink redraws it all.
	const terminal = {
		suspend() {
			stdout.write(leaveAlternateScreen);
			if (stdin.isTTY) stdin.setRawMode(false);
		},
		resume() {
			if (stdin.isTTY) stdin.setRawMode(true);
			stdout.write(enterAlternateScreen);
			instance.clear();
		},
	};
	const instance = render(
		<App
			options={options}
			work={work}
			interrupt={stop.signal}
			color={colorsEnabled(process.env)}
			onFarewell={lines => {
				farewell = lines;
			}}
			onExit={code => settle(code)}
			terminal={terminal}
		/>,
		{stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: true},
	);
	registry.add(() => instance.unmount());

	let code: number;
	try {
		code = await Promise.race([exitCode, instance.waitUntilExit().then(() => 1)]);
	} catch (error) {
		// A render error: Ink unmounted; say what happened after the screen is back.
		farewell = [`dockwiz stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`];
		code = 1;
	}

	instance.unmount();
	leave();
	registry.run();
	removeHandlers();
	// After SIGHUP nobody is there to read it.
	if (!stop.terminalGone) for (const line of farewell) stdout.write(`${line}\n`);
	// A signal keeps its conventional code (SIGTERM 143, SIGHUP 129); SIGINT and Ctrl+C end in 130.
	return code === 130 && stop.code !== null ? stop.code : code;
}
