// Proposal: the proposed Dockerfile and .dockerignore, every change with its reason and a
// diff against the existing files; choices for base flavor, Python version and port.

import {useState} from 'react';
import {Box, Text} from 'ink';
import {baseFlavors, type BaseImageNote, type Proposal, type ProposalChoices} from '../../types.js';
import {formatBytes} from '../../report/format.js';
import {press, useBindings, type Binding} from '../bindings.js';
import {nextTab, Tabs, type TabItem} from '../components/tabs.js';
import {useScroll} from '../components/use-scroll.js';
import {useColor, type ColorName} from '../theme.js';
import {wrapText} from '../wrap.js';

export const pythonVersions = ['3.9', '3.10', '3.11', '3.12', '3.13'];

export type ProposalTab = 'dockerfile' | 'dockerignore' | 'changes' | 'diff';
const tabs: Array<TabItem<ProposalTab>> = [
	{id: 'dockerfile', label: 'Dockerfile'},
	{id: 'dockerignore', label: '.dockerignore'},
	{id: 'changes', label: 'Changes & why'},
	{id: 'diff', label: 'Diff'},
];

type Line = {text: string; color?: ColorName; dim?: boolean; bold?: boolean};

/** Cycles to the next value of a list (wrapping around), starting from the current one. */
export function nextOf<T>(list: readonly T[], current: T): T {
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
	/** --dry-run: there is no write to offer. */
	dryRun: boolean;
	/** The latest message about an action (e.g. a write that failed). */
	notice?: string;
	/** The proposed base images and whether the engine has them (the build pulls those it lacks). */
	baseNotes?: BaseImageNote[];
	width: number;
	height: number;
	isActive: boolean;
	onChoose(choices: ProposalChoices): void;
	onBuild(): void;
	onWrite(): void;
	onBack(): void;
	onQuit(): void;
};

export type ProposalCommand = 'build' | 'tab' | 'up' | 'down' | 'flavor' | 'python' | 'port' | 'write' | 'back' | 'quit';

/** The proposal's keys: what the help line shows and the only keys the screen answers. */
export function proposalBindings({build, dryRun}: Pick<ProposalScreenProps, 'build' | 'dryRun'>): Array<Binding<ProposalCommand>> {
	return [
		{keys: 'enter', action: build ? 'build' : 'finish', on: [[press.enter, 'build']]},
		{keys: 'tab', action: 'view', on: [[press.tab, 'tab']]},
		{keys: '↑↓', action: 'scroll', on: [[press.up, 'up'], [press.down, 'down']]},
		{keys: 'f/p/o', action: 'base/py/port', on: [[press.char('f'), 'flavor'], [press.char('p'), 'python'], [press.char('o'), 'port']]},
		...(dryRun ? [] : [{keys: 'w', action: 'write', on: [[press.char('w'), 'write']]} satisfies Binding<ProposalCommand>]),
		{keys: 'b', action: 'back', on: [[press.char('b'), 'back']]},
		{keys: 'q', action: 'quit', on: [[press.char('q'), 'quit']]},
	];
}

function ChoicesLine({proposal, choices}: Pick<ProposalScreenProps, 'proposal' | 'choices'>) {
	const color = useColor();
	const chosen = (value: string | number) => (
		<Text bold color={color('green')}>
			{value}
		</Text>
	);
	return (
		<Text wrap="truncate-end">
			<Text dimColor>base </Text>
			{chosen(choices.flavor)}
			<Text dimColor> (f)  python </Text>
			{chosen(choices.python)}
			<Text dimColor> (p)  port </Text>
			{chosen(choices.port)}
			<Text dimColor> (o)  serves </Text>
			<Text bold>{choices.wsgiTarget}</Text>
			<Text dimColor>  {proposal.changes.length} changes</Text>
		</Text>
	);
}

function footer({notice, build, dryRun}: Pick<ProposalScreenProps, 'notice' | 'build' | 'dryRun'>): {text: string; notice: boolean} {
	if (notice) return {text: notice, notice: true};
	if (dryRun) return {text: '--dry-run: dockwiz shows the proposal and writes nothing.', notice: false};
	return {
		text: build ? 'enter builds both Dockerfiles on your engine and compares them; w writes the files without building.' : 'enter finishes without building (--no-build); w writes the files, keeping backups.',
		notice: false,
	};
}

/** A proposed base image the engine lacks: the build pulls it first, and this is what that costs. */
export function pullNote(note: BaseImageNote): string {
	// The registry's figure counts every layer; those the engine already has are not downloaded again.
	const size = note.downloadBytes === null ? 'the registry did not say its size' : `up to ${formatBytes(note.downloadBytes)} to download`;
	return `${note.image} is not on your engine yet: the build pulls it first (${size}).`;
}

export function ProposalScreen(props: ProposalScreenProps) {
	const {proposal, choices, width, height} = props;
	const color = useColor();
	const [tab, setTab] = useState<ProposalTab>('dockerfile');
	const warnings = proposal.warnings.slice(0, 2);
	const pulls = (props.baseNotes ?? []).filter(note => !note.present).map(pullNote);
	const bodyHeight = Math.max(1, height - 3 - warnings.length - pulls.length);
	const lines = proposalLines(tab, proposal, width, props.existing);
	const {view, scrollBy, position} = useScroll(lines, bodyHeight, tab);
	const versions = pythonVersions.includes(choices.python) ? pythonVersions : [...pythonVersions, choices.python];

	useBindings(
		proposalBindings(props),
		command => {
			const actions: Record<ProposalCommand, () => void> = {
				build: props.onBuild,
				tab: () => setTab(current => nextTab(tabs, current)),
				up: () => scrollBy(-1),
				down: () => scrollBy(1),
				flavor: () => props.onChoose({...choices, flavor: nextOf(baseFlavors, choices.flavor)}),
				python: () => props.onChoose({...choices, python: nextOf(versions, choices.python)}),
				port: () => props.onChoose({...choices, port: nextOf(portChoices(props.detectedPort), choices.port)}),
				write: props.onWrite,
				back: props.onBack,
				quit: props.onQuit,
			};
			actions[command]();
		},
		props.isActive,
	);

	const bottom = footer(props);
	return (
		<Box flexDirection="column">
			<ChoicesLine proposal={proposal} choices={choices} />
			{warnings.map(warning => (
				<Text key={warning} wrap="truncate-end" color={color('yellow')}>
					! {warning}
				</Text>
			))}
			{pulls.map(note => (
				<Text key={note} wrap="truncate-end" color={color('cyan')}>
					↓ {note}
				</Text>
			))}
			<Tabs tabs={tabs} current={tab} note={position} />
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{view.items.map((line, index) => (
					<Text key={`${tab}-${view.offset + index}`} wrap="truncate-end" color={line.color ? color(line.color) : undefined} dimColor={line.dim} bold={line.bold}>
						{line.text === '' ? ' ' : line.text}
					</Text>
				))}
			</Box>
			<Text wrap="truncate-end" dimColor={!bottom.notice} color={bottom.notice ? color('yellow') : undefined}>
				{bottom.text}
			</Text>
		</Box>
	);
}
