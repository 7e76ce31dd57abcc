import {constants} from 'node:fs';
import {open, readdir} from 'node:fs/promises';
import path from 'node:path';
import type {Finding} from '../types.js';
import {problem} from './problems.js';
import {withOpenFile} from './open-files.js';

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
				const isVenv = (await withOpenFile(async () => readTextIfExists(path.join(root, sub, 'pyvenv.cfg'), 4096))) !== null;
				if (!isVenv) {
					await visit(sub, depth + 1);
				}
			}),
		);
	};

	await visit('', 0);
	return found.slice(0, maxPythonFiles).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * A regular file's bytes, or null when it is missing, not a regular file (a pipe is never
 * opened for reading: it would block) or bigger than maxBytes (then `tooLarge` is set).
 */
export async function readBytes(absolute: string, maxBytes: number): Promise<{bytes: Buffer | null; tooLarge: boolean; sizeBytes: number; error?: string}> {
	let handle;
	try {
		// O_NONBLOCK: opening a named pipe for reading would otherwise wait forever for a writer.
		handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {bytes: null, tooLarge: false, sizeBytes: 0, error: code === 'ENOENT' || code === 'ENOTDIR' ? undefined : code};
	}

	try {
		const stats = await handle.stat();
		if (stats.isDirectory()) {
			// A folder where a file was expected (a virtual environment named .env) is simply not that file.
			return {bytes: null, tooLarge: false, sizeBytes: 0};
		}

		if (!stats.isFile()) {
			return {bytes: null, tooLarge: false, sizeBytes: 0, error: 'not a regular file'};
		}

		if (stats.size > maxBytes) {
			return {bytes: null, tooLarge: true, sizeBytes: stats.size};
		}

		return {bytes: await handle.readFile(), tooLarge: false, sizeBytes: stats.size};
	} catch (error) {
		return {bytes: null, tooLarge: false, sizeBytes: 0, error: (error as NodeJS.ErrnoException).code ?? 'error'};
	} finally {
		await handle.close();
	}
}

async function readTextIfExists(absolute: string, maxBytes: number): Promise<string | null> {
	const {bytes} = await readBytes(absolute, maxBytes);
	return bytes === null ? null : bytes.toString('utf8');
}

/** Decodes text: strips a UTF-8 BOM; null when it is not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
	try {
		return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes);
	} catch {
		return null;
	}
}

/**
 * Reads a project text file (config, requirements, TOML). Missing: null, silently.
 * Unreadable, too large or not UTF-8: null and a problem.
 */
export async function readProjectText(root: string, relPath: string, problems: Finding[], maxBytes = maxSourceBytes): Promise<string | null> {
	const result = await readBytes(path.join(root, relPath), maxBytes);
	if (result.tooLarge) {
		problems.push(problem('DW904', relPath, null, `${relPath} is ${Math.round(result.sizeBytes / 1024)} KiB, too large to analyse; it was skipped.`, 'Nothing to do if it is not part of the app; otherwise keep configuration files small.'));
		return null;
	}

	if (result.error) {
		problems.push(problem('DW901', relPath, null, `${relPath} could not be read (${result.error}).`, 'Fix its permissions, or remove it if it is not needed.'));
		return null;
	}

	if (!result.bytes) {
		return null;
	}

	const text = decodeUtf8(result.bytes);
	if (text === null) {
		problems.push(problem('DW902', relPath, null, `${relPath} is not valid UTF-8 text; it was skipped.`, 'Save it as UTF-8.'));
	}

	return text;
}
