import {maskSecrets} from '../analysis/mask-secrets.js';
import type {Finding, ProjectReport} from '../types.js';
import {parseDockerfile} from './parse-dockerfile.js';
import type {LintContext, Rule} from './rule.js';
import {rules} from './rules/index.js';
import {looksBinary} from './rule-helpers.js';
import {dw017} from './rules/dw017-binary.js';

const severityOrder = {error: 0, warning: 1, info: 2} as const;

function run(rule: Rule, context: LintContext, file: string | undefined): Finding[] {
	try {
		return rule.check(context).map(hit => ({
			rule: rule.id,
			severity: rule.severity,
			line: hit.line,
			// A hit may quote the Dockerfile (`ENV TOKEN=...`): every finding is masked as it is made.
			message: maskSecrets(hit.message ?? rule.title),
			fix: maskSecrets(hit.fix ?? rule.fix),
			...(hit.file ?? file ? {file: hit.file ?? file} : {}),
		}));
	} catch (error) {
		// A rule that trips on odd input must not hide the others' findings.
		return [{rule: rule.id, severity: 'info', line: null, message: maskSecrets(`Rule ${rule.id} could not check this file (${error instanceof Error ? error.message : String(error)})`), fix: 'Check the Dockerfile by hand for this rule.'}];
	}
}

function sortFindings(findings: Finding[]): Finding[] {
	return findings.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
}

function contextFor(text: string, report: ProjectReport, python?: string): LintContext {
	return {text, parsed: parseDockerfile(looksBinary(text) ? '' : text), report, ...(python ? {python} : {})};
}

/** Lints a Dockerfile's text. Never throws, whatever the text (empty, binary, malformed, huge). */
export function lintDockerfile(text: string, report: ProjectReport): Finding[] {
	try {
		if (looksBinary(text)) {
			return run(dw017, contextFor(text, report), undefined);
		}

		const context = contextFor(text, report);
		return sortFindings(rules.filter(rule => rule.scope === 'dockerfile').flatMap(rule => run(rule, context, undefined)));
	} catch (error) {
		return [{rule: 'DW015', severity: 'error', line: null, message: maskSecrets(`The Dockerfile could not be read (${error instanceof Error ? error.message : String(error)})`), fix: 'Replace it with a text Dockerfile (dockwiz proposes one).'}];
	}
}

/** All findings for a project: its Dockerfile, its build context, and problems met while scanning; `python` is the version chosen for the proposal. */
export function findingsFor(report: ProjectReport, python?: string): Finding[] {
	const dockerfile = report.dockerfile ? lintDockerfile(report.dockerfile.text, report).map(finding => ({...finding, file: finding.file ?? report.dockerfile?.path})) : [];
	const context = contextFor(report.dockerfile?.text ?? '', report, python);
	const contextFindings = rules.filter(rule => rule.scope === 'context').flatMap(rule => run(rule, context, undefined));
	return sortFindings([...dockerfile, ...contextFindings, ...report.problems]);
}
