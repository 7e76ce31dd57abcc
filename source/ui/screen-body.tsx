// The body of the screen on view, given the wizard's state and what its screens can ask for.

import type {Options} from '../types.js';
import {BuildScreen} from './screens/build-screen.js';
import {FailedScreen} from './screens/failed-screen.js';
import {FindingsScreen} from './screens/findings-screen.js';
import {ProposalScreen} from './screens/proposal-screen.js';
import {ScanScreen} from './screens/scan-screen.js';
import {SummaryScreen} from './screens/summary-screen.js';
import {Text} from 'ink';
import {canEdit, canExplain, type State} from './state.js';
import {summaryLogSources} from './log-sources.js';
import type {WizardActions} from './use-wizard-flow.js';

export type ScreenBodyProps = {
	state: State;
	options: Options;
	actions: WizardActions;
	width: number;
	height: number;
	/** Keys go to the screen (not after Ctrl+C, nor once the run ends, nor with --yes). */
	active: boolean;
};

export function ScreenBody({state, options, actions, width, height, active}: ScreenBodyProps) {
	const {report, choices, proposal} = state;
	const asking = active && !options.yes;
	switch (state.screen) {
		case 'scan': {
			return <ScanScreen dir={options.dir} messages={state.scanMessages} height={height} />;
		}

		case 'findings': {
			if (!report || !choices) return null;
			return (
				<FindingsScreen
					report={report}
					findings={state.findings}
					wsgiTarget={choices.wsgiTarget}
					width={width}
					height={height}
					isActive={asking}
					onChooseTarget={target => actions.choose({...choices, wsgiTarget: target})}
					onContinue={actions.showProposal}
					onQuit={actions.quit}
				/>
			);
		}

		case 'proposal': {
			if (!report || !choices || !proposal) return null;
			return (
				<ProposalScreen
					proposal={proposal}
					choices={choices}
					detectedPort={report.port}
					existing={{dockerfile: report.dockerfile !== null, dockerignore: report.dockerignore !== null}}
					build={options.build}
					dryRun={options.dryRun}
					notice={state.notices.at(-1)}
					baseNotes={state.baseNotes?.dockerfile === proposal.dockerfile ? state.baseNotes.notes : []}
					width={width}
					height={height}
					isActive={asking}
					onChoose={actions.choose}
					onBuild={actions.startBuild}
					onWrite={actions.writeWithoutBuilding}
					onBack={actions.back}
					onQuit={actions.quit}
				/>
			);
		}

		case 'build': {
			return (
				<BuildScreen
					build={state.build}
					baseline={report?.dockerfile === null}
					interrupted={state.interrupted}
					width={width}
					height={height}
					isActive={active}
					logsOpen={state.logsOpen}
					onLogs={actions.showLogs}
				/>
			);
		}

		case 'summary': {
			// The flow audits the proposed build context before the report is whole.
			if (!state.result) return <Text dimColor>Putting the report together…</Text>;
			return (
				<SummaryScreen
					report={state.result}
					measureError={state.measureError}
					task={state.task}
					written={state.written}
					savedReportPath={state.savedReportPath}
					notices={state.notices}
					dryRun={options.dryRun}
					width={width}
					height={height}
					isActive={active}
					onWrite={actions.write}
					onSaveReport={actions.saveReport}
					onQuit={actions.quit}
					explain={state.explain}
					onExplain={canExplain(state) ? actions.explain : undefined}
					canEdit={canEdit(state)}
					onEdit={actions.edit}
					logSources={summaryLogSources(state.measurement)}
					logsOpen={state.logsOpen}
					onLogs={actions.showLogs}
				/>
			);
		}

		case 'failed': {
			return <FailedScreen message={state.failure?.message ?? ''} width={width} isActive={active} onQuit={actions.quit} />;
		}
	}
}
