// Scan: a spinner and what is being found, as it is found.

import {Box, Text} from 'ink';
import {Spinner} from '../components/spinner.js';
import {scanHeading, scanNote} from '../frame-text.js';
import {useColor} from '../theme.js';

export type ScanScreenProps = {
	dir: string;
	messages: string[];
	height: number;
};

export function ScanScreen({dir, messages, height}: ScanScreenProps) {
	const color = useColor();
	// The heading takes two lines; the newest messages fill the rest.
	const visible = messages.slice(-Math.max(1, height - 3));
	const last = visible.length - 1;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text color={color('cyan')}>
					<Spinner />
				</Text>
				<Text bold> {scanHeading}</Text>
				<Text dimColor> {dir}</Text>
			</Text>
			<Text dimColor>{scanNote}</Text>
			{visible.map((message, index) => (
				<Text key={`${index}-${message}`} wrap="truncate-end" dimColor={index !== last}>
					{index === last ? '› ' : '✓ '}
					{message}
				</Text>
			))}
		</Box>
	);
}
