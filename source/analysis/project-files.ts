import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {Finding} from '../types.js';
import {withOpenFile} from './open-files.js';
import {problem} from './problems.js';
import {readProjectFile, type ReadOutcome} from './project-reader.js';

// Folders that never hold the application's own code: environments, installed packages,
// caches, build output, and tests (a test module's `app = Flask(...)` is not the app).
const skippedDirNames = new Set([
	'.git', '.hg', '.svn', '.venv', 'venv', 'env', '.env', 'virtualenv', '.virtualenv',
	'site-packages', 'dist-packages', 'node_modules', '__pycache__', '.tox', '.nox',
	'.mypy_cache', '.pytest_cache', '.ruff_cache', '.eggs', 'build', 'dist', 'htmlcov',
	'tests', 'test', 'testing', '.idea', '.vscode', 'migrations', 'alembic',
]);

const maxDepth = 8;
const maxPythonFiles = 5000;
/** Python sources bigger than this are not application code worth scanning (a 50 MB data dump). */
export const maxSourceBytes = 1024 * 1024;

export function isTestModule(name: string): boolean {
	return /^test_.*\.py$|_test\.py$|^conftest\.py$/.test(name);
}

export type PythonFile = {path: string; bytes: number};

/** Application .py files (relative POSIX paths, sorted), never looking into environments or tests. */
export async function findPythonFiles(root: string, problems: Finding[]): Promise<PythonFile[]> {
	const found: PythonFile[] = [];
	const visit = async (relDir: string, depth: number): Promise<void> => {
		if (depth > maxDepth || found.length >= maxPythonFiles) {
			return;
		}

		let entries;
		try {
			entries = await withOpenFile(async () => readdir(path.join(root, relDir), {withFileTypes: true}));
		} catch (error) {
			if (relDir !== '') {
				problems.push(problem('DW901', relDir, null, `The folder ${relDir} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'Fix its permissions, or add it to .dockerignore if the image does not need it.'));
			}

			return;
		}

		const subdirs: string[] = [];
		for (const entry of entries) {
			const relPath = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
			// Links are never followed: they may loop or lead out of the project.
			if (entry.isDirectory()) {
				if (!skippedDirNames.has(entry.name) && !entry.name.endsWith('.egg-info') && !(entry.name.startsWith('.') && entry.name !== '.')) {
					subdirs.push(relPath);
				}
			} else if (entry.isFile() && entry.name.endsWith('.py') && !isTestModule(entry.name)) {
				found.push({path: relPath, bytes: -1});
			}
		}

		await Promise.all(
			subdirs.map(async sub => {
				// A folder holding pyvenv.cfg is a virtual environment, whatever its name.
				const isVenv = (await readProjectFile(root, `${sub}/pyvenv.cfg`, 4096)).kind === 'ok';
				if (!isVenv) {
					await visit(sub, depth + 1);
				}
			}),
		);
	};

	await visit('', 0);
	return found.slice(0, maxPythonFiles).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Decodes text: strips a UTF-8 BOM; null when it is not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
	try {
		return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes);
	} catch {
		return null;
	}
}

/** The finding for a file the reader would not or could not read; null when there is nothing to say. */
export function readProblem(relPath: string, outcome: ReadOutcome, tooLarge: {what: string; fix: string; severity?: 'warning' | 'info'} = {what: 'too large to analyse; it was skipped', fix: 'Nothing to do if it is not part of the app; otherwise keep configuration files small.'}): Finding | null {
	if (outcome.kind === 'too-large') {
		return problem('DW904', relPath, null, `${relPath} is ${Math.round(outcome.sizeBytes / 1024)} KiB, ${tooLarge.what}.`, tooLarge.fix, tooLarge.severity);
	}

	if (outcome.kind !== 'refused') {
		return null;
	}

	if (outcome.rule === 'DW911') {
		return problem('DW911', relPath, null, `${relPath} ${outcome.reason}: dockwiz did not read it, and Docker would not send what it points to.`, `Replace ${relPath} with a regular file inside the project folder, or remove it.`);
	}

	return problem('DW901', relPath, null, `${relPath} ${outcome.reason}.`, 'Fix its permissions or replace it with a regular file, or remove it if it is not needed.');
}

/**
 * Reads a project text file (config, requirements, TOML) through the project reader.
 * `missing`: nothing there (silently). `problem`: refused, unreadable, too large or not
 * UTF-8, and a finding says so.
 */
export async function readProjectTextOutcome(root: string, relPath: string, problems: Finding[], maxBytes = maxSourceBytes): Promise<{text: string; status: 'ok'} | {text: null; status: 'missing' | 'problem'}> {
	const outcome = await readProjectFile(root, relPath, maxBytes);
	const found = readProblem(relPath, outcome);
	if (found) {
		problems.push(found);
		return {text: null, status: 'problem'};
	}

	if (outcome.kind !== 'ok') {
		return {text: null, status: 'missing'};
	}

	const text = decodeUtf8(outcome.bytes);
	if (text === null) {
		problems.push(problem('DW902', relPath, null, `${relPath} is not valid UTF-8 text; it was skipped.`, 'Save it as UTF-8.'));
		return {text: null, status: 'problem'};
	}

	return {text, status: 'ok'};
}

/** readProjectTextOutcome's text: null when missing or when a problem was reported. */
export async function readProjectText(root: string, relPath: string, problems: Finding[], maxBytes = maxSourceBytes): Promise<string | null> {
	return (await readProjectTextOutcome(root, relPath, problems, maxBytes)).text;
}
