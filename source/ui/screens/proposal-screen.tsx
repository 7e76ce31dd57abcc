// Proposal: the proposed Dockerfile and .dockerignore, every change with its reason and a
// diff against the existing files; choices for base flavor, Python version and port.

import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {BaseFlavor, Proposal, ProposalChoices} from '../../types.js';
import {useColor, type ColorName} from '../theme.js';
import {isTabs} from '../keys.js';
import {listWindow} from '../window.js';
import {wrapText} from '../wrap.js';

export const flavors: BaseFlavor[] = ['slim', 'distroless', 'alpine'];
export const pythonVersions = ['3.9', '3.10', '3.11', '3.12', '3.13'];

export type ProposalTab = 'dockerfile' | 'dockerignore' | 'changes' | 'diff';
const tabs: Array<{tab: ProposalTab; label: string}> = [
	{tab: 'dockerfile', label: 'Dockerfile'},
	{tab: 'dockerignore', label: '.dockerignore'},
	{tab: 'changes', label: 'Changes & why'},
	{tab: 'diff', label: 'Diff'},
];

type Line = {text: string; color?: ColorName; dim?: boolean; bold?: boolean};

/** Cycles to the next value of a list (wrapping around), starting from the current one. */
export function nextOf<T>(list: T[], current: T): T {
	const index = list.indexOf(current);
	return list[(index + 1) % list.length];
}

export function portChoices(detected: number): number[] {
	return [...new Set([detected, 8000, 5000, 8080])];
}

function numbered(text: string): Line[] {
	const lines = text.replace(/\n$/, '').split('\n');
	const digits = String(lines.length).length;
	// Comments carry the reasons in the file itself: dim them so the instructions stand out.
	return lines.map((line, index) => ({text: `${String(index + 1).padStart(digits)}  ${line}`, dim: line.trimStart().startsWith('#')}));
}

function diffLines(name: string, diff: string, exists: boolean): Line[] {
	if (!exists || diff.trim() === '') {
		return [{text: exists ? `${name}: unchanged` : `${name}: new file (there was none)`, dim: true}];
	}

	return diff
		.replace(/\n$/, '')
		.split('\n')
		.map(line => {
			if (line.startsWith('+++') || line.startsWith('---')) return {text: line, bold: true};
			if (line.startsWith('@@')) return {text: line, color: 'cyan' as const};
			if (line.startsWith('+')) return {text: line, color: 'green' as const};
			if (line.startsWith('-')) return {text: line, color: 'red' as const};
			return {text: line};
		});
}

const impactColors: Record<string, ColorName> = {size: 'green', speed: 'cyan', security: 'magenta', correctness: 'yellow'};

export function proposalLines(tab: ProposalTab, proposal: Proposal, width: number, existing: {dockerfile: boolean; dockerignore: boolean}): Line[] {
	switch (tab) {
		case 'dockerfile': {
			return numbered(proposal.dockerfile);
		}

		case 'dockerignore': {
			return numbered(proposal.dockerignore);
		}

		case 'changes': {
			const lines: Line[] = [];
			for (const change of proposal.changes) {
				lines.push({text: `[${change.impact}] ${change.title}${change.rule ? ` (fixes ${change.rule})` : ''}`, color: impactColors[change.impact], bold: true});
				for (const line of wrapText(change.why, width - 4)) lines.push({text: `    ${line}`});
			}

			return lines.length > 0 ? lines : [{text: 'No changes: your files already do what dockwiz would propose.', dim: true}];
		}

		case 'diff': {
			return [
				...diffLines('Dockerfile', proposal.diff.dockerfile, existing.dockerfile),
				{text: ''},
				...diffLines('.dockerignore', proposal.diff.dockerignore, existing.dockerignore),
			];
		}
	}
}

export type ProposalScreenProps = {
	proposal: Proposal;
	choices: ProposalChoices;
	detectedPort: number;
	existing: {dockerfile: boolean; dockerignore: boolean};
	build: boolean;
	/** The latest message about an action (e.g. --dry-run refused a write). */
	notice?: string;
	width: number;
	height: number;
	isActive: boolean;
	onChoose(choices: ProposalChoices): void;
	onBuild(): void;
	onWrite(): void;
	onBack(): void;
	onQuit(): void;
};

export function ProposalScreen(props: ProposalScreenProps) {
	const {proposal, choices, width, height} = props;
	const color = useColor();
	// One state, updated functionally, so keys typed in one burst each see the last move.
	const [scroll, setView] = useState<{tab: ProposalTab; offset: number}>({tab: 'dockerfile', offset: 0});
	const {tab, offset} = scroll;

	const warnings = proposal.warnings.slice(0, 2);
	const bodyHeight = Math.max(1, height - 3 - warnings.length);
	const lines = proposalLines(tab, proposal, width, props.existing);
	const view = listWindow(lines, offset, bodyHeight);
	// Scrolling past the end is clamped where it is drawn; store the clamped value back.
	if (view.offset !== offset) setView({tab, offset: view.offset});
	const versions = pythonVersions.includes(choices.python) ? pythonVersions : [...pythonVersions, choices.python];

	useInput(
		(input, key) => {
			if (key.tab || key.rightArrow || isTabs(input)) {
				setView(v => ({tab: nextOf(tabs.map(t => t.tab), v.tab), offset: 0}));
			} else if (key.leftArrow) {
				setView(v => {
					const index = tabs.findIndex(t => t.tab === v.tab);
					return {tab: tabs[(index + tabs.length - 1) % tabs.length].tab, offset: 0};
				});
			} else if (key.upArrow || input === 'k') {
				setView(v => ({...v, offset: Math.max(0, v.offset - 1)}));
			} else if (key.downArrow || input === 'j') {
				setView(v => ({...v, offset: v.offset + 1}));
			} else if (key.pageDown || input === ' ') {
				setView(v => ({...v, offset: v.offset + bodyHeight}));
			} else if (key.pageUp) {
				setView(v => ({...v, offset: Math.max(0, v.offset - bodyHeight)}));
			} else if (input === 'f') {
				props.onChoose({...choices, flavor: nextOf(flavors, choices.flavor)});
			} else if (input === 'p') {
				props.onChoose({...choices, python: nextOf(versions, choices.python)});
			} else if (input === 'o') {
				props.onChoose({...choices, port: nextOf(portChoices(props.detectedPort), choices.port)});
			} else if (key.return) {
				props.onBuild();
			} else if (input === 'w') {
				props.onWrite();
			} else if (key.escape || input === 'b') {
				props.onBack();
			} else if (input === 'q') {
				props.onQuit();
			}
		},
		{isActive: props.isActive},
	);

	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text dimColor>base </Text>
				<Text bold color={color('green')}>
					{choices.flavor}
				</Text>
				<Text dimColor> (f)  python </Text>
				<Text bold color={color('green')}>
					{choices.python}
				</Text>
				<Text dimColor> (p)  port </Text>
				<Text bold color={color('green')}>
					{choices.port}
				</Text>
				<Text dimColor> (o)  serves </Text>
				<Text bold>{choices.wsgiTarget}</Text>
				<Text dimColor>  {proposal.changes.length} changes</Text>
			</Text>
			{warnings.map(warning => (
				<Text key={warning} wrap="truncate-end" color={color('yellow')}>
					! {warning}
				</Text>
			))}
			<Text wrap="truncate-end">
				{tabs.map((t, index) => (
					<Text key={t.tab}>
						{index > 0 ? <Text dimColor> │ </Text> : null}
						<Text bold={t.tab === tab} inverse={t.tab === tab} dimColor={t.tab !== tab}>
							{` ${t.label} `}
						</Text>
					</Text>
				))}
				<Text dimColor>{view.above > 0 || view.below > 0 ? `  lines ${view.offset + 1}-${view.offset + view.items.length} of ${lines.length}` : ''}</Text>
			</Text>
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{view.items.map((line, index) => (
					<Text
						key={`${tab}-${view.offset + index}`}
						wrap="truncate-end"
						color={line.color ? color(line.color) : undefined}
						dimColor={line.dim}
						bold={line.bold}
					>
						{line.text === '' ? ' ' : line.text}
					</Text>
				))}
			</Box>
			{props.notice ? (
				<Text wrap="truncate-end" color={color('yellow')}>
					{props.notice}
				</Text>
			) : (
				<Text wrap="truncate-end" dimColor>
					{props.build
					? 'enter builds both Dockerfiles on your engine and compares them; nothing is written until you ask.'
						: 'enter finishes without building (--no-build); w writes the files, keeping backups.'}
				</Text>
			)}
		</Box>
	);
}
