// Fix in place: the proposal opened in a real editor stand-in (a shell script that rewrites
// the file, as a user would in vim), in a private folder that is gone afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {editInEditor, editorOf, noEditorMessage} from '../../source/flow/edit-in-editor.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-editor-test-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** An editor: a script run with the file's path as its argument, recording what it saw. */
function editorScript(name: string, body: string): string {
	const file = path.join(work, name);
	// The file is the last argument: an editor command may carry its own (`code --wait`).
	fs.writeFileSync(file, `#!/bin/sh\nfor a; do f="$a"; done\necho "$f" > "${path.join(work, `${name}.path`)}"\nls -ld "$(dirname "$f")" | cut -c1-10 > "${path.join(work, `${name}.mode`)}"\n${body}\n`, {mode: 0o755});
	return file;
}

const seen = (name: string, what: 'path' | 'mode') => fs.readFileSync(path.join(work, `${name}.${what}`), 'utf8').trim();

describe('editInEditor', () => {
	it('returns what the editor saved, from a private folder that is removed afterwards', () => {
		const editor = editorScript('rewrite', 'sed -i "s/exit 3/exec gunicorn app:app/" "$f"');
		const outcome = editInEditor('Dockerfile', 'FROM python:3.11-slim\nCMD exit 3\n', {EDITOR: editor});
		expect(outcome).toEqual({ok: true, text: 'FROM python:3.11-slim\nCMD exec gunicorn app:app\n', changed: true});
		expect(path.basename(seen('rewrite', 'path'))).toBe('Dockerfile');
		expect(seen('rewrite', 'mode')).toBe('drwx------');
		expect(fs.existsSync(path.dirname(seen('rewrite', 'path')))).toBe(false);
	});

	it('prefers $VISUAL, passes arguments the command carries, and tells an unchanged save', () => {
		const visual = editorScript('visual', 'test "$1" = --wait || exit 9');
		const outcome = editInEditor('.dockerignore', '.git\n', {VISUAL: `${visual} --wait`, EDITOR: '/bin/false'});
		expect(outcome).toEqual({ok: true, text: '.git\n', changed: false});
		expect(path.basename(seen('visual', 'path'))).toBe('.dockerignore');
	});

	it('leaves the proposal unchanged, with the reason, when the editor fails, saves nothing, or none is set', () => {
		const failing = editorScript('failing', 'exit 4');
		expect(editInEditor('Dockerfile', 'FROM x\n', {EDITOR: failing})).toEqual({ok: false, message: `The editor (${failing}) exited with code 4; the proposal is unchanged.`});
		const emptying = editorScript('emptying', ': > "$f"');
		expect(editInEditor('Dockerfile', 'FROM x\n', {EDITOR: emptying})).toEqual({ok: false, message: 'The edited Dockerfile is empty; the proposal is unchanged.'});
		expect(editInEditor('Dockerfile', 'FROM x\n', {})).toEqual({ok: false, message: noEditorMessage});
		expect(editorOf({VISUAL: '  ', EDITOR: 'nano'})).toBe('nano');
	});
});
