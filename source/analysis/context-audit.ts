import type {ContextAudit, ContextEntry, ContextFile} from '../types.js';
import {walkContext, type WalkProblem} from './context-walk.js';
import {isLikelySecret} from './secrets.js';

const largestCount = 10;

/**
 * The biggest entries a user can act on: each top-level folder with its total, and each
 * file anywhere; folders are listed with a trailing slash.
 */
export function largestEntries(included: ContextFile[], count = largestCount): ContextEntry[] {
	const folderBytes = new Map<string, number>();
	const entries: ContextEntry[] = [];
	for (const entry of included) {
		if (entry.kind !== 'file') {
			continue;
		}

		entries.push({path: entry.path, bytes: entry.bytes});
		const slash = entry.path.indexOf('/');
		if (slash !== -1) {
			const top = entry.path.slice(0, slash + 1);
			folderBytes.set(top, (folderBytes.get(top) ?? 0) + entry.bytes);
		}
	}

	for (const [folder, bytes] of folderBytes) {
		entries.push({path: folder, bytes});
	}

	return entries.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, count);
}

/**
 * Likely secrets in the context: paths only. A secret folder (`.git/`, `.aws/`) is named
 * once, not file by file.
 */
export function secretPaths(included: ContextFile[]): string[] {
	const secrets: string[] = [];
	const secretDirs: string[] = [];
	for (const entry of included) {
		if (secretDirs.some(dir => entry.path.startsWith(dir))) {
			continue;
		}

		if (isLikelySecret(entry.path, entry.kind)) {
			if (entry.kind === 'dir') {
				secretDirs.push(entry.path + '/');
				secrets.push(entry.path + '/');
			} else {
				secrets.push(entry.path);
			}
		}
	}

	return secrets;
}

/** Files at least this big are worth asking about: does the app need them in the image? */
export const largeFileBytes = 5_000_000;

export type ContextAuditResult = ContextAudit & {
	problems: WalkProblem[];
	skippedDirs: string[];
	outsideLinks: string[];
	/** Files of at least largeFileBytes, biggest first. */
	largeFiles: ContextEntry[];
	/** Every file sent (relative POSIX paths). */
	filePaths: string[];
};

/** What `docker build .` sends from `root` under this .dockerignore text (null: none). */
export async function auditContext(root: string, dockerignoreText: string | null): Promise<ContextAuditResult> {
	const walk = await walkContext(root, dockerignoreText);
	let bytes = 0;
	let files = 0;
	for (const entry of walk.included) {
		if (entry.kind !== 'dir') {
			files++;
			bytes += entry.bytes;
		}
	}

	return {
		bytes,
		files,
		ignoredBytes: walk.ignoredBytes,
		ignoredFiles: walk.ignoredFiles,
		largest: largestEntries(walk.included),
		secrets: secretPaths(walk.included),
		problems: walk.problems,
		skippedDirs: walk.skippedDirs,
		outsideLinks: walk.outsideLinks,
		largeFiles: walk.included
			.filter(entry => entry.kind === 'file' && entry.bytes >= largeFileBytes)
			.map(entry => ({path: entry.path, bytes: entry.bytes}))
			.sort((a, b) => b.bytes - a.bytes),
		filePaths: walk.included.filter(entry => entry.kind === 'file').map(entry => entry.path),
	};
}
