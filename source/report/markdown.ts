// The Markdown report (--report FILE.md): what was found, what changed and why, and
// what it measured, readable on its own in a pull request or a wiki.

import {budgetsMarkdown} from '../ci/budget-text.js';
import type {DockwizReport, EngineInfo, Finding} from '../types.js';
import {buildFailures, comparisonRows, containerLogTails, dependencyChangeLines, failedStepOutputs, failureHintLines, placeholderLines} from './comparison.js';
import {changeEvidence} from './change-evidence.js';
import {formatBytes} from './format.js';
import {explainMarkdown} from './explain-markdown.js';
import {pullSummaryLines} from './pull-lines.js';

export type MarkdownMeta = {
	/** As it should be printed, e.g. an ISO date. */
	date: string;
	engine?: EngineInfo;
	/** The waterfall chart's file name, next to the report (written with --explain). */
	explainChart?: string;
};

/** Table cells cannot hold pipes or line breaks. */
function cell(text: string): string {
	return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

function row(cells: string[]): string {
	return `| ${cells.map(cell).join(' | ')} |`;
}

export function table(header: string[], rows: string[][]): string {
	return [row(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(cells => row(cells))].join('\n');
}

/** A fence longer than any run of backticks in the text, so the block cannot end early. */
function codeBlock(text: string, language: string): string {
	const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	const body = text.endsWith('\n') ? text : `${text}\n`;
	return `${fence}${language}\n${body}${fence}`;
}

function inlineCode(text: string): string {
	return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function projectName(root: string): string {
	const parts = root.split(/[\\/]/).filter(Boolean);
	return parts.at(-1) ?? root;
}

function atAGlance(report: DockwizReport): string {
	const {project, context} = report;
	const packages = project.dependencies.packages;
	const rows: string[][] = [
		['Framework', `${project.framework}${project.frameworkEvidence?.[0] ? ` (${project.frameworkEvidence.slice(0, 2).map(item => `${item.file}${item.line ? `:${item.line}` : ''}: ${item.detail}`).join('; ')})` : ''}`],
		project.asgiTarget && !project.wsgiTarget ? ['ASGI target', project.asgiTarget] : ['WSGI target', project.wsgiTarget ?? 'not found'],
		...(project.asgiTarget && project.wsgiTarget ? [['ASGI target', project.asgiTarget]] : []),
		...(project.django ? [['Django', `settings ${project.django.settingsModule ?? 'not found'}; STATIC_ROOT ${project.django.staticRoot ?? 'not set'}${project.django.collectstatic ? ' (collectstatic at build)' : ''}; whitenoise ${project.django.whitenoise ? 'yes' : 'no'}`]] : []),
		['Python', `${project.python.version} (from ${project.python.source})`],
		['Dependencies', `${project.dependencies.manager}${project.dependencies.files.length > 0 ? ` (${project.dependencies.files.join(', ')})` : ''}`],
		['Packages', packages.length > 0 ? packages.join(', ') : 'none'],
		['WSGI server', project.server ?? 'none'],
		['Port', String(project.port)],
		['Build context', `${formatBytes(context.bytes)} in ${context.files} files (${formatBytes(context.ignoredBytes)} ignored)`],
	];
	if (context.proposed) {
		rows.push(['Context with the proposed .dockerignore', `${formatBytes(context.proposed.bytes)} in ${context.proposed.files} files`]);
	}

	if (context.secrets.length > 0) rows.push(['Secrets in the context', context.secrets.join(', ')]);
	const lines = ['## Project at a glance', '', table(['', ''], rows)];
	if (context.largest.length > 0) {
		lines.push('', 'Largest entries sent to the engine:', '');
		for (const entry of context.largest) lines.push(`- ${inlineCode(entry.path)} — ${formatBytes(entry.bytes)}`);
	}

	return lines.join('\n');
}

function findingsSection(findings: Finding[]): string {
	if (findings.length === 0) return '## Findings\n\nNo findings.';
	const rows = findings.map(finding => [
		finding.severity,
		finding.rule,
		`${finding.file ?? 'Dockerfile'}${finding.line === null ? '' : `:${finding.line}`}`,
		finding.message,
		finding.fix,
	]);
	return ['## Findings', '', table(['Severity', 'Rule', 'Where', 'Finding', 'Fix'], rows)].join('\n');
}

function comparisonSection(report: DockwizReport): string {
	const rows = comparisonRows(report);
	const lines = ['## Before and after', ''];
	if (!report.builds) {
		lines.push('Not measured: the images were not built (`--no-build`).');
		if (rows.length > 0) lines.push('', table(['', 'Before', 'After', 'After/before'], rows.map(r => [r.label, r.before, r.after, r.ratio])));
		return lines.join('\n');
	}

	const beforeLabel = report.builds.before.baseline ? 'Before (naive baseline)' : 'Before';
	lines.push(table(['', beforeLabel, 'After', 'After/before'], rows.map(r => [r.label, r.before, r.after, r.ratio])));
	const spread = report.builds.after.spread;
	if (spread) lines.push('', `Times are medians of ${spread.buildSeconds.runs.length} runs.`);
	const [pullsTitle, ...pulls] = pullSummaryLines(report.builds.pulls);
	if (pullsTitle) lines.push('', pullsTitle, '', ...pulls.map(line => `- ${line.trim()}`));
	const placeholders = placeholderLines(report);
	if (placeholders.length > 0) lines.push('', ...placeholders.map(line => `- ${line}`));
	const dependency = dependencyChangeLines(report);
	if (dependency.length > 0) lines.push('', ...dependency.map(line => `- ${line}`));
	const failures = buildFailures(report);
	if (failures.length > 0) lines.push('', ...failures.map(failure => `- **${failure}**`));
	const hints = failureHintLines(report);
	if (hints.length > 0) lines.push('', ...hints.map(hint => `- Hint, ${hint}`));
	for (const step of failedStepOutputs(report)) {
		lines.push('', `The ${step.side} build's failing step, its last output lines:`, '', codeBlock(`${step.lines.join('\n')}\n`, 'text'));
	}

	for (const tail of containerLogTails(report)) {
		lines.push('', `The ${tail.side} container's last log lines:`, '', codeBlock(`${tail.lines.join('\n')}\n`, 'text'));
	}

	return lines.join('\n');
}

function changesSection(report: DockwizReport): string {
	const {changes, warnings} = report.proposal;
	const lines = ['## What each change bought', ''];
	if (changes.length === 0) lines.push('No changes proposed.');
	for (const change of changes) {
		lines.push(`- **${change.title}** (${change.impact}${change.rule ? `, fixes ${change.rule}` : ''}): ${change.why}`);
	}

	// Only measured numbers that support a kind of change count as its evidence.
	const impacts = [...new Set(changes.map(change => change.impact))];
	if (impacts.length > 0) lines.push('', 'Measured evidence:', '');
	for (const impact of impacts) {
		const {supports, against} = changeEvidence(report, impact);
		const said = [...supports, ...against.map(text => `no gain: ${text}`)];
		lines.push(`- ${impact}: ${said.length > 0 ? said.join('; ') : 'not measured'}`);
	}

	if (warnings.length > 0) {
		lines.push('', '### Warnings', '');
		for (const warning of warnings) lines.push(`- ${warning}`);
	}

	return lines.join('\n');
}

export function renderMarkdown(report: DockwizReport, meta: MarkdownMeta): string {
	const header = [`# dockwiz report: ${projectName(report.project.root)}`, '', `- Date: ${meta.date}`, `- Project: ${inlineCode(report.project.root)}`];
	// The engine that measured (the report's own); one merely asked something (a base image's size) is not named.
	const engine = report.engine ?? meta.engine;
	if (engine) {
		header.push(`- Engine: Docker ${engine.engineVersion} (API ${engine.apiVersion}) at ${inlineCode(engine.endpoint)}`);
		if (engine.appHost) header.push(`- Smoke test reached the app at ${engine.appHost}`);
	}

	const sections = [
		header.join('\n'),
		atAGlance(report),
		findingsSection(report.findings),
		comparisonSection(report),
		changesSection(report),
		budgetsMarkdown(report.budgets),
		...(report.explain ? [explainMarkdown(report.explain, meta.explainChart)] : []),
		['## Proposed Dockerfile', '', codeBlock(report.proposal.dockerfile, 'dockerfile')].join('\n'),
		['## Proposed .dockerignore', '', codeBlock(report.proposal.dockerignore, 'gitignore')].join('\n'),
	];
	return `${sections.filter(Boolean).join('\n\n')}\n`;
}
