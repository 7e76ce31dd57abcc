// A problem the user can fix (a folder without an app, an engine that is not running):
// the message says what to do next; no stack trace.

import {Box, Text, useInput} from 'ink';
import {useColor} from '../theme.js';
import {wrapText} from '../wrap.js';

export type FailedScreenProps = {
	message: string;
	width: number;
	isActive: boolean;
	onQuit(): void;
};

export function FailedScreen({message, width, isActive, onQuit}: FailedScreenProps) {
	const color = useColor();
	useInput(
		(input, key) => {
			if (input === 'q' || key.return || key.escape) onQuit();
		},
		{isActive},
	);
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
