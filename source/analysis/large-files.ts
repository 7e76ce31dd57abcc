// Large files in the build context that no source file names: usually data sets, dumps or
// media that crept into the project folder. They cost context bytes on every build and
// image bytes forever; the proposal leaves them out and says how to put them back.
import path from 'node:path';
import type {ContextEntry} from '../types.js';
import {readProjectFile} from './project-reader.js';

/** Text files that may name a data file the app reads: code, templates and configuration. */
const referencingFile = /\.(py|pyi|html?|jinja2?|j2|txt|cfg|ini|toml|ya?ml|json|env|sh|sql|md)$|(^|\/)(Procfile|Dockerfile)$/;
const maxReadBytes = 1_000_000;
const maxFilesRead = 2000;

/**
 * The large files (from `largeFiles`) whose path or file name appears in none of the
 * project's text files. `textFiles`: relative paths of the context's files to search.
 */
export async function unreferencedLargeFiles(root: string, largeFiles: ContextEntry[], textFiles: string[]): Promise<ContextEntry[]> {
	if (largeFiles.length === 0) return [];
	const needles = largeFiles.map(entry => ({entry, names: [entry.path, path.posix.basename(entry.path)]}));
	const referenced = new Set<string>();
	const candidates = textFiles.filter(file => referencingFile.test(file) && !largeFiles.some(entry => entry.path === file)).slice(0, maxFilesRead);
	for (const file of candidates) {
		// Through the project reader: a context file may be a link, and only what is in the project is searched.
		const read = await readProjectFile(root, file, maxReadBytes, {truncate: true});
		if (read.kind !== 'ok') continue;
		const text = read.bytes.toString('utf8');

		for (const {entry, names} of needles) {
			if (!referenced.has(entry.path) && names.some(name => text.includes(name))) referenced.add(entry.path);
		}

		if (referenced.size === largeFiles.length) break;
	}

	return largeFiles.filter(entry => !referenced.has(entry.path));
}
