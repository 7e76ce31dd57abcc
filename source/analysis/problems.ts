import type {Finding, Severity} from '../types.js';
import {maskSecrets} from './mask-secrets.js';

// Problems met while reading a project become findings with DW9xx ids. The catalogue is
// data so that docs/rules.md lists them beside the lint rules.
export const problemCatalogue = {
	DW901: 'A file or folder could not be read (permissions, a pipe, a broken entry)',
	DW902: 'A .py file is binary or not valid in its declared encoding',
	DW903: 'A .py file looks syntactically broken (unclosed bracket or string)',
	DW904: 'A file is too large to analyse and was skipped',
	DW905: 'A TOML file (pyproject.toml, Pipfile, a lock file) does not parse',
	DW906: 'A requirements line cannot be understood',
	DW907: 'A requirements include (-r/-c) is missing, outside the project, or loops',
	DW908: 'A symbolic link points outside the project: left out of the context',
	DW909: 'A JSON file (Pipfile.lock) does not parse',
	DW910: 'A .dockerignore line is not a pattern Docker can read (docker build stops on it)',
	DW911: 'A file dockwiz would read (a requirements file or include, the Dockerfile, a start script...) leads outside the project or into /proc, /sys or /dev: it was not read',
} as const;

/** Bad and good examples for the problems a project can cause on purpose (shell commands that make the files). */
export const problemExamples: Partial<Record<keyof typeof problemCatalogue, {bad: string; good: string}>> = {
	DW911: {
		bad: 'ln -s /proc/self/environ requirements.txt\nln -s ../shared/Dockerfile Dockerfile\necho "-r ../../secrets.txt" >> requirements.txt\n',
		good: 'cp ../shared/requirements.txt requirements.txt\ncp ../shared/Dockerfile Dockerfile\n',
	},
};

export type ProblemRule = keyof typeof problemCatalogue;

export function problem(
	rule: ProblemRule,
	file: string,
	line: number | null,
	message: string,
	fix: string,
	severity: Severity = 'warning',
): Finding {
	// A problem may quote a line of the file (a requirements line with a password in its URL): masked.
	return {rule, severity, line, message: maskSecrets(message), fix: maskSecrets(fix), file: maskSecrets(file)};
}
