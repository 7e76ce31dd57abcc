// The row of tabs the Proposal and Summary screens share: the current tab inverse, the
// others dim, and a note at the right (where a scrolled view is).

import {Text} from 'ink';

export type TabItem<Id extends string> = {id: Id; label: string};

/** The tab `step` places after the current one, wrapping around. */
export function nextTab<Id extends string>(tabs: ReadonlyArray<TabItem<Id>>, current: Id, step = 1): Id {
	const index = Math.max(0, tabs.findIndex(tab => tab.id === current));
	return tabs[(((index + step) % tabs.length) + tabs.length) % tabs.length].id;
}

export function Tabs<Id extends string>({tabs, current, note}: {tabs: ReadonlyArray<TabItem<Id>>; current: Id; note?: string}) {
	return (
		<Text wrap="truncate-end">
			{tabs.map((tab, index) => (
				<Text key={tab.id}>
					{index > 0 ? <Text dimColor> │ </Text> : null}
					<Text bold={tab.id === current} inverse={tab.id === current} dimColor={tab.id !== current}>
						{` ${tab.label} `}
					</Text>
				</Text>
			))}
			<Text dimColor>{note ? `  ${note}` : ''}</Text>
		</Text>
	);
}
