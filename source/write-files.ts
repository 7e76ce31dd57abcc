// Writes the proposal into the project without ever losing what was there: a backup of
// each replaced file (whole or absent, never overwriting an earlier backup), a temp file +
// fsync + rename in the same folder, nothing outside the project root, and nothing at all
// on a dry run. Temp files of an earlier run killed mid-write are removed.
import fs from 'node:fs/promises';
import path from 'node:path';
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
async function backupName(file: string): Promise<string> {
	const base = `${file}.dockwiz-backup`;
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

function temporaryNameFor(file: string, kind: 'new' | 'backup'): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.dockwiz-${process.pid}-${Date.now()}${kind === 'backup' ? '-backup' : ''}.tmp`);
}

const temporaryName = /^\.(.+)\.dockwiz-(\d+)-\d+(?:-backup)?\.tmp$/;

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Temp files that an earlier run, killed mid-write, left beside the target: its process is gone, so they go too. */
async function removeStaleTemporaries(file: string): Promise<void> {
	const entries = await fs.readdir(path.dirname(file)).catch(() => [] as string[]);
	for (const entry of entries) {
		const match = temporaryName.exec(entry);
		if (match && match[1] === path.basename(file) && !processAlive(Number(match[2]))) {
			await fs.rm(path.join(path.dirname(file), entry), {force: true});
		}
	}
}

/** A backup appears whole or not at all: copied to a temp file, synced, then linked under a name no one has. */
async function backUp(file: string): Promise<string> {
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
			const backup = await backupName(file);
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

async function writeAtomically(file: string, content: string, mode: number | undefined): Promise<void> {
	const temporary = temporaryNameFor(file, 'new');
	const handle = await fs.open(temporary, 'wx', mode ?? 0o644);
	try {
		await handle.writeFile(content, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}

	try {
		await fs.rename(temporary, file);
	} catch (error) {
		await fs.rm(temporary, {force: true});
		throw error;
	}
}

/** Writes the files under root. With dryRun, reports what would happen and writes nothing. */
export async function writeProposal(root: string, files: FileToWrite[], options: {dryRun: boolean}): Promise<WriteOutcome> {
	const realRoot = await fs.realpath(root).catch(() => {
		throw new UserError(`The project folder ${root} does not exist.`);
	});
	const outcome: WriteOutcome = {written: [], backups: [], unchanged: []};
	// Check every path before touching anything, so a refused path leaves the project as it was.
	const targets = await Promise.all(files.map(async file => ({file, target: await insideRoot(realRoot, file.path)})));
	for (const {file, target} of targets) {
		const current = await readIfExists(target);
		if (current === file.content) {
			outcome.unchanged.push(file.path);
			continue;
		}

		if (!options.dryRun) {
			await removeStaleTemporaries(target);
		}

		if (current !== null) {
			const backup = options.dryRun ? await backupName(target) : await backUp(target);
			outcome.backups.push(path.relative(realRoot, backup).split(path.sep).join('/'));
		}

		if (!options.dryRun) {
			const mode = current === null ? undefined : (await fs.stat(target)).mode & 0o777;
			await writeAtomically(target, file.content, mode);
		}

		outcome.written.push(file.path);
	}

	return outcome;
}
