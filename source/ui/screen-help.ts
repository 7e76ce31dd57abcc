// The key help of the frame: the bindings table of the screen on view (the same table its
// input handler reads), or the abort key while work runs.

import type {Options} from '../types.js';
import {helpOf} from './bindings.js';
import type {KeyBinding} from './components/key-help.js';
import {abortBinding} from './frame-text.js';
import {failedBindings} from './screens/failed-screen.js';
import {choosingTarget, findingsBindings} from './screens/findings-screen.js';
import {proposalBindings} from './screens/proposal-screen.js';
import {summaryBindings} from './screens/summary-screen.js';
import {canEdit, canExplain, type State} from './state.js';
import {logViewerHelp} from './components/log-viewer.js';
import {buildBindings} from './screens/build-screen.js';

export function screenHelp(state: State, options: Pick<Options, 'build' | 'dryRun'>): KeyBinding[] {
	if (state.interrupted) return [{keys: 'ctrl+c', action: 'pressed: stopping the work and cleaning up…'}];
	switch (state.screen) {
		case 'scan': {
			return [abortBinding];
		}

		case 'findings': {
			return helpOf(findingsBindings({choosing: state.report !== null && choosingTarget(state.report)}));
		}

		case 'proposal': {
			return helpOf(proposalBindings(options));
		}

		case 'build': {
			if (state.logsOpen) return logViewerHelp;
			return [...helpOf(buildBindings), {keys: 'ctrl+c', action: 'abort the builds and clean up'}];
		}

		case 'summary': {
			if (state.logsOpen) return logViewerHelp;
			// The help line only needs to know whether x is offered; the screen holds the action.
			return state.result ? helpOf(summaryBindings({...options, canEdit: canEdit(state), onExplain: canExplain(state) ? () => undefined : undefined})) : [abortBinding];
		}

		case 'failed': {
			return helpOf(failedBindings);
		}
	}
}
