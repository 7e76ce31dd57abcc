// Fix in place: a proposed file opened in the user's own editor ($VISUAL, then $EDITOR), in a
// private temporary folder that is removed afterwards. The project folder is never touched
// here: what the user saves becomes the proposal, and `w` writes it like any proposal.
//
// The editor runs with spawnSync on purpose: it owns the terminal while it runs, and a
// blocked event loop is what keeps the wizard from reading the keys or drawing over it.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {EditableFile, EditOutcome} from '../types.js';

/** The editor the user chose: $VISUAL first (a full-screen editor), as git and crontab do. */
export function editorOf(env: NodeJS.ProcessEnv): string | null {
	for (const name of ['VISUAL', 'EDITOR'] as const) {
		const value = env[name]?.trim();
		if (value) return value;
	}

	return null;
}

export const noEditorMessage = 'No editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano) and press e again.';

/**
 * Writes `text` to a file named `file` in a new private folder, runs the editor on it, and
 * reads back what was saved; the folder is removed whatever happens. The editor command may
 * carry arguments (`code --wait`), so it runs through the shell with the path as "$1".
 */
export function editInEditor(file: EditableFile, text: string, env: NodeJS.ProcessEnv = process.env): EditOutcome {
	const editor = editorOf(env);
	if (!editor) return {ok: false, message: noEditorMessage};
	// mkdtemp makes the folder readable by its owner only (0700).
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-edit-'));
	try {
		const target = path.join(folder, file);
		fs.writeFileSync(target, text, {mode: 0o600});
		const run = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', target], {stdio: 'inherit', env});
		if (run.error) return {ok: false, message: `Could not start the editor (${editor}): ${run.error.message}. The proposal is unchanged.`};
		if (run.status !== 0) return {ok: false, message: `The editor (${editor}) exited with ${run.status === null ? `signal ${run.signal}` : `code ${run.status}`}; the proposal is unchanged.`};
		const saved = fs.readFileSync(target, 'utf8');
		if (saved.trim() === '') return {ok: false, message: `The edited ${file} is empty; the proposal is unchanged.`};
		return {ok: true, text: saved, changed: saved !== text};
	} catch (error) {
		return {ok: false, message: `Could not edit the ${file}: ${error instanceof Error ? error.message : String(error)}. The proposal is unchanged.`};
	} finally {
		fs.rmSync(folder, {recursive: true, force: true});
	}
}
