// Findings: the project at a glance, a choice of WSGI target when there are several,
// and the findings table (rule, severity in colour, line, message), scrollable.

import {useState} from 'react';
import {Box, Text} from 'ink';
import type {Finding, ProjectReport, WsgiCandidate} from '../../types.js';
import {press, useBindings, type Binding} from '../bindings.js';
import {severityColor, useColor} from '../theme.js';
import {follow, listWindow, type ListWindow} from '../window.js';
import {ProjectGlance, glanceLines} from './project-glance.js';

export type FindingsScreenProps = {
	report: ProjectReport;
	findings: Finding[];
	wsgiTarget: string;
	width: number;
	height: number;
	isActive: boolean;
	onChooseTarget(target: string): void;
	onContinue(): void;
	onQuit(): void;
};

const maxCandidates = 9;

export type FindingsCommand = 'up' | 'down' | 'continue' | 'choose' | 'quit';

/** The findings' keys: what the help line shows and the only keys the screen answers. */
export function findingsBindings({choosing}: {choosing: boolean}): Array<Binding<FindingsCommand>> {
	return [
		{keys: '↑↓', action: 'select finding', on: [[press.up, 'up'], [press.down, 'down']]},
		{keys: 'enter', action: 'see the proposal', on: [[press.enter, 'continue']]},
		...(choosing ? [{keys: '1-9', action: 'choose app', on: [[press.digit, 'choose']]} satisfies Binding<FindingsCommand>] : []),
		{keys: 'q', action: 'quit', on: [[press.char('q'), 'quit']]},
	];
}

/** Whether the screen offers a choice of app (and the 1-9 keys). */
export function choosingTarget(report: ProjectReport): boolean {
	return report.wsgiCandidates.length > 1;
}

const whereWidth = 14;

/** The line for Dockerfile findings; the file (and line) for findings about other files. */
export function where(finding: Finding, dockerfilePath: string | undefined): string {
	const line = finding.line === null ? '' : String(finding.line);
	const text = !finding.file || finding.file === dockerfilePath || finding.file === 'Dockerfile' ? line || '—' : `${finding.file}${line ? `:${line}` : ''}`;
	return text.length > whereWidth - 1 ? `${text.slice(0, whereWidth - 2)}…` : text;
}

function TargetChoice({candidates, wsgiTarget}: {candidates: WsgiCandidate[]; wsgiTarget: string}) {
	const color = useColor();
	return (
		<Box flexDirection="column">
			<Text bold>Several apps could be the one to serve; press its number:</Text>
			{candidates.map((candidate, index) => {
				const evidence = candidate.evidence[0];
				const chosen = candidate.target === wsgiTarget;
				return (
					<Text key={candidate.target} wrap="truncate-end" color={chosen ? color('green') : undefined}>
						{chosen ? '● ' : '○ '}
						{index + 1} {candidate.target.padEnd(24)}
						<Text dimColor>
							{candidate.kind}
							{evidence ? ` · ${evidence.file}${evidence.line ? `:${evidence.line}` : ''} ${evidence.detail}` : ''}
						</Text>
					</Text>
				);
			})}
		</Box>
	);
}

function FindingsTable({findings, view, selected, width, dockerfilePath}: {findings: Finding[]; view: ListWindow<Finding>; selected: number; width: number; dockerfilePath: string | undefined}) {
	const color = useColor();
	const current = findings[selected];
	const messageWidth = Math.max(10, width - 2 - 8 - 9 - whereWidth);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{findings.length === 0
					? 'No findings: the existing files follow every rule dockwiz checks.'
					: `${findings.length} finding${findings.length === 1 ? '' : 's'} in your Dockerfile and build context${view.above > 0 ? ` (${view.above} above)` : ''}`}
			</Text>
			{findings.length > 0 ? (
				<Text dimColor wrap="truncate-end">
					{'  rule'.padEnd(10)}
					{'severity'.padEnd(9)}
					{'where'.padEnd(whereWidth)}
					message
				</Text>
			) : null}
			{view.items.map((finding, index) => {
				const absolute = view.offset + index;
				const isSelected = absolute === selected;
				return (
					<Text key={`${finding.rule}-${absolute}`} wrap="truncate-end" inverse={isSelected}>
						{isSelected ? '› ' : '  '}
						{finding.rule.padEnd(8)}
						<Text color={color(severityColor(finding.severity))}>{finding.severity.padEnd(9)}</Text>
						{where(finding, dockerfilePath).padEnd(whereWidth)}
						{finding.message.length > messageWidth ? `${finding.message.slice(0, messageWidth - 1)}…` : finding.message}
					</Text>
				);
			})}
			{current ? (
				<Text wrap="truncate-end">
					<Text color={color('green')}>fix </Text>
					{current.fix}
					{view.below > 0 ? <Text dimColor> ({view.below} more below)</Text> : null}
				</Text>
			) : null}
		</Box>
	);
}

export function FindingsScreen(props: FindingsScreenProps) {
	const {report, findings, wsgiTarget, width, height} = props;
	// One state for both, updated functionally: keys typed in one burst each see the last move.
	const [cursor, setCursor] = useState({selected: 0, offset: 0});
	const candidates = report.wsgiCandidates.slice(0, maxCandidates);
	const choosing = choosingTarget(report);

	// The table gets what the glance, the candidates, its header and the fix line leave.
	const candidateLines = choosing ? candidates.length + 1 : 0;
	const tableHeight = Math.max(1, height - glanceLines(report) - candidateLines - 4);

	const move = (step: number) =>
		setCursor(c => {
			const next = Math.min(Math.max(0, findings.length - 1), Math.max(0, c.selected + step));
			return {selected: next, offset: follow(next, c.offset, tableHeight)};
		});
	useBindings(
		findingsBindings({choosing}),
		(command, input) => {
			if (command === 'up') move(-1);
			else if (command === 'down') move(1);
			else if (command === 'continue') props.onContinue();
			else if (command === 'quit') props.onQuit();
			else {
				const candidate = candidates[Number(input) - 1];
				if (candidate) props.onChooseTarget(candidate.target);
			}
		},
		props.isActive,
	);

	return (
		<Box flexDirection="column">
			<ProjectGlance report={report} wsgiTarget={wsgiTarget} />
			{choosing ? <TargetChoice candidates={candidates} wsgiTarget={wsgiTarget} /> : null}
			<Text> </Text>
			<FindingsTable findings={findings} view={listWindow(findings, cursor.offset, tableHeight)} selected={cursor.selected} width={width} dockerfilePath={report.dockerfile?.path} />
		</Box>
	);
}
