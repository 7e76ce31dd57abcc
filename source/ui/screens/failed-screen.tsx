// A problem the user can fix (a folder without an app, an engine that is not running):
// the message says what to do next; no stack trace.

import {Box, Text} from 'ink';
import {press, useBindings, type Binding} from '../bindings.js';
import {useColor} from '../theme.js';
import {wrapText} from '../wrap.js';

export type FailedScreenProps = {
	message: string;
	width: number;
	isActive: boolean;
	onQuit(): void;
};

/** The failed screen's keys: what the help line shows and the only keys it answers. */
export const failedBindings: Array<Binding<'quit'>> = [{keys: 'enter/q', action: 'quit', on: [[press.enter, 'quit'], [press.char('q'), 'quit']]}];

export function FailedScreen({message, width, isActive, onQuit}: FailedScreenProps) {
	const color = useColor();
	useBindings(failedBindings, onQuit, isActive);
	return (
		<Box flexDirection="column">
			<Text bold color={color('red')}>
				dockwiz stopped
			</Text>
			<Text> </Text>
			{wrapText(message, width - 2).map((line, index) => (
				<Text key={index}>{line}</Text>
			))}
		</Box>
	);
}
