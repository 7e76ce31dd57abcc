// The full-screen handling in a real terminal (tmux): the alternate buffer is entered,
// and left again on every way out — quit, Ctrl+C during a build, SIGTERM, a crash.
// The wizard runs with a fake Work here; the real engine runs in the end-to-end test.

import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';

const sessions: string[] = [];
const folders: string[] = [];

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

function launch(scenario: string) {
	const name = `dockwiz-ui-${process.pid}-${sessions.length}`;
	const folder = mkdtempSync(path.join(tmpdir(), 'dockwiz-ui-'));
	const pidFile = path.join(folder, 'pid');
	sessions.push(name);
	folders.push(folder);
	// A person's terminal: CI set for the test run (as in CI itself) would make the app skip the wizard.
	const command = `unset CI; HARNESS_PID_FILE=${pidFile} node --import tsx test/ui/harness/run-app.tsx ${scenario}; echo EXIT:$?; sleep 120`;
	tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', '-c', process.cwd(), command);
	const screen = () => tmux('capture-pane', '-p', '-t', name);
	const alternate = () => tmux('display', '-p', '-t', name, '#{alternate_on}').trim() === '1';
	const until = async (check: () => boolean, what: string) => {
		const start = Date.now();
		while (!check()) {
			if (Date.now() - start > 40_000) throw new Error(`timed out waiting for ${what}; screen:\n${screen()}`);
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	};

	const untilText = (text: string) => until(() => screen().includes(text), `"${text}"`);
	const keys = (...names: string[]) => tmux('send-keys', '-t', name, ...names);
	const pid = () => Number(readFileSync(pidFile, 'utf8'));
	return {screen, alternate, until, untilText, keys, pid};
}

afterEach(() => {
	for (const name of sessions.splice(0)) {
		try {
			tmux('kill-session', '-t', name);
		} catch {
			// Already gone.
		}
	}

	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

// Each wait below has its own 40 s deadline (tsx compiles the harness at start, slow on a loaded
// machine): the tests get room for several of them, above the project's 30 s default.
describe('full screen in a real terminal', {timeout: 180_000}, () => {
	it('runs in the alternate buffer and restores the screen when the user quits', async () => {
		const t = launch('happy');
		await t.untilText('4 findings');
		expect(t.alternate()).toBe(true);
		expect(t.screen().trimEnd().split('\n').at(-1)).toContain('enter see the proposal');
		t.keys('Enter');
		await t.untilText('Changes & why');
		t.keys('Enter');
		await t.untilText('Before / after');
		t.keys('q');
		await t.untilText('EXIT:0');
		expect(t.alternate()).toBe(false);
		expect(t.screen()).toContain('dockwiz: image 1.09 GB -> 152 MB (0.14×)');
	});

	it('Ctrl+C during a build: waits for the cleanup, restores the screen, exits 130', async () => {
		const t = launch('hang');
		await t.untilText('4 findings');
		t.keys('Enter');
		await t.untilText('Changes & why');
		t.keys('Enter');
		await t.untilText('step 4/8');
		t.keys('C-c');
		await t.untilText('EXIT:130');
		expect(t.alternate()).toBe(false);
		expect(t.screen()).toContain('dockwiz: interrupted');
	});

	it('SIGTERM restores the screen and exits 143', async () => {
		const t = launch('hang');
		await t.untilText('4 findings');
		process.kill(t.pid(), 'SIGTERM');
		await t.untilText('EXIT:143');
		expect(t.alternate()).toBe(false);
	});

	it('a crash restores the screen, says what happened and exits 1', async () => {
		const t = launch('crash');
		await t.untilText('EXIT:1');
		expect(t.alternate()).toBe(false);
		expect(t.screen()).toContain('dockwiz stopped on an unexpected error: simulated crash');
		// The cursor is shown again.
		expect(tmux('display', '-p', '-t', sessions.at(-1)!, '#{cursor_flag}').trim()).toBe('1');
	});
});
