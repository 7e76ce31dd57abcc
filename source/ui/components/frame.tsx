// Every screen's frame: the steps of the wizard on top, the screen's body, and the key
// help at the bottom, sized to the terminal so nothing scrolls off at 80x24.

import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import type {ScreenName} from '../state.js';
import {useColor} from '../theme.js';
import {fitContext, productName, steps, stepSeparator} from '../frame-text.js';
import {KeyHelp, type KeyBinding} from './key-help.js';

/** Lines the frame itself takes: the steps line, a rule, and the key help. */
export const frameLines = 3;

export type FrameProps = {
	screen: ScreenName;
	columns: number;
	rows: number;
	keys: KeyBinding[];
	/** Shown at the right of the steps line, e.g. the project folder. */
	context?: string;
	children: ReactNode;
};

export function Frame({screen, columns, rows, keys, context, children}: FrameProps) {
	const color = useColor();
	const current = steps.findIndex(step => step.screen === screen);
	const contextText = context ? fitContext(context, columns) : '';
	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Box justifyContent="space-between">
				<Text wrap="truncate-end">
					<Text bold color={color('magenta')}>
						{productName}
					</Text>
					{steps.map((step, index) => (
						<Text key={step.screen}>
							<Text dimColor>{stepSeparator(index)}</Text>
							<Text bold={index === current} dimColor={index !== current} underline={index === current}>
								{step.label}
							</Text>
						</Text>
					))}
				</Text>
				{contextText ? <Text dimColor>{contextText}</Text> : null}
			</Box>
			<Text dimColor>{'─'.repeat(Math.max(0, columns))}</Text>
			<Box flexDirection="column" height={Math.max(1, rows - frameLines)} overflow="hidden">
				{children}
			</Box>
			<KeyHelp bindings={keys} width={columns} />
		</Box>
	);
}
