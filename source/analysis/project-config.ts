// Finds and reads the project's dockwiz settings: `.dockwiz.toml`, or `[tool.dockwiz]` in
// pyproject.toml (a Python project's own place for its tools' settings). Read through the
// project reader, so a config that is a link out of the project is refused, not followed.

import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import {parse as parseToml, TomlError} from 'smol-toml';
import {readConfigTable, type ConfigResult} from '../ci/config.js';
import {readProjectFile} from './project-reader.js';

const maxConfigBytes = 1024 * 1024;

type Read = {kind: 'none'} | {kind: 'text'; text: string} | {kind: 'error'; message: string};

async function readText(root: string, file: string): Promise<Read> {
	const outcome = await readProjectFile(root, file, maxConfigBytes);
	switch (outcome.kind) {
		case 'ok': {
			return {kind: 'text', text: outcome.bytes.toString('utf8')};
		}

		case 'missing': {
			return {kind: 'none'};
		}

		case 'too-large': {
			return {kind: 'error', message: `${file} is ${outcome.sizeBytes} bytes, too large for a config file (at most 1 MB). Keep only the settings in it.`};
		}

		default: {
			return {kind: 'error', message: `${file} ${outcome.reason}: dockwiz reads its settings only from a regular file in the project. Replace it with one.`};
		}
	}
}

function tomlProblem(error: unknown): string {
	if (error instanceof TomlError) return `line ${error.line}, column ${error.column}: ${error.message.split('\n')[0]}`;
	return error instanceof Error ? error.message : String(error);
}

type Table = Record<string, unknown>;

/** The settings, null when the project has none, or the error (exit 2) naming the file and the key. */
export async function readProjectConfig(root: string): Promise<ConfigResult | {ok: true; config: null}> {
	// A folder that cannot be read is the scan's to report, with its own message and fix.
	try {
		await access(root, constants.R_OK | constants.X_OK);
	} catch {
		return {ok: true, config: null};
	}

	const [own, pyproject] = await Promise.all([readText(root, '.dockwiz.toml'), readText(root, 'pyproject.toml')]);
	if (own.kind === 'error') return {ok: false, message: own.message};

	let toolTable: Table | undefined;
	if (pyproject.kind === 'text') {
		try {
			const tool = (parseToml(pyproject.text) as Table).tool as Table | undefined;
			toolTable = tool?.dockwiz as Table | undefined;
		} catch (error) {
			// A broken pyproject.toml is the scan's finding; it stops the run only when it holds our settings.
			if (/^\s*\[\s*tool\s*\.\s*dockwiz\b/m.test(pyproject.text)) {
				return {ok: false, message: `pyproject.toml is not valid TOML (${tomlProblem(error)}), so its [tool.dockwiz] settings cannot be read. Fix the file.`};
			}
		}
	} else if (pyproject.kind === 'error' && own.kind === 'none') {
		return {ok: false, message: pyproject.message};
	}

	if (toolTable !== undefined && (typeof toolTable !== 'object' || toolTable === null || Array.isArray(toolTable))) {
		return {ok: false, message: 'pyproject.toml: tool.dockwiz must be a table ([tool.dockwiz]). Write the settings under a [tool.dockwiz] header.'};
	}

	if (own.kind === 'text') {
		if (toolTable !== undefined) {
			return {ok: false, message: 'Both .dockwiz.toml and pyproject.toml\'s [tool.dockwiz] hold dockwiz settings. Keep them in one place: remove one of the two.'};
		}

		let table: Table;
		try {
			table = parseToml(own.text) as Table;
		} catch (error) {
			return {ok: false, message: `.dockwiz.toml is not valid TOML (${tomlProblem(error)}). Fix the file.`};
		}

		return readConfigTable(table, '.dockwiz.toml', '');
	}

	return toolTable === undefined ? {ok: true, config: null} : readConfigTable(toolTable, 'pyproject.toml', 'tool.dockwiz');
}
