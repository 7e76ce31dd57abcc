// What a module needs at start-up that its packages do not say: pkg_resources (setuptools'
// module) and the places it writes to (Flask's instance folder, uploads, logs, SQLite files).
// The container runs as a non-root user: each of these must exist and be the user's.
import path from 'node:path/posix';
import type {Evidence, StartupFacts} from '../types.js';
import type {LogicalLine} from './python-lines.js';

export type CodeStartup = Pick<StartupFacts, 'pkgResources' | 'writablePaths'>;

// Folders every image has and no app should own: a file the app writes there is made alone.
const systemFolders = new Set(['/', '/var', '/var/log', '/var/lib', '/var/run', '/run', '/etc', '/usr', '/opt', '/srv', '/home', '/root']);
const pkgResourcesImport = /^(?:import\s+pkg_resources\b|from\s+pkg_resources\s+import\b)/;
// Calls whose path argument is written to: folders made, log files and databases opened.
const writingCall = /\b(os\.makedirs|os\.mkdir|makedirs|mkdir|FileHandler|RotatingFileHandler|TimedRotatingFileHandler|WatchedFileHandler|sqlite3\.connect)\s*\(/g;
// Settings that name where the app keeps its files: UPLOAD_FOLDER, LOG_DIR, DATA_PATH...
const folderSetting = /(?:^|\[\s*["'])([A-Z_]*?(?:UPLOAD|LOG|DATA|MEDIA|INSTANCE|STORAGE|CACHE|FILES)[A-Z_]*(?:FOLDER|DIR|DIRECTORY|PATH|ROOT))["']?\s*\]?\s*(?::\s*\w+\s*)?=\s*(.+)$/;
const writeOpen = /\bopen\s*\(\s*["']([^"'{}%]+)["']\s*,\s*["'](?:[wax]b?\+?|r\+)["']/;
const sqliteUri = /sqlite:\/\/\/([^"'?{}%]+)/;
const instanceMade = /\b(?:makedirs|mkdir)\s*\(\s*(?:[\w.]+\.)?instance_path\b|\binstance_path\b.*\bmkdir\s*\(/;

function literals(text: string): string[] {
	// An env var's name is no path (`os.environ.get("UPLOADS", "uploads")` keeps only the default), nor a config key.
	const values = text.replace(/(?:environ\s*\[|(?:environ\.get|getenv)\s*\(|config\s*\[)\s*["'][^"']*["']/g, '');
	return [...values.matchAll(/(?<![\w])[rbuf]?(["'])([^"']*)\1/gi)].map(match => match[2]);
}

/** The arguments of the call that opens at `open` (the index just after its `(`). */
function callArguments(text: string, open: number): string {
	let depth = 1;
	for (let index = open; index < text.length; index++) {
		if (text[index] === '(') {
			depth++;
		} else if (text[index] === ')' && --depth === 0) {
			return text.slice(open, index);
		}
	}

	return text.slice(open);
}

/** A path as the app names it -> where it lives relative to the working directory, or absolute; null when it is not a path we can use. */
function cleanPath(raw: string): string | null {
	const value = raw.trim();
	// The path goes into a RUN line: only plain names (no spaces, quotes, globs or shell syntax).
	if (!/^[\w./-]+$/.test(value)) {
		return null;
	}

	const normal = path.normalize(value).replace(/\/+$/, '');
	if (normal === '.' || normal.startsWith('..') || normal === '' || /^\/(tmp|dev|proc|sys)(\/|$)/.test(normal)) {
		return null;
	}

	return normal.replace(/^\.\//, '');
}

function looksLikeFile(value: string): boolean {
	return /\.(log|db|sqlite3?|txt|json|csv|pid)$/i.test(value);
}

type Found = CodeStartup['writablePaths'][number];

function addPath(found: Found[], raw: string | null, isFile: boolean, evidence: Evidence): void {
	const clean = raw === null ? null : cleanPath(raw);
	if (clean === null) {
		return;
	}

	if (!isFile) {
		found.push({path: clean, kind: 'folder', evidence});
		return;
	}

	const folder = path.dirname(clean);
	if (folder === '.') {
		// A file in the working directory: /app is the user's, nothing more to make.
		return;
	}

	found.push(systemFolders.has(folder) ? {path: clean, kind: 'file', evidence} : {path: folder, kind: 'folder', evidence});
}

/** `os.path.join(BASE_DIR, 'logs', 'app.log')` -> `logs/app.log`; a lone literal as it is. */
function joinedLiterals(text: string): string | null {
	const parts = literals(text).filter(part => part !== '');
	if (parts.length === 0) {
		return null;
	}

	return parts.length === 1 ? parts[0] : path.join(...parts);
}

/** Reads one module's logical lines; `importRoot` is the folder its package imports from (Flask puts `instance/` there). */
export function codeStartup(file: string, lines: LogicalLine[], importRoot: string): CodeStartup {
	const facts: CodeStartup = {pkgResources: [], writablePaths: []};
	for (const {line, text} of lines) {
		const evidence = (detail = text.slice(0, 120)): Evidence => ({file, line, detail});
		if (pkgResourcesImport.test(text)) {
			facts.pkgResources.push(evidence());
		}

		if (instanceMade.test(text)) {
			facts.writablePaths.push({path: importRoot === '' ? 'instance' : `${importRoot}/instance`, kind: 'folder', evidence: evidence(`Flask's instance folder: ${text.slice(0, 100)}`)});
		}

		for (const match of text.matchAll(writingCall)) {
			const call = match[1];
			const argument = callArguments(text, (match.index ?? 0) + match[0].length);
			// The first argument only: `makedirs(path, exist_ok=True)`, `FileHandler(path, mode='a')`.
			const first = argument.split(/,(?![^(]*\))/)[0];
			const value = /join\s*\(/.test(first) ? joinedLiterals(first) : literals(first)[0] ?? null;
			addPath(facts.writablePaths, value, /Handler$|connect$/.test(call), evidence());
		}

		const setting = folderSetting.exec(text);
		if (setting) {
			const value = joinedLiterals(setting[2]);
			addPath(facts.writablePaths, value, value !== null && looksLikeFile(value), evidence());
		}

		const opened = writeOpen.exec(text);
		if (opened) {
			addPath(facts.writablePaths, opened[1], true, evidence());
		}

		const sqlite = sqliteUri.exec(text);
		if (sqlite) {
			// `sqlite:////data/app.db` is absolute; `sqlite:///app.db` is relative (to the working directory, or the instance folder in Flask-SQLAlchemy 3).
			addPath(facts.writablePaths, sqlite[1], true, evidence());
		}
	}

	return facts;
}

/** One entry per path (the first evidence kept), folders before files, in a stable order. */
export function mergeWritablePaths(all: Found[]): Found[] {
	const byPath = new Map<string, Found>();
	for (const entry of all) {
		if (!byPath.has(entry.path)) {
			byPath.set(entry.path, entry);
		}
	}

	return [...byPath.values()].sort((a, b) => (a.kind === b.kind ? a.path.localeCompare(b.path) : a.kind === 'folder' ? -1 : 1));
}
