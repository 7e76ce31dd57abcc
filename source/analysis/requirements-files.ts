import path from 'node:path';
import type {Finding, PythonPackage} from '../types.js';
import {problem} from './problems.js';
import {readProjectTextOutcome} from './project-files.js';
import {maskSecrets} from './mask-secrets.js';
import {projectRelative} from './project-reader.js';
import {parseRequirement} from './requirement.js';

export type RequirementsResult = {
	/** Every requirements file read, includes and constraints too (relative POSIX paths). */
	files: string[];
	packages: PythonPackage[];
};

// Options that stand alone on a line and name no package (an index, a flag).
const ignoredOptions = /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-binary|--only-binary|--pre|--prefer-binary|--require-hashes|--no-index|--use-feature|--config-settings|-Z|--always-unzip|--no-deps)(\s|=|$)/;

/** Logical lines: comments removed, backslash continuations joined, with the first line number. */
function requirementLines(text: string): {line: number; text: string}[] {
	const result: {line: number; text: string}[] = [];
	let pending: {line: number; text: string} | null = null;
	text.split(/\r?\n/).forEach((raw, index) => {
		// A comment starts at `#` at the start or after whitespace (a URL's #egg= fragment is not one).
		const code = raw.replace(/(^|\s)#.*$/, '');
		const continued = /\\\s*$/.test(code);
		const piece = code.replace(/\\\s*$/, '');
		pending = pending ? {line: pending.line, text: pending.text + ' ' + piece.trim()} : {line: index + 1, text: piece.trim()};
		if (!continued) {
			if (pending.text !== '') {
				result.push(pending);
			}

			pending = null;
		}
	});
	if (pending !== null && (pending as {text: string}).text !== '') {
		result.push(pending);
	}

	return result;
}

/** Reads a requirements file and what it includes (-r) or constrains (-c), once each. */
export async function readRequirementsFiles(root: string, entryFiles: string[], problems: Finding[]): Promise<RequirementsResult> {
	const result: RequirementsResult = {files: [], packages: []};
	const seen = new Set<string>();

	const readFile = async (relPath: string, constraintsOnly: boolean, includedFrom?: {file: string; line: number}): Promise<void> => {
		if (seen.has(relPath)) {
			return;
		}

		seen.add(relPath);
		const {text, status} = await readProjectTextOutcome(root, relPath, problems);
		if (text === null) {
			// A refused or broken file has its own finding already; only a missing one needs this.
			if (includedFrom && status === 'missing') {
				problems.push(problem('DW907', includedFrom.file, includedFrom.line, `${includedFrom.file} includes ${relPath}, which was not found or could not be read.`, `Create ${relPath} or remove the include line.`));
			}

			return;
		}

		result.files.push(relPath);
		for (const {line, text: code} of requirementLines(text)) {
			const include = /^(-r|--requirement|-c|--constraint)(?:\s+|=)?(.+)$/.exec(code);
			if (include) {
				const named = include[2].trim();
				if (/^[a-z][a-z0-9+.-]*:\/\//i.test(named)) {
					// pip fetches a URL include; dockwiz reads only the project's files.
					problems.push(problem('DW907', relPath, line, `${relPath} includes ${named}, a URL: its requirements were not read.`, 'Nothing to do if the image build can reach it; otherwise vendor the file into the project.', 'info'));
					continue;
				}

				// An absolute include (`-r /etc/x`) is outside too: join would make it relative.
				const target = path.posix.normalize(path.posix.join(path.posix.dirname(relPath), named));
				if (path.posix.isAbsolute(named) || projectRelative(target) === null) {
					problems.push(problem('DW907', relPath, line, `${relPath} includes ${include[2].trim()}, which is outside the project: Docker cannot send it in the build context.`, 'Move the file into the project folder.'));
					continue;
				}

				await readFile(target, constraintsOnly || include[1] === '-c' || include[1] === '--constraint', {file: relPath, line});
				continue;
			}

			if (ignoredOptions.test(code)) {
				continue;
			}

			// Per-requirement options (hashes, install options) are not part of the requirement.
			const requirementText = code.replace(/\s--(hash|install-option|global-option|config-settings)(=|\s+)\S+/g, '').trim();
			const editable = /^(-e|--editable)(?:\s+|=)(.+)$/.exec(requirementText);
			const body = editable ? editable[2] : requirementText;
			if (body.startsWith('-')) {
				problems.push(problem('DW906', relPath, line, `Unknown option in ${relPath}: ${body.split(/\s/)[0]}.`, 'Check the line against pip\'s requirements file format.', 'info'));
				continue;
			}

			if (constraintsOnly) {
				continue;
			}

			const parsed = parseRequirement(body);
			if (!parsed) {
				problems.push(problem('DW906', relPath, line, `${relPath} line ${line} is not a valid requirement: ${maskSecrets(body).slice(0, 80)}`, 'Fix the line (name, optional [extras], version specifier, optional ; marker), or remove it; pip will reject it too.'));
				continue;
			}

			result.packages.push({...parsed, file: relPath, line});
		}
	};

	for (const file of entryFiles) {
		await readFile(file, false);
	}

	return result;
}
