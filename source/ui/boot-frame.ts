// The wizard's first frame, drawn with plain escape codes before Ink and React have loaded:
// the Scan screen as Ink draws it first (steps line, rule, spinner and heading, key help).
// Loading and starting Ink takes longer than Node's own start; this puts the screen up at
// once, and Ink's first frame then lands on exactly the same characters (a unit test
// renders both and compares them).

import {enterAlternateScreen, leaveAlternateScreen} from './fullscreen.js';
import {colorsEnabled} from './colors-enabled.js';
import {stopSignals} from '../stop.js';
import {abortBinding, fitContext, productName, scanHeading, scanNote, spinnerFrames, stepSeparator, steps, stepsWidth} from './frame-text.js';

type Style = 'bold' | 'dim' | 'underline' | 'magenta' | 'cyan';
type Segment = {text: string; styles?: Style[]};

const sgr: Record<Style, [on: string, off: string]> = {
	bold: ['1', '22'],
	dim: ['2', '22'],
	underline: ['4', '24'],
	magenta: ['35', '39'],
	cyan: ['36', '39'],
};

// The screens are laid out for 80x24 and up (see use-terminal-size.ts); below that Ink's
// wrapping decides, and Ink draws the first frame itself.
const minimumColumns = 80;
const minimumRows = 24;

function styled(segment: Segment, color: boolean): string {
	const styles = (segment.styles ?? []).filter(style => color || style === 'bold' || style === 'dim' || style === 'underline');
	if (styles.length === 0 || segment.text === '') return segment.text;
	return `\u001B[${styles.map(style => sgr[style][0]).join(';')}m${segment.text}\u001B[${styles.map(style => sgr[style][1]).join(';')}m`;
}

/** Columns a text takes: one a character (plainWidth below keeps the folder's name to those). */
const widthOf = (text: string) => [...text].length;

/** The segments cut to `columns` the way Ink's wrap="truncate-end" does: the last column becomes "…". */
function truncateEnd(segments: Segment[], columns: number): Segment[] {
	const width = segments.reduce((sum, segment) => sum + widthOf(segment.text), 0);
	if (width <= columns) return segments;
	const kept: Segment[] = [];
	let room = columns - 1;
	for (const segment of segments) {
		const characters = [...segment.text];
		kept.push({...segment, text: characters.slice(0, room).join('')});
		room -= Math.min(room, characters.length);
	}

	kept.push({text: '…', styles: segments.at(-1)?.styles});
	return kept;
}

/**
 * Whether every character of the folder takes one column. Wide (CJK, emoji) and combining
 * characters need Ink's string-width to be laid out right; for those Ink draws first.
 */
function plainWidth(text: string): boolean {
	// Latin, Greek and Cyrillic letters; no combining marks or invisible format characters.
	return /^[\u0020-\u007E\u00A0-\u052F]*$/u.test(text) && !/[\p{M}\p{Cf}]/u.test(text);
}

export type BootFrameInput = {columns: number; rows: number; dir: string; color: boolean};

/** The Scan screen's first frame as lines of text with escape codes, or null when Ink must draw it. */
export function bootFrameLines({columns, rows, dir, color}: BootFrameInput): string[] | null {
	if (columns < minimumColumns || rows < minimumRows || !plainWidth(dir)) return null;
	const line = (segments: Segment[]) => segments.map(segment => styled(segment, color)).join('');

	const context = fitContext(dir, columns);
	const stepsLine: Segment[] = [
		{text: productName, styles: ['bold', 'magenta']},
		...steps.flatMap((step, index): Segment[] => [
			{text: stepSeparator(index), styles: ['dim']},
			{text: step.label, styles: index === 0 ? ['bold', 'underline'] : ['dim']},
		]),
	];
	const gap = context ? ' '.repeat(Math.max(0, columns - stepsWidth - widthOf(context))) : '';

	const heading: Segment[] = [
		{text: spinnerFrames[0], styles: ['cyan']},
		{text: ` ${scanHeading}`, styles: ['bold']},
		{text: ` ${dir}`, styles: ['dim']},
	];

	const body = [line(truncateEnd(heading, columns)), line([{text: scanNote, styles: ['dim']}])];
	while (body.length < rows - 3) body.push('');

	return [
		line([...stepsLine, {text: gap}, {text: context, styles: ['dim']}]),
		line([{text: '─'.repeat(columns), styles: ['dim']}]),
		...body,
		line([
			{text: abortBinding.keys, styles: ['bold', 'cyan']},
			{text: ` ${abortBinding.action}`},
		]),
	];
}

type Terminal = {columns?: number; rows?: number; write(text: string): unknown; hasColors?: () => boolean};

export type BootFrame = {
	/** Ink takes the screen over: the boot frame's signal handling ends, the screen stays. */
	handOff(): void;
	/** Leaves the alternate screen (start-up failed before Ink took over; after that, Ink's to do). */
	restore(): void;
};

/**
 * Enters the alternate screen and draws the boot frame; null (nothing written) when the
 * terminal is too small or the folder's name needs Ink to be measured. From before the first
 * byte until handOff(), SIGINT, SIGTERM and SIGHUP restore the screen and are passed to
 * `onSignal` with their exit code.
 */
export function showBootFrame(
	terminal: Terminal,
	dir: string,
	env: Record<string, string | undefined>,
	onSignal: (exitCode: number) => void,
	processLike: Pick<NodeJS.Process, 'once' | 'off'> = process,
): BootFrame | null {
	// Colours as Ink will show them: not under NO_COLOR, not on a terminal that has none.
	const color = colorsEnabled(env) && terminal.hasColors?.() !== false;
	const lines = bootFrameLines({columns: terminal.columns ?? 0, rows: terminal.rows ?? 0, dir, color});
	if (!lines) return null;

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		terminal.write(leaveAlternateScreen);
	};

	const listeners = (Object.entries(stopSignals) as Array<[NodeJS.Signals, number]>).map(([name, exitCode]) => {
		const listener = () => {
			stopListening();
			restore();
			onSignal(exitCode);
		};

		return [name, listener] as const;
	});
	const stopListening = () => {
		for (const [name, listener] of listeners) processLike.off(name, listener);
	};

	// Listening first: a signal that lands while the frame is being written (a large write to
	// a slow terminal blocks) must find a listener, or Node's default action ends the process
	// with the terminal left in the alternate screen.
	for (const [name, listener] of listeners) processLike.once(name, listener);
	// Home before and after: the alternate screen keeps the cursor where the shell left it,
	// and Ink writes its first frame from the cursor on, over these same characters.
	terminal.write(`${enterAlternateScreen}\u001B[H${lines.join('\n')}\u001B[H`);

	let handedOff = false;
	return {
		handOff() {
			handedOff = true;
			stopListening();
		},
		restore() {
			if (handedOff) return;
			stopListening();
			restore();
		},
	};
}
