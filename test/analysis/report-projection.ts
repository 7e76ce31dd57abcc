import type {ProjectReport} from '../../source/types.js';

/** The fields of a ProjectReport that a fixture's expected.json pins down. */
export function projectReport(report: ProjectReport) {
	return {
		framework: report.framework,
		frameworkEvidenceFiles: [...new Set(report.frameworkEvidence.map(e => e.file))].sort(),
		wsgiTarget: report.wsgiTarget,
		candidates: report.wsgiCandidates.map(c => ({target: c.target, kind: c.kind, ...(c.chdir ? {chdir: c.chdir} : {})})),
		python: report.python,
		manager: report.dependencies.manager,
		dependencyFiles: report.dependencies.files,
		packages: report.dependencies.packages.map(p => p.name).sort(),
		server: report.server,
		port: report.port,
		portSource: report.portSource,
		nativeNeeds: report.nativeNeeds.map(n => n.package),
		contextFiles: report.context.files,
		secrets: report.context.secrets,
		sourceFiles: report.sourceFiles,
		problems: report.problems.map(p => ({rule: p.rule, file: p.file, line: p.line})),
	};
}
