// The one way analysis reads a file of the project. A project may come from a hostile pull
// request: a requirements.txt that links to /proc/self/environ, a `-r ../../etc/passwd`, a
// Dockerfile that is a named pipe. Every read here resolves the real path first and refuses
// what is outside the project, under /proc, /sys or /dev, or not a regular file, before the
// file is opened; what is read is capped in size. A refusal names the file and why, never
// its content.
import {constants} from 'node:fs';
import {lstat, open, realpath} from 'node:fs/promises';
import path from 'node:path';
import {withOpenFile} from './open-files.js';

export type ReadRefusal = {
	/** DW911: outside the project or a system file; DW901: not a regular file, or unreadable. */
	rule: 'DW911' | 'DW901';
	/** Why, in words that fit after the file's name: "is a link that leads outside the project". */
	reason: string;
};

export type ReadOutcome =
	| {kind: 'ok'; bytes: Buffer; sizeBytes: number}
	/** Nothing there, or a folder where a file was expected: silently not that file. */
	| {kind: 'missing'}
	| {kind: 'too-large'; sizeBytes: number}
	| ({kind: 'refused'} & ReadRefusal);

// Kernel and device trees: reading them gives the process's environment, memory or a device.
const systemTrees = ['/proc', '/sys', '/dev'];

function under(parent: string, child: string): boolean {
	const relative = path.relative(parent, child);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isSystemPath(real: string): boolean {
	return systemTrees.some(tree => under(tree, real));
}

// The project's real path, once per root (a root may itself be reached through a link).
const realRoots = new Map<string, Promise<string>>();

function realRootOf(root: string): Promise<string> {
	const absolute = path.resolve(root);
	let real = realRoots.get(absolute);
	if (!real) {
		real = realpath(absolute).catch(() => absolute);
		realRoots.set(absolute, real);
	}

	return real;
}

function errorCode(error: unknown): string {
	return (error as NodeJS.ErrnoException).code ?? 'invalid name';
}

/** A relative path that stays in the project by its letters alone (no `..` out, not absolute), normalized; null otherwise. */
export function projectRelative(relPath: string): string | null {
	if (relPath === '' || path.isAbsolute(relPath) || relPath.includes('\0')) {
		return null;
	}

	const normalized = path.posix.normalize(relPath);
	return normalized === '..' || normalized.startsWith('../') ? null : normalized;
}

/**
 * Where a project path really leads: its real path when that is inside the project, or why not.
 * `missing` when nothing is there (a dangling link too).
 */
export async function resolveInProject(root: string, relPath: string): Promise<{kind: 'inside'; real: string} | {kind: 'missing'} | ({kind: 'refused'} & ReadRefusal)> {
	const relative = projectRelative(relPath);
	if (relative === null) {
		return {kind: 'refused', rule: 'DW911', reason: 'is outside the project folder'};
	}

	let real: string;
	try {
		real = await realpath(path.resolve(root, relative));
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return {kind: 'missing'};
		}

		return {kind: 'refused', rule: 'DW901', reason: code === 'ELOOP' ? 'is a symbolic link loop' : `could not be resolved (${code})`};
	}

	const realRoot = await realRootOf(root);
	if (under(realRoot, real)) {
		return {kind: 'inside', real};
	}

	if (isSystemPath(real)) {
		return {kind: 'refused', rule: 'DW911', reason: `leads into ${systemTrees.find(tree => under(tree, real))}, a system folder`};
	}

	return {kind: 'refused', rule: 'DW911', reason: 'is a link that leads outside the project folder'};
}

/** Whether a project folder really is inside the project (a folder that is a link out is not). */
export async function folderInProject(root: string, relPath: string): Promise<boolean> {
	if (relPath === '' || relPath === '.') {
		return true;
	}

	const resolved = await resolveInProject(root, relPath);
	return resolved.kind === 'inside';
}

/**
 * Reads a project file (relative POSIX path) if it is a regular file inside the project of at
 * most maxBytes. With `truncate`, a bigger file gives its first maxBytes instead of `too-large`.
 * Never opens a pipe, socket or device; never follows a link out of the project.
 */
export async function readProjectFile(root: string, relPath: string, maxBytes: number, options: {truncate?: boolean} = {}): Promise<ReadOutcome> {
	// Bounded: a scan reads every module at once, and a low open-files limit must not turn them into EMFILE refusals.
	return withOpenFile(async () => readBounded(root, relPath, maxBytes, options));
}

async function readBounded(root: string, relPath: string, maxBytes: number, options: {truncate?: boolean}): Promise<ReadOutcome> {
	const resolved = await resolveInProject(root, relPath);
	if (resolved.kind !== 'inside') {
		return resolved;
	}

	// lstat on the real path, before any open: opening a pipe would block until a writer came.
	let stats;
	try {
		stats = await lstat(resolved.real);
	} catch (error) {
		const code = errorCode(error);
		return code === 'ENOENT' ? {kind: 'missing'} : {kind: 'refused', rule: 'DW901', reason: `could not be read (${code})`};
	}

	if (stats.isDirectory()) {
		return {kind: 'missing'};
	}

	if (!stats.isFile()) {
		return {kind: 'refused', rule: 'DW901', reason: 'is not a regular file (a pipe, socket or device): it was not opened'};
	}

	if (stats.size > maxBytes && !options.truncate) {
		return {kind: 'too-large', sizeBytes: stats.size};
	}

	let handle;
	try {
		// O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a pipe after the checks is not followed, and never waited on.
		handle = await open(resolved.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	} catch (error) {
		return {kind: 'refused', rule: 'DW901', reason: `could not be read (${errorCode(error)})`};
	}

	try {
		const opened = await handle.stat();
		if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev) {
			return {kind: 'refused', rule: 'DW911', reason: 'changed while it was being read'};
		}

		const wanted = Math.min(opened.size, maxBytes);
		const buffer = Buffer.alloc(wanted);
		let filled = 0;
		while (filled < wanted) {
			const {bytesRead} = await handle.read(buffer, filled, wanted - filled, filled);
			if (bytesRead === 0) {
				break;
			}

			filled += bytesRead;
		}

		return {kind: 'ok', bytes: buffer.subarray(0, filled), sizeBytes: opened.size};
	} catch (error) {
		return {kind: 'refused', rule: 'DW901', reason: `could not be read (${errorCode(error)})`};
	} finally {
		await handle.close();
	}
}
