// Writes the proposal into the project without ever losing what was there: a backup of
// each replaced file (whole or absent, never overwriting an earlier backup), a temp file +
// fsync + rename in the same folder, nothing outside the project root, and nothing at all
// on a dry run. Temp files of an earlier run killed mid-write are removed.
import type {Stats} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {processAlive} from './process-alive.js';
import {UserError, type WriteOutcome} from './types.js';

export type FileToWrite = {path: string; content: string};

async function readIfExists(file: string): Promise<string | null> {
	try {
		return await fs.readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return null;
		}

		throw error;
	}
}

async function exists(file: string): Promise<boolean> {
	try {
		await fs.lstat(file);
		return true;
	} catch {
		return false;
	}
}

/** Resolves a project-relative path, refusing anything that lands outside the root (symlinks included). */
async function insideRoot(realRoot: string, relative: string): Promise<string> {
	const refuse = () => new UserError(`Refusing to write ${relative}: it resolves outside the project folder ${realRoot}. Write it by hand if you mean it.`);
	if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) {
		throw refuse();
	}

	const target = path.resolve(realRoot, relative);
	const parent = await fs.realpath(path.dirname(target)).catch(() => {
		throw new UserError(`Cannot write ${relative}: its folder does not exist in ${realRoot}.`);
	});
	const final = path.join(parent, path.basename(target));
	if (parent !== realRoot && !parent.startsWith(realRoot + path.sep)) {
		throw refuse();
	}

	// A symlink at the target would make rename replace the link; writing through it could leave the root.
	const stat = await fs.lstat(final).catch(() => null);
	if (stat?.isSymbolicLink()) {
		const real = await fs.realpath(final).catch(() => null);
		if (real === null || (real !== realRoot && !real.startsWith(realRoot + path.sep))) {
			throw refuse();
		}
	}

	return final;
}

/** `Dockerfile.dockwiz-backup`, then `.1`, `.2`...: the first name not taken. */
async function backupName(file: string, suffix = '.dockwiz-backup'): Promise<string> {
	const base = `${file}${suffix}`;
	if (!(await exists(base))) {
		return base;
	}

	for (let index = 1; ; index++) {
		const candidate = `${base}.${index}`;
		if (!(await exists(candidate))) {
			return candidate;
		}
	}
}

let temporaryCount = 0;

/** A name nobody has: the process id (for removeStaleTemporaries), the time and a counter. */
function temporaryNameFor(file: string, kind: 'new' | 'backup'): string {
	temporaryCount++;
	return path.join(path.dirname(file), `.${path.basename(file)}.dockwiz-${process.pid}-${Date.now()}${temporaryCount}${kind === 'backup' ? '-backup' : ''}.tmp`);
}

const temporaryName = /^\.(.+)\.dockwiz-(\d+)-\d+(?:-backup)?\.tmp$/;

/** Temp files that an earlier run, killed mid-write, left beside the target (its process is gone). */
async function staleTemporaries(file: string): Promise<string[]> {
	const entries = await fs.readdir(path.dirname(file)).catch(() => [] as string[]);
	return entries
		.filter(entry => {
			const match = temporaryName.exec(entry);
			return match !== null && match[1] === path.basename(file) && !processAlive(Number(match[2]));
		})
		.map(entry => path.join(path.dirname(file), entry));
}

/** Refuses stale temp names that are not plain files (a folder, a pipe): removing those is the user's call. */
async function checkStaleTemporaries(file: string, shown: string): Promise<void> {
	for (const stale of await staleTemporaries(file)) {
		const stats = await fs.lstat(stale).catch(() => null);
		if (stats && !stats.isFile() && !stats.isSymbolicLink()) {
			throw new UserError(`${path.basename(stale)} beside ${shown} looks left over from an earlier dockwiz run, but it is not a file dockwiz made. Remove it (rm -r), then run dockwiz again.`);
		}
	}
}

/** Removes what an earlier run killed mid-write left beside the target: its process is gone, so they go too. */
async function removeStaleTemporaries(file: string): Promise<void> {
	for (const stale of await staleTemporaries(file)) await fs.rm(stale, {force: true});
}

/** A backup appears whole or not at all: copied to a temp file, synced, then linked under a name no one has. */
async function backUp(file: string, suffix?: string): Promise<string> {
	const temporary = temporaryNameFor(file, 'backup');
	await fs.copyFile(file, temporary, fs.constants.COPYFILE_EXCL);
	try {
		const handle = await fs.open(temporary, 'r+');
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}

		for (;;) {
			const backup = await backupName(file, suffix);
			try {
				await fs.link(temporary, backup);
				return backup;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'EEXIST') continue;
				// A file system without hard links: a plain copy that still never overwrites.
				if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
					await fs.copyFile(temporary, backup, fs.constants.COPYFILE_EXCL);
					return backup;
				}

				throw error;
			}
		}
	} finally {
		await fs.rm(temporary, {force: true});
	}
}

/** The new content in a temp file beside the target, synced: renamed into place later. */
async function prepareTemporary(file: string, content: string, mode: number | undefined): Promise<string> {
	for (;;) {
		const temporary = temporaryNameFor(file, 'new');
		// 'wx': never through a link or into a file someone put there under that name.
		const handle = await fs.open(temporary, 'wx', mode ?? 0o644).catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'EEXIST') return null;
			throw error;
		});
		if (!handle) continue;
		try {
			await handle.writeFile(content, 'utf8');
			await handle.sync();
		} catch (error) {
			await handle.close();
			await fs.rm(temporary, {force: true});
			throw error;
		}

		await handle.close();
		return temporary;
	}
}

const kinds: Array<[(stats: Stats) => boolean, string]> = [
	[stats => stats.isFIFO(), 'a named pipe (FIFO)'],
	[stats => stats.isSocket(), 'a socket'],
	[stats => stats.isCharacterDevice() || stats.isBlockDevice(), 'a device'],
];

/**
 * Refuses a destination dockwiz cannot or must not replace: a folder, a pipe, a socket or a
 * device where the file goes, or a folder it cannot write in. Reads only. `fix` says what
 * else the user can do (e.g. run with --dry-run, pick another --report).
 */
export async function checkDestination(target: string, shown: string, fix: string): Promise<void> {
	// Following a link that stays inside (insideRoot checked it): what rename would replace is the link.
	const stats = await fs.stat(target).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return null;
		throw new UserError(`Cannot check ${shown} before writing it (${error.code ?? error.message}). ${fix}`);
	});
	if (stats?.isDirectory()) {
		throw new UserError(`${shown} is a folder, where dockwiz would write a file. Rename or remove that folder, or ${fix}`);
	}

	const kind = stats && !stats.isFile() ? (kinds.find(([test]) => test(stats))?.[1] ?? 'not a regular file') : null;
	if (kind) {
		throw new UserError(`${shown} is ${kind}, not a file dockwiz can replace. Remove it, or ${fix}`);
	}

	const folder = path.dirname(target);
	await fs.access(folder, fs.constants.W_OK).catch((error: NodeJS.ErrnoException) => {
		throw new UserError(`Cannot write ${shown}: the folder ${folder} is not writable (${error.code ?? error.message}). Make it writable (e.g. chmod u+w), or ${fix}`);
	});
}

/** A write that failed on a refused folder (read-only, immutable, full) as a message naming the fix. */
function refusedWrite(shown: string, error: unknown, fix: string): UserError {
	const code = (error as NodeJS.ErrnoException).code ?? String(error);
	const why: Record<string, string> = {
		EACCES: 'permission denied',
		EPERM: 'not permitted; is the folder immutable (lsattr, chattr -i)?',
		EROFS: 'the file system is read-only',
		ENOSPC: 'no space left on the device',
		EDQUOT: 'over the disk quota',
	};
	return new UserError(`Cannot write ${shown} (${code}${why[code] ? `: ${why[code]}` : ''}). Nothing was changed. Fix the folder, or ${fix}`);
}

function abortError(): Error {
	const error = new Error('The run was stopped before writing.');
	error.name = 'AbortError';
	return error;
}

const proposalFix = 'run with --dry-run to see the proposal without writing it.';

export type WriteOptions = {dryRun: boolean; signal?: AbortSignal};

/**
 * Writes the files under root. Every destination is checked, and every new content prepared
 * in a temp file, before any file is replaced: a refused destination leaves the project as it
 * was. With dryRun, reports what would happen and writes nothing. After `signal` aborts,
 * nothing more is written.
 */
export async function writeProposal(root: string, files: FileToWrite[], options: WriteOptions): Promise<WriteOutcome> {
	const realRoot = await fs.realpath(root).catch(() => {
		throw new UserError(`The project folder ${root} does not exist.`);
	});
	const outcome: WriteOutcome = {written: [], backups: [], unchanged: []};
	const targets = await Promise.all(files.map(async file => ({file, target: await insideRoot(realRoot, file.path)})));
	for (const {file, target} of targets) await checkDestination(target, file.path, proposalFix);
	if (!options.dryRun) for (const {file, target} of targets) await checkStaleTemporaries(target, file.path);

	const changed: Array<{file: FileToWrite; target: string; current: string | null; temporary?: string}> = [];
	for (const {file, target} of targets) {
		const current = await readIfExists(target);
		if (current === file.content) outcome.unchanged.push(file.path);
		else changed.push({file, target, current});
	}

	if (options.dryRun) {
		for (const {file, target, current} of changed) {
			if (current !== null) outcome.backups.push(path.relative(realRoot, await backupName(target)).split(path.sep).join('/'));
			outcome.written.push(file.path);
		}

		return outcome;
	}

	try {
		for (const entry of changed) {
			if (options.signal?.aborted) throw abortError();
			await removeStaleTemporaries(entry.target).catch((error: unknown) => {
				throw refusedWrite(`the left-over temp files beside ${entry.file.path}`, error, proposalFix);
			});
			const mode = entry.current === null ? undefined : (await fs.stat(entry.target)).mode & 0o777;
			entry.temporary = await prepareTemporary(entry.target, entry.file.content, mode).catch((error: unknown) => {
				throw refusedWrite(entry.file.path, error, proposalFix);
			});
		}

		for (const entry of changed) {
			if (options.signal?.aborted) throw abortError();
			if (entry.current !== null) {
				const backup = await backUp(entry.target).catch((error: unknown) => {
					throw refusedWrite(`a backup of ${entry.file.path}`, error, proposalFix);
				});
				outcome.backups.push(path.relative(realRoot, backup).split(path.sep).join('/'));
			}

			await fs.rename(entry.temporary!, entry.target);
			entry.temporary = undefined;
			outcome.written.push(entry.file.path);
		}
	} finally {
		// Prepared files not renamed into place (refused, stopped): they go.
		for (const {temporary} of changed) if (temporary) await fs.rm(temporary, {force: true});
	}

	return outcome;
}

/** The line that marks a report as dockwiz's own: a later --report may replace that file. */
export const reportMarker = '<!-- dockwiz report: a later `dockwiz --report` to this path replaces this file -->';

const reportFix = 'pick a writable path with --report.';

/**
 * Saves a report at `target` (anywhere the user named): checked first, whole or not at all,
 * and a file there that is not an earlier dockwiz report is kept as `<target>.bak` first.
 * Returns the backup's path, if one was made.
 */
export async function saveReportFile(target: string, markdown: string, signal?: AbortSignal, marker: string = reportMarker): Promise<{backup: string | null}> {
	const refuse = (code: string) => new UserError(`Cannot write the report to ${target} (${code}). Pick a writable path with --report.`);
	await fs.realpath(path.dirname(target)).catch((error: NodeJS.ErrnoException) => {
		throw refuse(error.code ?? String(error));
	});
	await checkDestination(target, `The report path ${target}`, reportFix);
	if (signal?.aborted) throw abortError();
	const content = markdown.endsWith('\n') ? `${markdown}\n${marker}\n` : `${markdown}\n\n${marker}\n`;
	const existing = await readIfExists(target);
	const temporary = await prepareTemporary(target, content, undefined).catch((error: unknown) => {
		throw refuse((error as NodeJS.ErrnoException).code ?? String(error));
	});
	try {
		if (signal?.aborted) throw abortError();
		const ours = existing !== null && existing.split('\n').includes(marker);
		const backup = existing !== null && !ours ? await backUp(target, '.bak') : null;
		await fs.rename(temporary, target);
		return {backup};
	} finally {
		await fs.rm(temporary, {force: true});
	}
}
