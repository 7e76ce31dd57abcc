// The key-help line at the bottom of every screen.

import {Text} from 'ink';
import {useColor} from '../theme.js';

export type KeyBinding = {keys: string; action: string};

const gap = 2;

function widthOf(bindings: KeyBinding[]): number {
	return bindings.reduce((sum, binding, index) => sum + (index > 0 ? gap : 0) + [...binding.keys].length + 1 + [...binding.action].length, 0);
}

/**
 * The bindings that fit in a width: the first ones (the main action) and the last one
 * (quit) are kept; the ones before the last are dropped first.
 */
export function fitBindings(bindings: KeyBinding[], width: number): KeyBinding[] {
	const kept = [...bindings];
	while (kept.length > 2 && widthOf(kept) > width) kept.splice(kept.length - 2, 1);
	return kept;
}

export function KeyHelp({bindings, width}: {bindings: KeyBinding[]; width: number}) {
	const color = useColor();
	return (
		<Text wrap="truncate-end">
			{fitBindings(bindings, width).map((binding, index) => (
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
