// A real terminal for the end-to-end tests: the built CLI runs in a tmux session of a fixed
// size; tests read the screen as the user sees it and type keys. The command is wrapped so
// the pane records the CLI's process id and, after it exits, its exit code on screen.

import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const builtCli = path.join(repoRoot, 'dist/cli.js');

/** Printed before the CLI starts: the normal screen must show it again once the CLI exits. */
export const beforeMarker = 'e2e: the shell before dockwiz';

export type Terminal = {
	/** The visible screen as plain text. */
	screen(): string;
	/** Whether the program is in the alternate screen buffer. */
	alternate(): boolean;
	cursorVisible(): boolean;
	keys(...names: string[]): void;
	untilText(text: string | RegExp, timeoutSeconds: number): Promise<string>;
	/** Resolves with the CLI's exit code once the pane shows it. */
	exitCode(timeoutSeconds: number): Promise<number>;
	/** The CLI's process id (available shortly after launch). */
	pid(timeoutSeconds?: number): Promise<number>;
	close(): void;
};

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export function launchCli(args: string[], {columns = 100, rows = 30} = {}): Terminal {
	if (!existsSync(builtCli)) throw new Error('dist/cli.js is missing: run `npm run build` before the end-to-end tests (npm test does).');
	const folder = mkdtempSync(path.join(tmpdir(), 'dockwiz-e2e-'));
	const pidFile = path.join(folder, 'pid');
	const session = `dockwiz-e2e-${process.pid}-${path.basename(folder)}`;
	// exec keeps the recorded id the CLI's own; the outer shell stays to print the exit code.
	const cli = ['exec', 'node', builtCli, ...args].map(shellQuote).join(' ');
	// A person's terminal: CI set for the test run (as in CI itself) would make dockwiz skip the wizard.
	const command = `unset CI; echo ${shellQuote(beforeMarker)}; sh -c ${shellQuote(`echo $$ > ${shellQuote(pidFile)}; ${cli}`)}; echo "EXIT:$?"; sleep 900`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', repoRoot, command);

	const screen = () => tmux('capture-pane', '-p', '-t', session);
	const wait = async <T>(check: () => T | null, what: string, timeoutSeconds: number): Promise<T> => {
		const start = Date.now();
		for (;;) {
			const value = check();
			if (value !== null) return value;
			if (Date.now() - start > timeoutSeconds * 1000) throw new Error(`timed out after ${timeoutSeconds} s waiting for ${what}; the screen was:\n${screen()}`);
			await new Promise(resolve => setTimeout(resolve, 200));
		}
	};

	return {
		screen,
		alternate: () => tmux('display', '-p', '-t', session, '#{alternate_on}').trim() === '1',
		cursorVisible: () => tmux('display', '-p', '-t', session, '#{cursor_flag}').trim() === '1',
		keys: (...names) => void tmux('send-keys', '-t', session, ...names),
		untilText: (text, timeoutSeconds) =>
			wait(
				() => {
					const shown = screen();
					return (typeof text === 'string' ? shown.includes(text) : text.test(shown)) ? shown : null;
				},
				String(text),
				timeoutSeconds,
			),
		exitCode: timeoutSeconds =>
			wait(
				() => {
					const match = /EXIT:(\d+)/.exec(screen());
					return match ? Number(match[1]) : null;
				},
				'the exit code',
				timeoutSeconds,
			),
		pid: (timeoutSeconds = 20) =>
			wait(
				() => {
					const text = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
					return text ? Number(text) : null;
				},
				'the process id',
				timeoutSeconds,
			),
		close() {
			try {
				tmux('kill-session', '-t', session);
			} catch {
				// Already gone.
			}

			rmSync(folder, {recursive: true, force: true});
		},
	};
}
