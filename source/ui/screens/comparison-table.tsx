// The before/after table (ink-table) with a bar column: the after's bar drawn over the
// before's extent, so the difference shows at a glance.

import {Text} from 'ink';
import {Table, type CellProps} from 'ink-table';
import type {PropsWithChildren} from 'react';
import {bar} from '../../report/bars.js';
import type {ComparisonRow} from '../../report/comparison.js';
import {useColor} from '../theme.js';

export const barHeader = 'after █ / before ░';

/** The after's bar, then shading up to where the before's bar ends. */
export function comparisonBar(row: ComparisonRow, width: number): string {
	const before = row.beforeValue;
	const after = row.afterValue;
	if (before === null || after === null) return '';
	const max = Math.max(before, after);
	const afterBar = bar(after, max, width);
	const beforeCells = bar(before, max, width).length;
	return afterBar + '░'.repeat(Math.max(0, beforeCells - afterBar.length));
}

// ink-table heads each column with its key, so the keys are the headings.
type TableRow = Record<string, string>;

export function tableRows(rows: ComparisonRow[], barWidth: number): TableRow[] {
	return rows.map(row => {
		const cells: TableRow = {metric: row.label, before: row.before, after: row.after, ratio: row.ratio};
		if (barWidth > 0) cells[barHeader] = comparisonBar(row, barWidth);
		return cells;
	});
}

/** Cell widths besides the bar: label, two values, ratio, borders and padding. */
export function barWidthFor(rows: ComparisonRow[], width: number): number {
	const longest = (values: string[], header: string) => Math.max(header.length, ...values.map(value => value.length)) + 2;
	const used =
		longest(rows.map(row => row.label), 'metric') +
		longest(rows.map(row => row.before), 'before') +
		longest(rows.map(row => row.after), 'after') +
		longest(rows.map(row => row.ratio), 'ratio') +
		6 +
		2;
	return Math.max(0, Math.min(30, width - used));
}

export function ComparisonTable({rows, width}: {rows: ComparisonRow[]; width: number}) {
	const color = useColor();
	const barWidth = barWidthFor(rows, width);
	const data = tableRows(rows, barWidth >= barHeader.length ? barWidth : 0);
	const Header = ({children}: PropsWithChildren) => (
		<Text bold color={color('blue')}>
			{children}
		</Text>
	);
	const Cell = ({children, column}: CellProps) => {
		if (column === 4) return <Text color={color('green')}>{children}</Text>;
		if (column === 2) return <Text bold>{children}</Text>;
		return <Text>{children}</Text>;
	};

	const Skeleton = ({children}: PropsWithChildren) => <Text dimColor>{children}</Text>;
	const columns = barWidth >= barHeader.length ? ['metric', 'before', 'after', 'ratio', barHeader] : ['metric', 'before', 'after', 'ratio'];
	return <Table data={data} columns={columns} header={Header} cell={Cell} skeleton={Skeleton} />;
}
