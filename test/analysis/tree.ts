import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

/** Writes a tree of files (path -> content) into a new temp folder; returns its path. */
export async function makeTree(files: Record<string, string | Buffer>): Promise<string> {
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

/** A `tree(files)` for one test file: every tree it makes is removed after each test. */
export function treesRemovedAfterEach(): (files: Record<string, string | Buffer>) => Promise<string> {
	const roots: string[] = [];
	afterEach(async () => {
		await Promise.all(roots.splice(0).map(removeTree));
	});
	return async files => {
		const root = await makeTree(files);
		roots.push(root);
		return root;
	};
}
