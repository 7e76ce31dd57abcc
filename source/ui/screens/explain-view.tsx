// The Summary's "Measured step by step" tab: while --explain runs, its live progress (step
// n of m, what it is doing, the build's last lines, elapsed), then the waterfall with bars,
// the sum check and where the bytes are (the plain summary's lines, report/explain-plain.ts).
import {Box, Text} from 'ink';
import {explainPlainLines} from '../../report/explain-plain.js';
import {formatSeconds} from '../../report/format.js';
import type {DockwizReport} from '../../types.js';
import type {ExplainProgress} from '../explain-state.js';

export type ExplainLine = {text: string; bold?: boolean; dim?: boolean; color?: 'red' | 'yellow' | 'green'};

const phaseWords = {build: 'cold build', rebuild: 'warm rebuild', smoke: 'smoke run', layers: 'reading layers'} as const;

/** What the tab shows, as lines (scrolled by the screen). */
export function explainLines(report: DockwizReport, progress: ExplainProgress, width: number): ExplainLine[] {
	if (progress.running) {
		const elapsed = progress.startedAtMs === null || progress.lastEventAtMs === null ? '' : ` (${formatSeconds((progress.lastEventAtMs - progress.startedAtMs) / 1000)})`;
		const current = progress.current;
		return [
			{text: `Measuring each change in turn${elapsed}`, bold: true},
			{text: current ? `Step ${current.index + 1}/${current.total}: ${current.change}` : 'Making sure the base images are here (not timed)…'},
			...(current ? [{text: `  ${phaseWords[current.phase]}${progress.instruction ? `: ${progress.instruction}` : ''}`}] : []),
			...progress.logTail.map(line => ({text: `  │ ${line}`, dim: true})),
		];
	}

	if (report.explain) return explainPlainLines(report.explain, width).map(text => ({text}));
	const lines: ExplainLine[] = [];
	if (progress.error) lines.push({text: `No explanation: ${progress.error}`, color: 'yellow'});
	lines.push(report.builds?.after.ok
		? {text: 'Press x to build each change on its own and measure what it bought (a few minutes), and to see where the bytes are.'}
		: {text: 'The changes can be measured one by one once the proposed image builds and answers.', dim: true});
	return lines;
}

export function ExplainLines({lines}: {lines: ExplainLine[]}) {
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text key={`${index}-${line.text}`} wrap="truncate-end" bold={line.bold} dimColor={line.dim} color={line.color}>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</Box>
	);
}
