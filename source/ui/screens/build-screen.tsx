// Build: the before and the after image built live on the user's engine — pull progress,
// step i/n, the current instruction, a log tail, elapsed time — then the warm rebuilds
// and the smoke tests, each visibly in progress.

import {useEffect, useState, type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {Spinner} from '../components/spinner.js';
import type {BuildPhase, Side} from '../../types.js';
import {formatSeconds} from '../../report/format.js';
import {progressBar, pullMeter} from '../pull-meter.js';
import type {BuildProgress, BuiltOutcome, PullProgress, SideProgress} from '../state.js';
import {useColor} from '../theme.js';
import {press, useBindings, type Binding} from '../bindings.js';
import {LogViewer} from '../components/log-viewer.js';
import {buildLogSources} from '../log-sources.js';

export type BuildScreenProps = {
	build: BuildProgress;
	/** No Dockerfile existed: the before is dockwiz's naive baseline. */
	baseline: boolean;
	interrupted: boolean;
	width: number;
	height: number;
	/** For tests: a fixed clock. */
	nowMs?: number;
	/** Keys reach the screen (`l` opens the whole build logs). */
	isActive?: boolean;
	logsOpen?: boolean;
	onLogs?(open: boolean): void;
};

type BuildCommand = 'logs';

/** The build screen's keys besides Ctrl+C: what the help line shows and the only keys it answers. */
export const buildBindings: Array<Binding<BuildCommand>> = [{keys: 'l', action: 'full build logs', on: [[press.char('l'), 'logs']]}];

function useNow(fixedMs: number | undefined): number {
	const [now, setNow] = useState(() => fixedMs ?? Date.now());
	useEffect(() => {
		if (fixedMs !== undefined) return;
		const timer = setInterval(() => setNow(Date.now()), 250);
		return () => clearInterval(timer);
	}, [fixedMs]);
	return fixedMs ?? now;
}

function clock(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const phaseText: Record<string, string> = {
	pull: 'Pulling the base images first, so pull time stays out of the build times',
	build: 'Cold build (no cache)',
	rebuild: 'Warm rebuild after a one-line code edit (in the build context only, not on your disk)',
	smoke: 'Smoke test: starting each image and asking it for HTTP',
	cleanup: 'Removing the containers and images dockwiz made',
};

/** The bar's done cells in colour, the rest dim. */
function BarCells({bar}: {bar: string}) {
	const color = useColor();
	const done = bar.replace(/░/g, '');
	return (
		<Text>
			<Text color={color('cyan')}>{done}</Text>
			<Text dimColor>{bar.slice(done.length)}</Text>{' '}
		</Text>
	);
}

/** One base image's pull: a live bar with bytes, speed, time left and layers; then how it ended. */
function PullLine({pull}: {pull: PullProgress}) {
	const color = useColor();
	const meter = pullMeter(pull);
	if (meter.kind === 'failed') {
		return (
			<Text wrap="truncate-end" color={color('red')}>
				{'✗ pull '}
				{meter.text}
			</Text>
		);
	}

	if (meter.kind !== 'running') {
		return (
			<Text wrap="truncate-end">
				<Text color={color('green')}>✓ </Text>
				{'pull '}
				{pull.image}
				<Text dimColor>
					{'  '}
					{meter.text}
					{meter.kind === 'done' && meter.layers ? `  ${meter.layers}` : ''}
				</Text>
			</Text>
		);
	}

	// Two lines while running: a registry's image name is long, and the bar needs its room.
	return (
		<Box flexDirection="column">
			<Running>
				{'pull '}
				{pull.image}
				<Text dimColor>{meter.layers ? `  ${meter.layers}` : ''}</Text>
			</Running>
			<Text wrap="truncate-end">
				{'  '}
				{meter.fraction === null ? null : <BarCells bar={progressBar(meter.fraction, 24)} />}
				{meter.bytes}
				<Text dimColor>{[meter.speed, meter.eta].filter(Boolean).map(part => `  ${part}`).join('')}</Text>
			</Text>
		</Box>
	);
}

function Running({children}: {children: ReactNode}) {
	const color = useColor();
	return (
		<Text wrap="truncate-end">
			<Text color={color('cyan')}>
				<Spinner />
			</Text>{' '}
			{children}
		</Text>
	);
}

function BuiltLine({label, outcome, side, phase, now}: {label: string; outcome: BuiltOutcome | null; side: SideProgress; phase: BuildPhase; now: number}) {
	const color = useColor();
	const name = label.padEnd(13);
	if (outcome) {
		return outcome.ok ? (
			<Text wrap="truncate-end">
				<Text color={color('green')}>✓ </Text>
				{name}
				{formatSeconds(outcome.seconds)}
			</Text>
		) : (
			<Text wrap="truncate-end" color={color('red')}>
				✗ {name}failed{outcome.error ? `: ${outcome.error}` : ''}
			</Text>
		);
	}

	if (side.phase === phase && side.runningSinceMs !== null) {
		const step = side.step;
		return (
			<Running>
				{name}
				{step ? `step ${step.index}/${step.total}  ` : ''}
				<Text dimColor>{clock(now - side.runningSinceMs)}  </Text>
				{step ? <Text bold>{step.instruction}</Text> : null}
			</Running>
		);
	}

	return (
		<Text dimColor wrap="truncate-end">
			· {name}waiting
		</Text>
	);
}

function SmokeLine({side}: {side: SideProgress}) {
	const color = useColor();
	const name = 'smoke test'.padEnd(13);
	const smoke = side.smoke;
	if (!smoke) {
		return (
			<Text dimColor wrap="truncate-end">
				· {name}waiting
			</Text>
		);
	}

	if (smoke.status === 'start') return <Running>{name}started the container, waiting for an HTTP answer</Running>;
	if (smoke.status === 'ok') {
		return (
			<Text wrap="truncate-end">
				<Text color={color('green')}>✓ </Text>
				{name}HTTP {smoke.httpStatus ?? ''} after {formatSeconds(smoke.seconds)}
			</Text>
		);
	}

	return (
		<Text wrap="truncate-end" color={color('red')}>
			✗ {name}no good answer{smoke.httpStatus ? ` (HTTP ${smoke.httpStatus})` : ''}
		</Text>
	);
}

function SidePanel({side, title, progress, logLines, now}: {side: Side; title: string; progress: SideProgress; logLines: number; now: number}) {
	const color = useColor();
	const tail = progress.logTail.slice(-logLines);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end" color={color(side === 'before' ? 'yellow' : 'green')}>
				{side === 'before' ? 'BEFORE' : 'AFTER'} <Text dimColor>{title}</Text>
			</Text>
			<BuiltLine label="cold build" outcome={progress.build} side={progress} phase="build" now={now} />
			<BuiltLine label="warm rebuild" outcome={progress.rebuild} side={progress} phase="rebuild" now={now} />
			<SmokeLine side={progress} />
			{logLines > 0
				? Array.from({length: logLines}, (_, index) => (
						<Text key={index} dimColor wrap="truncate-end">
							{'  │ '}
							{tail[index] ?? ''}
						</Text>
					))
				: null}
		</Box>
	);
}

export function BuildScreen({build, baseline, interrupted, width, height, nowMs, isActive = false, logsOpen = false, onLogs}: BuildScreenProps) {
	const color = useColor();
	const now = useNow(nowMs);
	useBindings(buildBindings, () => onLogs?.(true), isActive && !logsOpen);
	if (logsOpen) return <LogViewer sources={buildLogSources(build)} width={width} height={height} isActive={isActive} onClose={() => onLogs?.(false)} />;
	const pulls = build.pulls.slice(-2);
	const warnings = build.warnings.slice(-1);
	// Fixed lines: engine, phase, pulls (two while running), 4 per side, warnings; the log tails share the rest.
	const pullLines = pulls.reduce((sum, pull) => sum + (pull.record ? 1 : 2), 0);
	const fixed = 2 + pullLines + 8 + warnings.length;
	const logLines = Math.max(0, Math.min(6, Math.floor((height - fixed) / 2)));
	const engine = build.engine;
	const phase = build.phase ? phaseText[build.phase] : 'Connecting to the Docker engine';
	const runs = build.runs && build.runs > 1 && build.run ? ` (run ${build.run}/${build.runs})` : '';
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text dimColor>engine </Text>
				{engine ? `Docker ${engine.engineVersion} (API ${engine.apiVersion}) at ${engine.endpoint}${engine.appHost ? `; app probed at ${engine.appHost}` : ''}` : '…'}
				<Text dimColor>  elapsed </Text>
				{build.startedAtMs === null ? '0:00' : clock(now - build.startedAtMs)}
			</Text>
			{interrupted ? (
				<Text color={color('yellow')} wrap="truncate-end">
					Stopping: aborting the builds and removing dockwiz's containers and images…
				</Text>
			) : (
				<Running>
					<Text bold>{phase}</Text>
					{build.phaseSide ? ` — ${build.phaseSide}` : ''}
					{runs}
				</Running>
			)}
			{pulls.map(pull => (
				<PullLine key={pull.image} pull={pull} />
			))}
			<SidePanel side="before" title={baseline ? 'naive baseline (you had no Dockerfile)' : 'your Dockerfile'} progress={build.before} logLines={logLines} now={now} />
			<SidePanel side="after" title="the proposed Dockerfile" progress={build.after} logLines={logLines} now={now} />
			{warnings.map(warning => (
				<Text key={warning} wrap="truncate-end" color={color('yellow')}>
					! {warning}
				</Text>
			))}
		</Box>
	);
}
