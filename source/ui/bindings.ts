// Key bindings as data: one table per screen that both its input handler and the key help
// line read, so every key that works is one the help shows.

import {useInput, type Key} from 'ink';
import type {KeyBinding} from './components/key-help.js';
import {isTabs} from './keys.js';

export type KeyMatcher = (input: string, key: Key) => boolean;

/** One entry of the help line and the keys behind it, each with the command it runs. */
export type Binding<Command extends string> = KeyBinding & {
	on: Array<[KeyMatcher, Command]>;
};

/** Matchers for the keys the screens use. */
export const press = {
	char: (...chars: string[]) => (input: string) => chars.includes(input),
	enter: (_input: string, key: Key) => key.return,
	escape: (_input: string, key: Key) => key.escape,
	// A burst of tabs can arrive as one chunk ("\t\t") that Ink does not flag as a tab.
	tab: (input: string, key: Key) => key.tab || isTabs(input),
	up: (_input: string, key: Key) => key.upArrow,
	down: (_input: string, key: Key) => key.downArrow,
	digit: (input: string) => /^[1-9]$/.test(input),
};

/** The command a key press means on a screen, if any. */
export function commandFor<Command extends string>(bindings: Array<Binding<Command>>, input: string, key: Key): Command | undefined {
	for (const binding of bindings) {
		const match = binding.on.find(([matches]) => matches(input, key));
		if (match) return match[1];
	}

	return undefined;
}

/** What the help line shows for a screen's bindings. */
export function helpOf(bindings: KeyBinding[]): KeyBinding[] {
	return bindings.map(({keys, action}) => ({keys, action}));
}

/** Runs a screen's commands for the keys of its bindings table, and for no other key. */
export function useBindings<Command extends string>(
	bindings: Array<Binding<Command>>,
	run: (command: Command, input: string) => void,
	isActive: boolean,
): void {
	useInput(
		(input, key) => {
			const command = commandFor(bindings, input, key);
			if (command !== undefined) run(command, input);
		},
		{isActive},
	);
}
