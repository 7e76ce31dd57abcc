import {maskSecrets} from '../analysis/mask-secrets.js';
import type {Finding, ProjectReport} from '../types.js';
import {parseDockerfile} from './parse-dockerfile.js';
import type {LintContext, LintSettings, Rule} from './rule.js';
import {applyRuleSettings, inlineSuppressions, withoutSuppressed} from './suppressions.js';
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

function contextFor(text: string, report: ProjectReport, python?: string, settings: LintSettings = {}): LintContext {
	return {text, parsed: parseDockerfile(looksBinary(text) ? '' : text), report, ...(python ? {python} : {}), ...(settings.trustedRegistries ? {trustedRegistries: settings.trustedRegistries} : {})};
}

/**
 * Lints a Dockerfile's text. Never throws, whatever the text (empty, binary, malformed, huge).
 * Its inline suppressions (`# hadolint ignore=DL3008`) are honoured; `settings` are the config's.
 */
export function lintDockerfile(text: string, report: ProjectReport, settings: LintSettings = {}): Finding[] {
	try {
		if (looksBinary(text)) {
			return run(dw017, contextFor(text, report), undefined);
		}

		const context = contextFor(text, report, undefined, settings);
		const findings = rules.filter(rule => rule.scope === 'dockerfile').flatMap(rule => run(rule, context, undefined));
		return sortFindings(applyRuleSettings(withoutSuppressed(findings, inlineSuppressions(context.parsed), finding => finding.file === undefined), settings));
	} catch (error) {
		return [{rule: 'DW015', severity: 'error', line: null, message: maskSecrets(`The Dockerfile could not be read (${error instanceof Error ? error.message : String(error)})`), fix: 'Replace it with a text Dockerfile (dockwiz proposes one).'}];
	}
}

/**
 * All findings for a project: its Dockerfile, its build context, and problems met while
 * scanning; `python` is the version chosen for the proposal; `settings` the config's rules.
 */
export function findingsFor(report: ProjectReport, python?: string, settings: LintSettings = {}): Finding[] {
	const dockerfile = report.dockerfile ? lintDockerfile(report.dockerfile.text, report, settings).map(finding => ({...finding, file: finding.file ?? report.dockerfile?.path})) : [];
	const context = contextFor(report.dockerfile?.text ?? '', report, python, settings);
	// A context rule's hit on a Dockerfile line (no file of its own) is suppressed like the others.
	const contextFindings = withoutSuppressed(rules.filter(rule => rule.scope === 'context').flatMap(rule => run(rule, context, undefined)), inlineSuppressions(context.parsed), finding => finding.file === undefined && report.dockerfile !== null);
	return sortFindings(applyRuleSettings([...dockerfile, ...contextFindings, ...report.problems], settings));
}
