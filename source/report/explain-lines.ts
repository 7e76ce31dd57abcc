// --explain's progress as plain lines (no TTY, CI, --json on stderr): a line per step started
// and per step measured; the builds' own step and log lines are left to the live views.
import type {ExplainEvent} from '../explain-types.js';
import type {EngineEvent} from '../types.js';
import {formatBytes, formatSeconds} from './format.js';

export function explainEventLine(event: ExplainEvent | EngineEvent): string | null {
	switch (event.type) {
		case 'explain-pull': {
			return 'dockwiz: explaining: base images first (not timed)';
		}

		case 'explain-step': {
			return event.phase === 'build' ? `dockwiz: explaining step ${event.index + 1}/${event.total}: ${event.change}` : null;
		}

		case 'explain-done': {
			const {step} = event;
			if (step.sizeBytes === null) return `  step ${event.index + 1} failed: ${step.error ?? 'no image'}`;
			const measured = `  step ${event.index + 1}: ${formatBytes(step.sizeBytes)}, context ${formatBytes(step.contextBytes)}, build ${formatSeconds(step.buildSeconds)}, rebuild ${formatSeconds(step.rebuildSeconds)}`;
			return step.error ? `${measured}; ${step.error}` : `${measured}; the app answered`;
		}

		case 'explain-layers': {
			return `dockwiz: explaining: reading where the bytes are in ${event.images} step image(s), shared layers once`;
		}

		default: {
			return null;
		}
	}
}
