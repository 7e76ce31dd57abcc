// Builds the JSON report of DESIGN.md from the pieces of a run. It copies field by field
// (never spreads the ProjectReport), so file texts read during the scan — a .env, the
// existing Dockerfile — cannot leak into the JSON.

import {frameworkEvidenceOf} from './framework-evidence.js';
import {hintsFor} from '../advice/failure-hints/index.js';
import {maskStrings} from '../analysis/mask-secrets.js';
import type {BuildResult, Builds, ContextAudit, DockwizReport, EngineInfo, Finding, Measurement, ProjectReport, Proposal} from '../types.js';

export type ReportInput = {
	report: ProjectReport;
	findings: Finding[];
	proposal: Proposal;
	/** The build context under the proposed .dockerignore, when it was audited. */
	proposedContext?: ContextAudit;
	/** Null with --no-build. */
	measurement: Measurement | null;
	/** --logs: keep each side's whole build and container logs in the report. */
	includeLogs?: boolean;
};

function copyAudit(audit: ContextAudit): ContextAudit {
	return {
		bytes: audit.bytes,
		files: audit.files,
		ignoredBytes: audit.ignoredBytes,
		ignoredFiles: audit.ignoredFiles,
		largest: audit.largest.map(entry => ({path: entry.path, bytes: entry.bytes})),
		secrets: [...audit.secrets],
	};
}

function copyFinding(finding: Finding): Finding {
	const copy: Finding = {
		rule: finding.rule,
		severity: finding.severity,
		line: finding.line,
		message: finding.message,
		fix: finding.fix,
	};
	if (finding.file !== undefined) copy.file = finding.file;
	return copy;
}

function findingKey(finding: Finding): string {
	return [finding.rule, finding.file ?? '', finding.line ?? '', finding.message].join('\u0000');
}

/** The lint findings, then the problems met while reading, each once. */
function mergeFindings(findings: Finding[], problems: Finding[]): Finding[] {
	const seen = new Set<string>();
	const merged: Finding[] = [];
	for (const finding of [...findings, ...problems]) {
		const key = findingKey(finding);
		if (seen.has(key)) continue;
		seen.add(key);
		merged.push(copyFinding(finding));
	}

	return merged;
}

/** A failed side's causes with their fixes, read off what it kept: the build's error, the container's log. */
function sideWithHints(result: BuildResult): BuildResult {
	const {smoke} = result;
	if (smoke && !smoke.ok) {
		const hints = hintsFor({phase: 'smoke', logTail: [...(smoke.logTail ?? []), ...(smoke.error ? [smoke.error] : [])]});
		if (hints.length > 0) return {...result, smoke: {...smoke, hints}};
	} else if (!result.ok && result.error && result.error.phase !== 'smoke') {
		// The failing step's own output first (pip's resolver error), then the engine's message.
		const {instruction, exitCode, logTail, message} = result.error;
		const hints = hintsFor({phase: 'build', instruction: instruction ?? undefined, exitCode, logTail: [...logTail, ...message.split('\n')]});
		if (hints.length > 0) return {...result, hints};
	}

	return result;
}

function withHints(builds: Builds, includeLogs: boolean): Builds {
	const side = (result: BuildResult): BuildResult => {
		const withCauses = sideWithHints(result);
		if (includeLogs || withCauses.logs === undefined) return withCauses;
		const {logs: _logs, ...rest} = withCauses;
		return rest;
	};

	// Spread first: the builds carry more than the two sides (the pulls).
	return {...builds, before: side(builds.before), after: side(builds.after)};
}

/** Which engine measured and where its containers were reached: a remote engine's report says so. */
function engineOf(info: EngineInfo): NonNullable<DockwizReport['engine']> {
	return {endpoint: info.endpoint, engineVersion: info.engineVersion, apiVersion: info.apiVersion, ...(info.appHost ? {appHost: info.appHost} : {})};
}

function uniqueNames(packages: ProjectReport['dependencies']['packages']): string[] {
	return [...new Set(packages.map(pkg => pkg.name))];
}

/**
 * The JSON report; the JSON, plain and Markdown renderers and the summary screen all read it.
 * Every string in it is masked here, the one way out: no credential a project's files or a
 * build log held (a URL's password, a token) reaches any of them.
 */
export function assembleReport(input: ReportInput): DockwizReport {
	return maskStrings(assembleUnmasked(input));
}

function assembleUnmasked(input: ReportInput): DockwizReport {
	const {report, proposal, proposedContext, measurement} = input;
	const context: DockwizReport['context'] = copyAudit(report.context);
	if (proposedContext) context.proposed = copyAudit(proposedContext);

	return {
		project: {
			root: report.root,
			framework: report.framework,
			frameworkEvidence: frameworkEvidenceOf(report),
			wsgiTarget: report.wsgiTarget,
			asgiTarget: report.asgiTarget ?? null,
			...(report.django ? {django: {settingsModule: report.django.settingsModule, staticRoot: report.django.staticRoot, collectstatic: report.django.collectstatic, whitenoise: report.django.whitenoise}} : {}),
			python: {version: report.python.version, source: report.python.source},
			dependencies: {
				manager: report.dependencies.manager,
				files: [...report.dependencies.files],
				packages: uniqueNames(report.dependencies.packages),
			},
			server: report.server,
			port: report.port,
		},
		context,
		findings: mergeFindings(input.findings, report.problems),
		proposal: {
			dockerfile: proposal.dockerfile,
			dockerignore: proposal.dockerignore,
			changes: proposal.changes.map(change => ({...change})),
			warnings: [...proposal.warnings],
		},
		builds: measurement ? withHints(structuredClone(measurement.builds), input.includeLogs ?? false) : null,
		summary: measurement ? {...measurement.summary} : null,
		...(measurement?.engine ? {engine: engineOf(measurement.engine)} : {}),
	};
}
