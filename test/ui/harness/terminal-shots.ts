// Driving a program in a tmux session for the screenshot harnesses, and saving its captures
// as PNG (the rendering itself is terminal-png.ts).

import {execFileSync} from 'node:child_process';
import {savePng as savePngAt} from './terminal-png.js';

export const columns = 100;
export const rows = 30;

/** A capture saved as OUT_DIR/NAME.png at this harness's terminal size (terminal-png.ts renders it). */
export function savePng(outDir: string, name: string, screen: string): void {
	savePngAt(outDir, name, screen, columns, rows);
}

// ---------------------------------------------------------------- driving a tmux session

export function tmuxSession(session: string) {
	const tmux = (...args: string[]): string => execFileSync('tmux', args, {encoding: 'utf8'});
	const capture = () => tmux('capture-pane', '-e', '-p', '-t', session);
	const plain = () => tmux('capture-pane', '-p', '-t', session);
	return {
		tmux,
		capture,
		plain,
		start(command: string, cwd: string) {
			tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', cwd, command);
		},
		kill() {
			tmux('kill-session', '-t', session);
		},
		async until(text: string | RegExp, timeoutSeconds = 600): Promise<string> {
			const start = Date.now();
			for (;;) {
				const screen = plain();
				if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return capture();
				if (Date.now() - start > timeoutSeconds * 1000) throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${screen}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		async keys(...names: string[]): Promise<void> {
			tmux('send-keys', '-t', session, ...names);
			await new Promise(resolve => setTimeout(resolve, 400));
		},
	};
}
