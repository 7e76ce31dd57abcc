// Summary: the measured before/after table with bars, what each change bought, and the
// actions: write the files (backups kept), save the report, quit.

import {useState} from 'react';
import {Box, Text} from 'ink';
import type {Change, DockwizReport, EditableFile, WriteOutcome} from '../../types.js';
import {LogViewer} from '../components/log-viewer.js';
import type {LogSource} from '../components/log-view-state.js';
import {changeEvidence} from '../../report/change-evidence.js';
import {buildFailures, comparisonRows, containerLogTails, dependencyChangeLines, failedStepOutputs, failureHintLines, placeholderLines} from '../../report/comparison.js';
import {formatRatio, formatSeconds} from '../../report/format.js';
import type {Task} from '../state.js';
import {useColor, type ColorName} from '../theme.js';
import {press, useBindings, type Binding} from '../bindings.js';
import {nextTab, Tabs, type TabItem} from '../components/tabs.js';
import {useScroll} from '../components/use-scroll.js';
import {wrapText} from '../wrap.js';
import {ComparisonTable} from './comparison-table.js';
import {idleExplain, type ExplainProgress} from '../explain-state.js';
import {explainLines} from './explain-view.js';
import {pullSummaryLines} from '../../report/pull-lines.js';

export type SummaryTab = 'comparison' | 'changes' | 'explain';
const baseTabs: Array<TabItem<SummaryTab>> = [
	{id: 'comparison', label: 'Before / after'},
	{id: 'changes', label: 'What each change bought'},
];
// Only where an explanation is offered (a measured run) or present.
const explainTab: TabItem<SummaryTab> = {id: 'explain', label: 'Measured step by step'};

export type SummaryScreenProps = {
	report: DockwizReport;
	measureError: string | null;
	task: Task | null;
	written: WriteOutcome | null;
	savedReportPath: string | null;
	notices: string[];
	/** --dry-run: there is no write to offer. */
	dryRun: boolean;
	width: number;
	height: number;
	isActive: boolean;
	onWrite(): void;
	onSaveReport(): void;
	onQuit(): void;
	/** --explain's progress, and the key that starts it (absent: no explanation offered). */
	explain?: ExplainProgress;
	onExplain?(): void;
	/** The after side failed and the proposal can be edited: `e`/`i` open it in $EDITOR, then rebuild. */
	canEdit?: boolean;
	onEdit?(file: EditableFile): void;
	/** The full-log viewer: its logs, whether it is open, and opening/closing it. */
	logSources?: LogSource[];
	logsOpen?: boolean;
	onLogs?(open: boolean): void;
};

export type SummaryCommand = 'write' | 'save' | 'explain' | 'edit' | 'editIgnore' | 'logs' | 'tab' | 'up' | 'down' | 'quit';

/** The summary's keys: what the help line shows and the only keys the screen answers. */
export function summaryBindings({dryRun, canEdit = false, onExplain}: Pick<SummaryScreenProps, 'dryRun' | 'canEdit' | 'onExplain'>): Array<Binding<SummaryCommand>> {
	// With the edit keys the labels are shorter, so every key still fits 80 columns.
	return [
		...(dryRun ? [] : [{keys: 'w', action: canEdit ? 'write' : 'write files', on: [[press.char('w'), 'write']]} satisfies Binding<SummaryCommand>]),
		...(canEdit ? [{keys: 'e/i', action: 'edit & rebuild', on: [[press.char('e'), 'edit'], [press.char('i'), 'editIgnore']]} satisfies Binding<SummaryCommand>] : []),
		{keys: 'l', action: 'logs', on: [[press.char('l'), 'logs']]},
		{keys: 'r', action: canEdit ? 'report' : 'save report', on: [[press.char('r'), 'save']]},
		// x, not e: e edits a failed proposal.
		...(onExplain && !canEdit ? [{keys: 'x', action: 'explain', on: [[press.char('x'), 'explain']]} satisfies Binding<SummaryCommand>] : []),
		{keys: 'tab', action: canEdit ? 'view' : 'numbers/changes', on: [[press.tab, 'tab']]},
		{keys: '↑↓', action: 'scroll', on: [[press.up, 'up'], [press.down, 'down']]},
		{keys: 'q', action: 'quit', on: [[press.char('q'), 'quit']]},
	];
}

type Line = {text: string; color?: ColorName; bold?: boolean; dim?: boolean};

const impactOrder: Array<Change['impact']> = ['size', 'speed', 'security', 'correctness'];
const impactTitles: Record<Change['impact'], string> = {
	size: 'Smaller image',
	speed: 'Faster builds',
	security: 'Safer to run',
	correctness: 'Works as intended',
};

/** What each group of changes bought: only measured numbers that support it, else "not measured". */
export function boughtLines(report: DockwizReport, width: number): Line[] {
	const lines: Line[] = [];
	for (const impact of impactOrder) {
		const changes = report.proposal.changes.filter(change => change.impact === impact);
		if (changes.length === 0) continue;
		lines.push({text: impactTitles[impact], bold: true, color: 'green'});
		const {supports, against} = changeEvidence(report, impact);
		for (const text of supports) lines.push({text: `  measured: ${text}`, color: 'green'});
		for (const text of against) lines.push({text: `  measured, no gain: ${text}`, color: 'yellow'});
		if (supports.length === 0 && against.length === 0) lines.push({text: '  not measured', dim: true});
		for (const change of changes) {
			lines.push({text: `  • ${change.title}`});
			for (const line of wrapText(change.why, width - 6)) lines.push({text: `    ${line}`, dim: true});
		}
	}

	return lines.length > 0 ? lines : [{text: 'No changes were proposed.', dim: true}];
}

/** With --runs N, the times are medians: say so, with the spread of the runs. */
export function spreadLine(report: DockwizReport): string | null {
	const builds = report.builds;
	const before = builds?.before.spread;
	const after = builds?.after.spread;
	if (!before || !after || before.buildSeconds.runs.length < 2) return null;
	const range = (spread: {min: number; max: number}) => `${formatSeconds(spread.min)}–${formatSeconds(spread.max)}`;
	return `Times are medians of ${before.buildSeconds.runs.length} runs: cold build ${range(before.buildSeconds)} before, ${range(after.buildSeconds)} after; rebuild ${range(before.rebuildSeconds)} before, ${range(after.rebuildSeconds)} after.`;
}

function headline(report: DockwizReport): string | null {
	const summary = report.summary;
	if (!summary) return null;
	const parts = [
		summary.sizeRatio === null ? null : `image ${formatRatio(summary.sizeRatio)}`,
		summary.buildTimeRatio === null ? null : `cold build ${formatRatio(summary.buildTimeRatio)}`,
		summary.rebuildTimeRatio === null ? null : `rebuild after an edit ${formatRatio(summary.rebuildTimeRatio)}`,
		summary.dependencyRebuildTimeRatio === null || summary.dependencyRebuildTimeRatio === undefined ? null : `after a dependency change ${formatRatio(summary.dependencyRebuildTimeRatio)}`,
	].filter(Boolean);
	return parts.length > 0 ? `After vs before: ${parts.join(', ')}.` : null;
}

/** One line per outcome of the actions (written files, saved report, a notice). */
export function statusLines(props: Pick<SummaryScreenProps, 'task' | 'written' | 'savedReportPath' | 'notices'>): Array<{text: string; color?: ColorName}> {
	const lines: Array<{text: string; color?: ColorName}> = [];
	if (props.task === 'writing') lines.push({text: 'Writing the files…'});
	if (props.task === 'saving') lines.push({text: 'Saving the report…'});
	if (props.task === 'editing') lines.push({text: 'Waiting for the editor to close…'});
	if (props.written) {
		const {written, backups, unchanged} = props.written;
		lines.push({
			text: `${written.length > 0 ? `Wrote ${written.join(', ')}` : 'Nothing to write'}${backups.length > 0 ? ` (backups: ${backups.join(', ')})` : ''}${unchanged.length > 0 ? `; unchanged: ${unchanged.join(', ')}` : ''}.`,
			color: 'green',
		});
	}

	if (props.savedReportPath) lines.push({text: `Report saved to ${props.savedReportPath}.`, color: 'green'});
	for (const notice of props.notices.slice(-1)) lines.push({text: notice, color: 'yellow'});
	return lines.length > 0 ? lines : [{text: 'Nothing has been written yet.'}];
}

function StatusLines({props}: {props: SummaryScreenProps}) {
	const color = useColor();
	return (
		<Box flexDirection="column">
			{statusLines(props).map(line => (
				<Text key={line.text} wrap="truncate-end" color={line.color ? color(line.color) : undefined} dimColor={!line.color}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}

function ComparisonView({report, measureError, width, height, statusLineCount}: {report: DockwizReport; measureError: string | null; width: number; height: number; statusLineCount: number}) {
	const color = useColor();
	const rows = comparisonRows(report);
	const failures = buildFailures(report);
	const hints = failureHintLines(report);
	// At 80x24 the table, its failures and the action outcomes come first; the headline
	// (the same ratios in words) goes when they need its line.
	const tableLines = rows.length > 0 ? rows.length * 2 + 3 : 0;
	const spread = spreadLine(report);
	const needed = 1 + tableLines + failures.length + hints.length + statusLineCount + 1;
	const title = needed <= height ? headline(report) : null;
	const showSpread = spread !== null && needed + 1 <= height;
	// The base images' pull, apart from the build times, when one was pulled and there is room.
	const pulled = pullSummaryLines(report.builds?.pulls)[0] ?? null;
	const showPulled = pulled !== null && needed + (showSpread ? 1 : 0) + 1 <= height;
	// Which required variables the smoke test gave placeholders, when there is room: the JSON and reports always say it.
	const placeholders = placeholderLines(report);
	const shownPlaceholders = needed + (showSpread ? 1 : 0) + (showPulled ? 1 : 0) + placeholders.length <= height ? placeholders : [];
	// What the dependency-change rebuild added (or why a side has no figure), when there is room.
	const dependency = dependencyChangeLines(report);
	const shownDependency = needed + (showSpread ? 1 : 0) + (showPulled ? 1 : 0) + shownPlaceholders.length + dependency.length <= height ? dependency : [];
	// A crashed or failing container's log fills what room is left, its last lines first to go in.
	const logRoom = height - needed - (showSpread ? 1 : 0) - (showPulled ? 1 : 0) - shownPlaceholders.length - shownDependency.length;
	const logLines = [
		...failedStepOutputs(report).flatMap(step => [`${step.side} failing step output:`, ...step.lines.map(line => `  ${line}`)]),
		...containerLogTails(report).flatMap(tail => [`${tail.side} container log:`, ...tail.lines.map(line => `  ${line}`)]),
	];
	const shownLog = logRoom >= 2 ? logLines.slice(-logRoom) : [];
	return (
		<Box flexDirection="column">
			{measureError ? (
				<Text color={color('red')} wrap="wrap">
					Measuring stopped: {measureError}
				</Text>
			) : null}
			{report.builds === null && !measureError ? (
				<Text wrap="wrap">Not built: the proposal is ready, but no image was measured. Run dockwiz without --no-build to measure both images on your engine.</Text>
			) : null}
			{title ? (
				<Text bold color={color('green')} wrap="truncate-end">
					{title}
				</Text>
			) : null}
			{rows.length > 0 ? <ComparisonTable rows={rows} width={width} /> : null}
			{showSpread ? (
				<Text dimColor wrap="truncate-end">
					{spread}
				</Text>
			) : null}
			{showPulled ? (
				<Text dimColor wrap="truncate-end">
					{pulled}
				</Text>
			) : null}
			{shownDependency.map(line => (
				<Text key={line} dimColor wrap="truncate-end">
					{line}
				</Text>
			))}
			{shownPlaceholders.map(line => (
				<Text key={line} dimColor wrap="truncate-end">
					{line}
				</Text>
			))}
			{failures.map(failure => (
				<Text key={failure} color={color('red')} wrap="truncate-end">
					✗ {failure}
				</Text>
			))}
			{hints.map(hint => (
				<Text key={hint} color={color('yellow')} wrap="truncate-end">
					hint {hint}
				</Text>
			))}
			{shownLog.map((line, index) => (
				<Text key={`log-${index}`} dimColor wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}

export function SummaryScreen(props: SummaryScreenProps) {
	const {report, width, height} = props;
	const color = useColor();
	const tabs = props.onExplain || report.explain ? [...baseTabs, explainTab] : baseTabs;
	// Without measurements the changes are what there is to read.
	const [tab, setTab] = useState<SummaryTab>(report.builds === null && !props.measureError ? 'changes' : 'comparison');
	const notBuilt: Line[] = report.builds === null && !props.measureError ? [{text: 'Not built (--no-build): these are the changes; build to measure what they buy.', color: 'yellow'}] : [];
	const explainProgress = props.explain ?? idleExplain;
	const bought = tab === 'explain' ? explainLines(report, explainProgress, width) : [...notBuilt, ...boughtLines(report, width)];
	const statusLineCount = statusLines(props).length;
	const boughtHeight = Math.max(1, height - 1 - statusLineCount);
	const {view, scrollBy, position} = useScroll(bought, boughtHeight, tab);

	useBindings(
		summaryBindings(props),
		command => {
			const actions: Record<SummaryCommand, () => void> = {
				write: props.onWrite,
				save: props.onSaveReport,
				explain() {
					setTab('explain');
					props.onExplain?.();
				},
				edit: () => props.onEdit?.('Dockerfile'),
				editIgnore: () => props.onEdit?.('.dockerignore'),
				logs: () => props.onLogs?.(true),
				tab: () => setTab(current => nextTab(tabs, current)),
				up: () => scrollBy(-1),
				down: () => scrollBy(1),
				quit: props.onQuit,
			};
			actions[command]();
		},
		props.isActive && !props.logsOpen,
	);

	if (props.logsOpen) {
		return <LogViewer sources={props.logSources ?? []} width={width} height={height} isActive={props.isActive} onClose={() => props.onLogs?.(false)} />;
	}

	return (
		<Box flexDirection="column">
			{/* The changes run longer than a screen: say where the view is, as the proposal does. */}
			<Tabs tabs={tabs} current={tab} note={tab === 'comparison' ? '' : position} />
			{tab === 'comparison' ? (
				<ComparisonView report={report} measureError={props.measureError} width={width} height={height} statusLineCount={statusLineCount} />
			) : (
				<Box flexDirection="column" height={boughtHeight} overflow="hidden">
					{view.items.map((line, index) => (
						<Text key={`${view.offset + index}`} wrap="truncate-end" bold={line.bold} dimColor={line.dim} color={line.color ? color(line.color) : undefined}>
							{line.text === '' ? ' ' : line.text}
						</Text>
					))}
				</Box>
			)}
			<StatusLines props={props} />
		</Box>
	);
}
