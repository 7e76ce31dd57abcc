import type {Finding, Severity} from '../types.js';

// Problems met while reading a project become findings with DW9xx ids:
//   DW901 a file or folder could not be read (permissions, a pipe, a broken entry)
//   DW902 a .py file is binary or not valid in its declared encoding
//   DW903 a .py file looks syntactically broken (unclosed bracket or string)
//   DW904 a file is too large to analyse and was skipped
//   DW905 a TOML file (pyproject.toml, Pipfile, a lock file) does not parse
//   DW906 a requirements line cannot be understood
//   DW907 a requirements include (-r/-c) is missing, outside the project, or loops
//   DW908 a symbolic link points outside the project: left out of the context
//   DW909 a JSON file (Pipfile.lock) does not parse
//   DW910 a .dockerignore line is not a pattern Docker can read (docker build stops on it)
export type ProblemRule = 'DW901' | 'DW902' | 'DW903' | 'DW904' | 'DW905' | 'DW906' | 'DW907' | 'DW908' | 'DW909' | 'DW910';

export function problem(
	rule: ProblemRule,
	file: string,
	line: number | null,
	message: string,
	fix: string,
	severity: Severity = 'warning',
): Finding {
	return {rule, severity, line, message, fix, file};
}
