// The Summary's explanation (the `e` key, or --explain): its live progress folded from the
// explain events, pure, for the reducer in state.ts.
import type {ExplainEvent} from '../explain-types.js';
import type {EngineEvent} from '../types.js';
import {visibleLine} from './state.js';

export type ExplainProgress = {
	running: boolean;
	/** The step being measured and what it is doing. */
	current: {index: number; total: number; change: string; phase: 'build' | 'rebuild' | 'smoke' | 'layers'} | null;
	/** Steps measured so far. */
	done: number;
	/** The running build's current instruction and last output lines. */
	instruction: string | null;
	logTail: string[];
	/** When the explanation began, and its last event (the elapsed clock reads both: no clock during render). */
	startedAtMs: number | null;
	lastEventAtMs: number | null;
	/** Why it stopped without an explanation. */
	error: string | null;
};

export const idleExplain: ExplainProgress = {running: false, current: null, done: 0, instruction: null, logTail: [], startedAtMs: null, lastEventAtMs: null, error: null};

const tailLines = 6;

export function startExplain(atMs: number): ExplainProgress {
	return {...idleExplain, running: true, startedAtMs: atMs, lastEventAtMs: atMs};
}

export function applyExplainEvent(progress: ExplainProgress, event: ExplainEvent | EngineEvent, atMs: number): ExplainProgress {
	return {...foldEvent(progress, event), lastEventAtMs: atMs};
}

function foldEvent(progress: ExplainProgress, event: ExplainEvent | EngineEvent): ExplainProgress {
	switch (event.type) {
		case 'explain-step': {
			const fresh = progress.current?.index !== event.index;
			return {...progress, current: {index: event.index, total: event.total, change: event.change, phase: event.phase}, instruction: fresh ? null : progress.instruction, logTail: fresh ? [] : progress.logTail};
		}

		case 'explain-done': {
			return {...progress, done: event.index + 1};
		}

		case 'explain-layers': {
			return progress.current ? {...progress, current: {...progress.current, phase: 'layers'}, instruction: `reading the layers of ${event.images} step image(s)`} : progress;
		}

		case 'step': {
			return {...progress, instruction: visibleLine(event.instruction)};
		}

		case 'log': {
			const line = visibleLine(event.line);
			return line.trim() === '' ? progress : {...progress, logTail: [...progress.logTail, line].slice(-tailLines)};
		}

		default: {
			return progress;
		}
	}
}

export function finishExplain(progress: ExplainProgress, error: string | null): ExplainProgress {
	return {...progress, running: false, error};
}
