import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** Writes a tree of files (path -> content) into a new temp folder; returns its path. */
export async function makeTree(files: Record<string, string>): Promise<string> {
	const root = await mkdtemp(path.join(tmpdir(), 'dockwiz-analysis-'));
	for (const [relPath, content] of Object.entries(files)) {
		const absolute = path.join(root, relPath);
		await mkdir(path.dirname(absolute), {recursive: true});
		await writeFile(absolute, content);
	}

	return root;
}

export async function removeTree(root: string): Promise<void> {
	await rm(root, {recursive: true, force: true});
}
