import type {Evidence, ProjectReport} from '../types.js';

/**
 * Why the framework was chosen, for the report: the lines that show it. For Flask, the best
 * target's evidence (`app = Flask(__name__)`); for the others, what the scan found of them.
 */
export function frameworkEvidenceOf(report: ProjectReport): Evidence[] {
	if (report.framework === 'flask') {
		return (report.wsgiCandidates.find(candidate => candidate.target === report.wsgiTarget) ?? report.wsgiCandidates[0])?.evidence.slice(0, 3) ?? [];
	}

	return report.framework === 'unknown' ? [] : report.frameworkEvidence.slice(0, 5);
}
