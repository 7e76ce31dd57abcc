// The wizard's root: one reducer for the screens, the flow's steps run by useWizardFlow
// (the same steps the headless run takes), and the frame around the screen on view.

import {useMemo, useReducer} from 'react';
import type {Options, Work} from '../types.js';
import {Frame, frameLines} from './components/frame.js';
import {ScreenBody} from './screen-body.js';
import {screenHelp} from './screen-help.js';
import {initialState, reducer} from './state.js';
import {ThemeContext, colorsEnabled} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useWizardFlow, type TerminalHandoff} from './use-wizard-flow.js';

export {defaultReportPath} from './use-wizard-flow.js';

export type AppProps = {
	options: Options;
	work: Work;
	onExit: (code: number) => void;
	/** Aborted by the process on SIGINT/SIGTERM: handled like Ctrl+C. */
	interrupt?: AbortSignal;
	/** Lines worth keeping after the full screen closes (the headline, files written). */
	onFarewell?: (lines: string[]) => void;
	/** Colours; defaults to off when NO_COLOR is set. */
	color?: boolean;
	/** Hands the terminal to the user's editor and back (fix in place). */
	terminal?: TerminalHandoff;
};

export function App(props: AppProps) {
	const {options, color} = props;
	const [state, dispatch] = useReducer(reducer, initialState);
	const {columns, rows} = useTerminalSize();
	const actions = useWizardFlow(props, state, dispatch);
	const theme = useMemo(() => ({color: color ?? colorsEnabled(process.env)}), [color]);
	const active = !state.interrupted && state.exitCode === null;

	return (
		<ThemeContext.Provider value={theme}>
			<Frame screen={state.screen} columns={columns} rows={rows} keys={screenHelp(state, options)} context={state.report?.root ?? options.dir}>
				<ScreenBody state={state} options={options} actions={actions} width={columns} height={Math.max(1, rows - frameLines)} active={active} />
			</Frame>
		</ThemeContext.Provider>
	);
}
