// --format github: GitHub Actions workflow commands, one per finding and per failed budget,
// which the runner turns into annotations on the pull request's files.

import type {DockwizReport, Severity} from '../types.js';

const commandFor: Record<Severity, 'error' | 'warning' | 'notice'> = {error: 'error', warning: 'warning', info: 'notice'};

// Workflow command escaping: the message escapes %, CR and LF; properties also escape : and ,.
function escapeData(text: string): string {
	return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
	return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** `file` is relative to the project; `prefix` puts it relative to the repository's root (a project in a subfolder). */
export function renderGithubAnnotations(report: DockwizReport, prefix = ''): string {
	const lines: string[] = [];
	for (const finding of report.findings) {
		const file = `${prefix}${finding.file ?? 'Dockerfile'}`;
		const properties = [`file=${escapeProperty(file)}`, ...(finding.line === null ? [] : [`line=${finding.line}`]), `title=${escapeProperty(`${finding.rule} ${finding.severity}`)}`];
		lines.push(`::${commandFor[finding.severity]} ${properties.join(',')}::${escapeData(`${finding.message}. Fix: ${finding.fix}`)}`);
	}

	for (const budget of report.budgets ?? []) {
		if (!budget.ok) lines.push(`::error title=${escapeProperty(`dockwiz budget ${budget.name}`)}::${escapeData(budget.detail)}`);
	}

	return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
