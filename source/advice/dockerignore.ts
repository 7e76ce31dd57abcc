// The proposed .dockerignore, in Docker's own semantics (analysis/ignore-rules.ts, checked
// against @balena/dockerignore, what dockerode packs contexts with), merged with the user's
// lines and checked against the files the Dockerfile needs.
import {ignoreRules, unreadablePatterns} from '../analysis/ignore-rules.js';
import type {ProjectReport} from '../types.js';
import {looksSecretPath} from './rule-helpers.js';

type Group = {comment: string; patterns: string[]; secret?: boolean};

export const defaultGroups: Group[] = [
	{comment: 'Version control', patterns: ['.git', '.gitignore', '.gitattributes', '.hg', '.svn']},
	{comment: 'Virtualenvs', patterns: ['.venv', 'venv', '**/.venv', '.virtualenv', '.python-version', '__pypackages__']},
	{comment: 'Caches and bytecode', patterns: ['**/__pycache__', '**/*.py[cod]', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.coverage', 'htmlcov', '.cache']},
	{comment: 'Secrets: pass them at run time instead', patterns: ['.env', '.env.*', '!.env.example', '*.pem', '*.key', '.aws', '.ssh', '.netrc', '.pypirc'], secret: true},
	{comment: 'Editors and OS files', patterns: ['.vscode', '.idea', '**/*.swp', '**/*~', '**/.DS_Store', 'Thumbs.db']},
	{comment: 'Build artifacts and other ecosystems', patterns: ['node_modules', 'dist', 'build', '*.egg-info', '.eggs']},
	{comment: 'Docker files themselves (a change here should not bust the COPY cache)', patterns: ['docker-compose*.yml', 'compose*.yaml', '*.dockwiz-backup*']},
];

function normalize(pattern: string): string {
	return pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '');
}

/** A path as a .dockerignore pattern that matches it alone (wildcards and `!` escaped). */
function escapePattern(file: string): string {
	return file.replace(/[*?[\\\]]/g, character => `\\${character}`).replace(/^!/, '\\!');
}

function patternsOf(text: string): string[] {
	return text.split(/\r?\n/).map(line => line.trim()).filter(line => line !== '' && !line.startsWith('#'));
}

/**
 * The files (from `files`) that a .dockerignore text excludes from the context. Matched with
 * analysis's port of Docker's matcher (tested to decide as the library does), which takes
 * time linear in the path: the library's expressions backtrack for minutes on a pattern of
 * many `**` and `*` segments against a long name, and a project (its names and patterns) may be hostile.
 */
export function ignoredFiles(dockerignoreText: string, files: string[]): string[] {
	const rules = ignoreRules(dockerignoreText);
	return files.filter(file => rules.ignores(file.replace(/^\.\//, '')));
}

export type DockerignoreResult = {
	text: string;
	/** Patterns we left out because they would hide a file the app needs. */
	dropped: string[];
	/** Patterns appended to the user's file. */
	added: string[];
};

/**
 * The proposed .dockerignore: the user's lines kept as they are, our patterns added when missing,
 * never one that hides a needed file (`needed`: files the Dockerfile copies by name, dependency
 * files, application sources).
 */
export function proposeDockerignore(report: ProjectReport, needed: string[]): DockerignoreResult {
	// A line Docker cannot read would stop every build: it stays, as a comment that says why.
	const unreadable = new Set(unreadablePatterns(report.dockerignore?.text ?? null).map(entry => entry.line));
	const existing = (report.dockerignore?.text ?? '').split('\n').map((line, index) => (unreadable.has(index + 1) ? `# ${line.trim()}   (not a pattern Docker can read)` : line)).join('\n');
	const present = new Set(patternsOf(existing).map(line => normalize(line)));
	const neededFiles = [...new Set([...needed, ...report.dependencies.files, ...report.sourceFiles])].map(file => file.replace(/^\.\//, ''));
	const dropped: string[] = [];
	const added: string[] = [];
	const blocks: string[] = [];
	const largeFiles = report.unreferencedLargeFiles ?? [];
	const groups: Group[] = largeFiles.length === 0 ? defaultGroups : [...defaultGroups, {
		comment: 'Large files that no source, template or config file names (delete a line if the app reads that file)',
		patterns: largeFiles.map(entry => escapePattern(entry.path)),
	}];
	for (const group of groups) {
		const kept: string[] = [];
		for (const pattern of group.patterns) {
			if (present.has(normalize(pattern))) {
				continue;
			}

			// Secrets stay excluded even when named as sources; anything else that hides app code is not junk here.
			if (!pattern.startsWith('!') && !group.secret && ignoredFiles(pattern, neededFiles).length > 0) {
				dropped.push(pattern);
				continue;
			}

			kept.push(pattern);
		}

		if (group.secret) {
			for (const secret of report.context.secrets) {
				if (ignoredFiles([...patternsOf(existing), ...kept].join('\n'), [secret]).length === 0) {
					kept.push(secret);
				}
			}
		}

		if (kept.some(pattern => !pattern.startsWith('!'))) {
			blocks.push([`# ${group.comment}`, ...kept].join('\n'));
			added.push(...kept);
		}
	}

	let text = existing === '' ? blocks.join('\n\n') + '\n' : existing.replace(/\s*$/, '\n') + (blocks.length > 0 ? '\n# Added by dockwiz\n' + blocks.join('\n\n') + '\n' : '');

	// The last word: re-include anything the Dockerfile copies by name that is still excluded.
	const stillIgnored = ignoredFiles(text, needed.filter(file => !looksSecretPath(file)));
	if (stillIgnored.length > 0) {
		const exceptions = stillIgnored.map(file => `!${file}`);
		text += `\n# The Dockerfile copies these: keep them in the context\n${exceptions.join('\n')}\n`;
		added.push(...exceptions);
	}

	return {text, dropped, added};
}
