import {lstatSync, readdirSync, readlinkSync, type Dirent, type Stats} from 'node:fs';
import path from 'node:path';
import type {ContextFile} from '../types.js';
import {ignoreRules, type IgnoreRules} from './ignore-rules.js';

/** Something the walk could not read; it is left out of the context and reported. */
export type WalkProblem = {path: string; message: string};

export type ContextWalk = {
	/** What `docker build` sends, sorted by path. */
	included: ContextFile[];
	/** Bytes and count of the files left out, those inside folders excluded whole included. */
	ignoredBytes: number;
	ignoredFiles: number;
	/** Folders excluded whole and never opened (e.g. `.venv`). */
	skippedDirs: string[];
	/** Links that point outside the folder: left out, never followed. */
	outsideLinks: string[];
	problems: WalkProblem[];
};

// Docker sends these two even when .dockerignore excludes them.
const alwaysSent = new Set(['Dockerfile', '.dockerignore']);

function isInside(root: string, absolute: string): boolean {
	const relative = path.relative(root, absolute);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EACCES' || code === 'EPERM') {
		return 'permission denied: not sent; fix its permissions or add it to .dockerignore';
	}

	if (code === 'ELOOP') {
		return 'symbolic link loop: not sent';
	}

	return `could not be read (${code ?? String(error)}): not sent`;
}

type WalkState = {
	root: string;
	rules: IgnoreRules;
	result: ContextWalk;
	/** Folders still to read (relative paths). */
	pending: string[];
	/** Excluded folders still to count (absolute paths): nothing in them is sent, but the report counts what was left out. */
	pendingIgnored: string[];
	canRead: (stats: Stats) => boolean;
};

/** Whether this process may read a file, from its permission bits (no extra system call per file). */
function readChecker(): (stats: Stats) => boolean {
	const uid = process.getuid?.() ?? 0;
	if (uid === 0) {
		return () => true;
	}

	const groups = new Set([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])]);
	return stats => {
		if (stats.uid === uid) {
			return (stats.mode & 0o400) !== 0;
		}

		return (stats.mode & (groups.has(stats.gid) ? 0o040 : 0o004)) !== 0;
	};
}

// Synchronous calls, one folder at a time: for tens of thousands of small entries they are
// several times faster than a promise per lstat; the walk yields between batches so a UI stays live.
const entriesPerBatch = 2000;

function visit(state: WalkState, relPath: string): void {
	const {root, rules, result} = state;
	const absolute = path.join(root, relPath);
	let stats;
	try {
		stats = lstatSync(absolute);
	} catch (error) {
		result.problems.push({path: relPath, message: describeError(error)});
		return;
	}

	const excluded = rules.ignores(relPath) && !alwaysSent.has(relPath);
	const mode = stats.mode & 0o7777;

	if (stats.isDirectory()) {
		if (excluded && rules.skipsWholeDir(relPath)) {
			result.skippedDirs.push(relPath);
			state.pendingIgnored.push(absolute);
			return;
		}

		if (!excluded) {
			// Docker leaves out an excluded folder's own entry even when an exception brings back files below it.
			result.included.push({path: relPath, kind: 'dir', bytes: 0, mode});
		}

		state.pending.push(relPath);
		return;
	}

	if (excluded) {
		result.ignoredFiles++;
		result.ignoredBytes += stats.isFile() ? stats.size : 0;
		return;
	}

	if (stats.isSymbolicLink()) {
		let linkTarget: string;
		try {
			linkTarget = readlinkSync(absolute);
		} catch (error) {
			result.problems.push({path: relPath, message: describeError(error)});
			return;
		}

		if (!isInside(root, path.resolve(path.dirname(absolute), linkTarget))) {
			result.outsideLinks.push(relPath);
			result.ignoredFiles++;
			return;
		}

		result.included.push({path: relPath, kind: 'symlink', bytes: 0, mode, linkTarget});
		return;
	}

	if (stats.isFile()) {
		if (!state.canRead(stats)) {
			// docker build would stop on it ("permission denied"): leave it out and say so.
			result.problems.push({path: relPath, message: describeError(Object.assign(new Error('EACCES'), {code: 'EACCES'}))});
			return;
		}

		result.included.push({path: relPath, kind: 'file', bytes: stats.size, mode});
		return;
	}

	result.problems.push({path: relPath, message: 'not a regular file, folder or link (a socket, pipe or device): not sent'});
}

/** Counts the files of one excluded folder (links are not followed); queues its subfolders. Unreadable parts count as nothing. */
function countIgnoredFolder(state: WalkState, absolute: string): number {
	let entries: Dirent[];
	try {
		entries = readdirSync(absolute, {withFileTypes: true});
	} catch {
		return 0;
	}

	for (const entry of entries) {
		const child = path.join(absolute, entry.name);
		if (entry.isDirectory()) {
			state.pendingIgnored.push(child);
			continue;
		}

		state.result.ignoredFiles++;
		if (entry.isFile()) {
			try {
				state.result.ignoredBytes += lstatSync(child).size;
			} catch {
				// Gone or unreadable since the listing: counted, with no bytes.
			}
		}
	}

	return entries.length;
}

/** Reads one folder and visits its entries; returns how many it visited. */
function visitFolder(state: WalkState, relDir: string): number {
	let names: string[];
	try {
		names = readdirSync(relDir === '' ? state.root : path.join(state.root, relDir));
	} catch (error) {
		state.result.problems.push({path: relDir, message: describeError(error)});
		return 0;
	}

	for (const name of names) {
		visit(state, relDir === '' ? name : `${relDir}/${name}`);
	}

	return names.length;
}

const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

const byPath = (a: {path: string}, b: {path: string}) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The entries `docker build` sends from `root` under this .dockerignore text (null: none),
 * with Docker's semantics: `!` exceptions, `**`, parent folders matching, and the
 * Dockerfile and .dockerignore always sent. Links are listed, never followed; a folder
 * that no exception can reach into is not opened at all.
 */
export async function walkContext(root: string, dockerignoreText: string | null): Promise<ContextWalk> {
	const state: WalkState = {
		root: path.resolve(root),
		rules: ignoreRules(dockerignoreText),
		result: {included: [], ignoredBytes: 0, ignoredFiles: 0, skippedDirs: [], outsideLinks: [], problems: []},
		pending: [''],
		pendingIgnored: [],
		canRead: readChecker(),
	};
	let sinceYield = 0;
	while (state.pending.length > 0 || state.pendingIgnored.length > 0) {
		sinceYield += state.pending.length > 0 ? visitFolder(state, state.pending.pop() as string) : countIgnoredFolder(state, state.pendingIgnored.pop() as string);
		if (sinceYield >= entriesPerBatch) {
			sinceYield = 0;
			await yieldToEventLoop();
		}
	}

	const {result} = state;
	result.included.sort(byPath);
	result.skippedDirs.sort();
	result.outsideLinks.sort();
	result.problems.sort(byPath);
	return result;
}
