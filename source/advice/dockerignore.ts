// The proposed .dockerignore, in Docker's own semantics (analysis/ignore-rules.ts, checked
// against @balena/dockerignore, what dockerode packs contexts with), merged with the user's
// lines and checked against the files the Dockerfile needs.
import {ignoreRules, unreadablePatterns} from '../analysis/ignore-rules.js';
import type {ProjectReport} from '../types.js';
import {literalPattern} from './ignore-pattern.js';
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

/**
 * The audit's secrets (a folder ends with `/`) that this .dockerignore text still sends: the
 * path itself, or for a folder, a file below it that an exception line could bring back.
 */
export function secretsStillSent(dockerignoreText: string, secrets: string[]): string[] {
	const exceptions = patternsOf(dockerignoreText).filter(line => line.startsWith('!')).map(line => line.slice(1).trim().replace(/^\/+/, ''));
	return secrets.filter(secret => {
		const bare = secret.replace(/\/$/, '');
		if (bare === '') return false;
		const probes = [bare];
		if (secret.endsWith('/')) {
			probes.push(`${bare}/x`);
			for (const exception of exceptions) {
				const below = exception.startsWith(`${bare}/`) ? exception : exception.startsWith('**/') ? `${bare}/${exception.slice(3)}` : null;
				// A path the exception matches, made from it: wildcards filled with the least they match.
				if (below !== null) probes.push(below.replaceAll('**/', '').replaceAll('*', '').replaceAll('?', 'x').replace(/\[\^?!?([^\]])[^\]]*\]/g, '$1').replaceAll('\\', ''));
			}
		}

		return ignoredFiles(dockerignoreText, probes).length < probes.length;
	});
}

export type DockerignoreResult = {
	text: string;
	/** Patterns we left out because they would hide a file the app needs. */
	dropped: string[];
	/** Patterns appended to the user's file. */
	added: string[];
	/** Files no .dockerignore line can name exactly (a line break in the name): what was done instead. */
	notes: string[];
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
		patterns: largeFiles.map(entry => literalPattern(entry.path)).filter((pattern): pattern is string => pattern !== null),
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
				const pattern = literalPattern(secret);
				if (pattern !== null && ignoredFiles([...patternsOf(existing), ...kept].join('\n'), [secret.replace(/\/$/, '')]).length === 0) {
					kept.push(pattern);
				}
			}
		}

		if (kept.some(pattern => !pattern.startsWith('!'))) {
			blocks.push([`# ${group.comment}`, ...kept].join('\n'));
			added.push(...kept);
		}
	}

	let text = existing === '' ? blocks.join('\n\n') + '\n' : existing.replace(/\s*$/, '\n') + (blocks.length > 0 ? '\n# Added by dockwiz\n' + blocks.join('\n\n') + '\n' : '');

	// Re-include anything the Dockerfile copies by name that is still excluded, by a line that names it alone.
	const notes: string[] = [];
	const stillIgnored = ignoredFiles(text, needed.filter(file => !looksSecretPath(file)));
	const exceptions: string[] = [];
	for (const file of stillIgnored) {
		const pattern = literalPattern(file, {exact: true});
		if (pattern === null) {
			notes.push(`${JSON.stringify(file)} is copied by the Dockerfile but excluded, and no .dockerignore line can name it alone (a line break or spaces at its ends): rename it.`);
		} else {
			exceptions.push(`!${pattern}`);
		}
	}

	if (exceptions.length > 0) {
		text += `\n# The Dockerfile copies these: keep them in the context\n${exceptions.join('\n')}\n`;
		added.push(...exceptions);
	}

	// The project's own lines may leave the application out (`*.py`): the image would not hold the app. Say which line.
	const userPatterns = patternsOf(existing).filter(line => !line.startsWith('!'));
	const appLeftOut = ignoredFiles(text, report.sourceFiles.filter(file => !looksSecretPath(file)));
	if (appLeftOut.length > 0) {
		const culprit = [...userPatterns].reverse().find(pattern => ignoredFiles(pattern, appLeftOut).length > 0);
		const files = appLeftOut.slice(0, 3).map(file => JSON.stringify(file)).join(', ') + (appLeftOut.length > 3 ? ` and ${appLeftOut.length - 3} more` : '');
		notes.push(`Your .dockerignore leaves the app's source out of the image (${files})${culprit ? `: the line \`${culprit}\` excludes it` : ''}. Remove or narrow that line, or the container will not find the app.`);
	}

	// The very last word, in Docker's own semantics: no secret the audit found is sent, whatever exception came before.
	const stillSent = secretsStillSent(text, report.context.secrets);
	if (stillSent.length > 0) {
		const exclusions = stillSent.flatMap(secret => {
			const pattern = literalPattern(secret) as string;
			return secret.endsWith('/') ? [pattern, `${pattern}/**`] : [pattern];
		});
		text += `\n# Secrets the lines above would still send: always left out\n${exclusions.join('\n')}\n`;
		added.push(...exclusions);
	}

	return {text, dropped, added, notes};
}
