// The full-log viewer, over the Build and Summary screens: each side's whole build log and
// its container's log, scrollable, searchable with / and n (the keys less users know).

import {useReducer} from 'react';
import {Box, Text, useInput} from 'ink';
import type {KeyBinding} from './key-help.js';
import {Tabs} from './tabs.js';
import {initialLogView, logViewReducer, matchesOf, shownLines, type LogSource, type LogViewAction, type LogViewState} from './log-view-state.js';
import {useColor} from '../theme.js';

export const logViewerHelp: KeyBinding[] = [
	{keys: 'tab', action: 'next log'},
	{keys: '↑↓ PgUp PgDn g G', action: 'scroll'},
	{keys: '/', action: 'search'},
	{keys: 'n N', action: 'next/previous match'},
	{keys: 'q esc', action: 'close'},
];

export type LogViewerProps = {
	sources: LogSource[];
	width: number;
	height: number;
	isActive: boolean;
	onClose(): void;
};

/** The keys of the viewer: while a search is typed, every key is the search's. */
export function logViewAction(state: LogViewState, input: string, key: {return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean; tab?: boolean; shift?: boolean; upArrow?: boolean; downArrow?: boolean; leftArrow?: boolean; rightArrow?: boolean; pageUp?: boolean; pageDown?: boolean; ctrl?: boolean}, page: number): LogViewAction | 'close' | null {
	if (state.typing !== null) {
		if (key.return) return {type: 'commitSearch'};
		if (key.escape) return {type: 'cancelSearch'};
		if (key.backspace || key.delete) return {type: 'erase'};
		return input && !key.ctrl ? {type: 'type', text: input} : null;
	}

	if (key.escape || input === 'q' || input === 'l') return 'close';
	if (key.tab || key.rightArrow) return {type: 'source', step: key.shift ? -1 : 1};
	if (key.leftArrow) return {type: 'source', step: -1};
	if (key.upArrow || input === 'k') return {type: 'scroll', lines: -1};
	if (key.downArrow || input === 'j') return {type: 'scroll', lines: 1};
	if (key.pageUp || input === 'b') return {type: 'scroll', lines: -page};
	if (key.pageDown || input === ' ') return {type: 'scroll', lines: page};
	if (input === 'g') return {type: 'top'};
	if (input === 'G') return {type: 'bottom'};
	if (input === '/') return {type: 'startSearch'};
	if (input === 'n') return {type: 'nextMatch', step: 1};
	if (input === 'N') return {type: 'nextMatch', step: -1};
	return null;
}

export function LogViewer({sources, width, height, isActive, onClose}: LogViewerProps) {
	const color = useColor();
	// Tabs, then the lines, then the status line.
	const bodyHeight = Math.max(1, height - 2);
	const [state, dispatch] = useReducer((current: LogViewState, action: LogViewAction) => logViewReducer(current, action, sources, bodyHeight), undefined, () => initialLogView(sources, bodyHeight));
	useInput(
		(input, key) => {
			const action = logViewAction(state, input, key, Math.max(1, bodyHeight - 1));
			if (action === 'close') onClose();
			else if (action) dispatch(action);
		},
		{isActive},
	);

	const source = sources[state.source];
	const lines = shownLines(source);
	const matches = new Set(matchesOf(lines, state.query));
	const view = lines.slice(state.offset, state.offset + bodyHeight);
	const position = lines.length > bodyHeight ? `lines ${state.offset + 1}-${state.offset + view.length} of ${lines.length}` : `${lines.length} line(s)`;
	const status = state.typing === null ? [position, state.note].filter(Boolean).join('  ·  ') : `/${state.typing}█  (enter to search, esc to cancel)`;
	return (
		<Box flexDirection="column" width={width}>
			<Tabs tabs={sources.map(s => ({id: s.id, label: s.label}))} current={source?.id ?? ''} />
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{view.map((line, index) => {
					const number = state.offset + index;
					const current = number === state.match;
					return (
						<Text key={number} wrap="truncate-end" inverse={current} color={matches.has(number) ? color('yellow') : undefined} dimColor={source !== undefined && source.lines.length === 0}>
							{line === '' ? ' ' : line}
						</Text>
					);
				})}
			</Box>
			<Text wrap="truncate-end" dimColor={state.typing === null}>
				{status}
			</Text>
		</Box>
	);
}
