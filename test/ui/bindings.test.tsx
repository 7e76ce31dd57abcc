// Key bindings as data: each screen's table drives both its keys and its help line, so no
// key works that the help does not show, and the help fits 80 columns.
import type {Key} from 'ink';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {commandFor, helpOf, type Binding} from '../../source/ui/bindings.js';
import {fitBindings} from '../../source/ui/components/key-help.js';
import {nextTab, Tabs} from '../../source/ui/components/tabs.js';
import {useScroll} from '../../source/ui/components/use-scroll.js';
import {failedBindings} from '../../source/ui/screens/failed-screen.js';
import {findingsBindings} from '../../source/ui/screens/findings-screen.js';
import {ProposalScreen, proposalBindings, type ProposalScreenProps} from '../../source/ui/screens/proposal-screen.js';
import {summaryBindings} from '../../source/ui/screens/summary-screen.js';
import {buildBindings} from '../../source/ui/screens/build-screen.js';
import {makeProposal} from './fixtures.js';
import {keys, waitFor} from './helpers.js';

const noKey = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false} as Key;
const key = (overrides: Partial<Key>) => ({...noKey, ...overrides});

const tables: Array<[string, Array<Binding<string>>]> = [
	['findings', findingsBindings({choosing: false})],
	['findings, several apps', findingsBindings({choosing: true})],
	['proposal', proposalBindings({build: true, dryRun: false})],
	['proposal, --no-build', proposalBindings({build: false, dryRun: false})],
	['proposal, --dry-run', proposalBindings({build: true, dryRun: true})],
	['summary', summaryBindings({dryRun: false})],
	['summary, --dry-run', summaryBindings({dryRun: true})],
	['summary, after failed (edit offered)', summaryBindings({dryRun: false, canEdit: true})],
	['build', buildBindings],
	['failed', failedBindings],
];

describe('bindings tables', () => {
	it.each(tables)('%s: the help line shows every binding at 80 columns', (_name, bindings) => {
		expect(fitBindings(helpOf(bindings), 80)).toEqual(helpOf(bindings));
	});

	it('maps a key to its command, and a key outside the table to nothing', () => {
		const proposal = proposalBindings({build: true, dryRun: false});
		expect(commandFor(proposal, '', key({return: true}))).toBe('build');
		expect(commandFor(proposal, 'o', noKey)).toBe('port');
		expect(commandFor(proposal, '\t\t', noKey)).toBe('tab');
		for (const [input, pressed] of [['j', noKey], ['k', noKey], [' ', noKey], ['', key({escape: true})], ['', key({rightArrow: true})], ['', key({pageDown: true})]] as const) {
			expect(commandFor(proposal, input, pressed), JSON.stringify(input)).toBeUndefined();
		}

		expect(commandFor(proposalBindings({build: true, dryRun: true}), 'w', noKey)).toBeUndefined();
		expect(commandFor(summaryBindings({dryRun: false}), '', key({return: true}))).toBeUndefined();
		expect(commandFor(summaryBindings({dryRun: false}), 'r', noKey)).toBe('save');
		expect(commandFor(summaryBindings({dryRun: false}), 'e', noKey)).toBeUndefined();
		expect(commandFor(summaryBindings({dryRun: false, canEdit: true}), 'e', noKey)).toBe('edit');
		expect(commandFor(summaryBindings({dryRun: false, canEdit: true}), 'i', noKey)).toBe('editIgnore');
		expect(commandFor(summaryBindings({dryRun: false}), 'l', noKey)).toBe('logs');
		expect(commandFor(buildBindings, 'l', noKey)).toBe('logs');
		expect(commandFor(findingsBindings({choosing: false}), '2', noKey)).toBeUndefined();
		expect(commandFor(findingsBindings({choosing: true}), '2', noKey)).toBe('choose');
	});
});

describe('Tabs', () => {
	const tabs = [{id: 'a', label: 'Alpha'}, {id: 'b', label: 'Beta'}, {id: 'c', label: 'Gamma'}] as const;

	it('moves to the next tab and wraps around, both ways', () => {
		expect(nextTab(tabs, 'a')).toBe('b');
		expect(nextTab(tabs, 'c')).toBe('a');
		expect(nextTab(tabs, 'a', -1)).toBe('c');
	});

	it('draws every label with the note at the right', () => {
		const {lastFrame} = render(<Tabs tabs={tabs} current="b" note="lines 1-3 of 9" />);
		expect(lastFrame()).toBe(' Alpha  │  Beta  │  Gamma   lines 1-3 of 9');
	});
});

function Scrolled({items, height, view, moves}: {items: string[]; height: number; view: string; moves: number[]}) {
	const scroll = useScroll(items, height, view);
	// Each render applies the next move, as keys would, until none is left.
	const index = scroll.view.offset;
	if (moves.length > 0) queueMicrotask(() => scroll.scrollBy(moves.shift()!));
	return <Text>{`${index}|${scroll.view.items.join(',')}|${scroll.position}`}</Text>;
}

describe('useScroll', () => {
	const items = Array.from({length: 10}, (_, i) => `l${i}`);

	it('stops at the end and at the top, and says where the view is', async () => {
		const down = render(<Scrolled items={items} height={4} view="a" moves={[3, 3, 3]} />);
		await waitFor(() => (down.lastFrame() ?? '').startsWith('6|'), 'the end of the list');
		expect(down.lastFrame()).toBe('6|l6,l7,l8,l9|lines 7-10 of 10');
		const up = render(<Scrolled items={items} height={4} view="a" moves={[5, -9]} />);
		await waitFor(() => up.frames.length >= 3, 'two moves');
		expect(up.lastFrame()).toBe('0|l0,l1,l2,l3|lines 1-4 of 10');
	});

	it('says nothing when the list fits', () => {
		expect(render(<Scrolled items={items.slice(0, 3)} height={4} view="a" moves={[]} />).lastFrame()).toBe('0|l0,l1,l2|');
	});

	it('starts another view at the top', () => {
		const {lastFrame, rerender} = render(<Scrolled items={items} height={4} view="a" moves={[4]} />);
		rerender(<Scrolled items={items} height={4} view="b" moves={[]} />);
		expect(lastFrame()).toMatch(/^0\|l0/);
	});
});

describe('ProposalScreen keys', () => {
	const choices = {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'} as const;
	const calls: string[] = [];
	const props: ProposalScreenProps = {
		proposal: makeProposal({...choices}),
		choices: {...choices},
		detectedPort: 5000,
		existing: {dockerfile: true, dockerignore: false},
		build: true,
		dryRun: false,
		width: 80,
		height: 6,
		isActive: true,
		onChoose: next => calls.push(`choose ${next.flavor}`),
		onBuild: () => calls.push('build'),
		onWrite: () => calls.push('write'),
		onBack: () => calls.push('back'),
		onQuit: () => calls.push('quit'),
	};

	it('answers the keys of its table and no other', async () => {
		const app = render(<ProposalScreen {...props} />);
		await waitFor(() => (app.lastFrame() ?? '').includes('lines 1-3 of 8'), 'the Dockerfile view');
		for (const input of ['j', ' ', keys.escape, '\u001B[C', '\u001B[6~']) app.stdin.write(input);
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(app.lastFrame()).toContain('lines 1-3 of 8');
		expect(calls).toEqual([]);

		app.stdin.write(keys.down);
		await waitFor(() => (app.lastFrame() ?? '').includes('lines 2-4 of 8'), 'one line down');
		app.stdin.write(keys.tab);
		await waitFor(() => (app.lastFrame() ?? '').includes('1  .git'), 'the .dockerignore view, from its top');
		for (const input of ['f', 'w', 'b', 'q', keys.enter]) app.stdin.write(input);
		await waitFor(() => calls.length === 5, 'five commands');
		expect(calls).toEqual(['choose distroless', 'write', 'back', 'quit', 'build']);
	});
});
