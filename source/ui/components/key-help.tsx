// The key-help line at the bottom of every screen.

import {Text} from 'ink';
import {useColor} from '../theme.js';

export type KeyBinding = {keys: string; action: string};

export function KeyHelp({bindings}: {bindings: KeyBinding[]}) {
	const color = useColor();
	return (
		<Text wrap="truncate-end">
			{bindings.map((binding, index) => (
				<Text key={binding.keys}>
					{index > 0 ? '  ' : ''}
					<Text bold color={color('cyan')}>
						{binding.keys}
					</Text>
					<Text> {binding.action}</Text>
				</Text>
			))}
		</Text>
	);
}
