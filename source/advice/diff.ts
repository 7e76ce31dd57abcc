// A small unified diff (line-based LCS) for showing what a proposal changes.

type Op = {kind: ' ' | '-' | '+'; line: string};

function splitLines(text: string): string[] {
	if (text === '') {
		return [];
	}

	const lines = text.split('\n');
	return lines.at(-1) === '' ? lines.slice(0, -1) : lines;
}

function operations(before: string[], after: string[]): Op[] {
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) {
		start++;
	}

	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
		endBefore--;
		endAfter--;
	}

	const a = before.slice(start, endBefore);
	const b = after.slice(start, endAfter);
	const middle: Op[] = [];
	if (a.length * b.length > 4_000_000) {
		// Too big to align line by line (a huge file): show it as replaced.
		middle.push(...a.map(line => ({kind: '-' as const, line})), ...b.map(line => ({kind: '+' as const, line})));
	} else {
		const table: number[][] = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
		for (let i = a.length - 1; i >= 0; i--) {
			for (let j = b.length - 1; j >= 0; j--) {
				table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
			}
		}

		let i = 0;
		let j = 0;
		while (i < a.length || j < b.length) {
			if (i < a.length && j < b.length && a[i] === b[j]) {
				middle.push({kind: ' ', line: a[i++]});
				j++;
			} else if (i < a.length && (j >= b.length || table[i + 1][j] >= table[i][j + 1])) {
				// Removals before additions, as diff(1) prints them.
				middle.push({kind: '-', line: a[i++]});
			} else {
				middle.push({kind: '+', line: b[j++]});
			}
		}
	}

	return [
		...before.slice(0, start).map(line => ({kind: ' ' as const, line})),
		...middle,
		...before.slice(endBefore).map(line => ({kind: ' ' as const, line})),
	];
}

/** A unified diff with 3 lines of context; '' when nothing changed. */
export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
	if (before === after) {
		return '';
	}

	const ops = operations(splitLines(before), splitLines(after));
	const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter(index => index >= 0);
	const hunks: Array<[number, number]> = [];
	for (const index of changed) {
		const last = hunks.at(-1);
		if (last && index - context <= last[1] + context) {
			last[1] = index;
		} else {
			hunks.push([index, index]);
		}
	}

	const output = [`--- a/${file}`, `+++ b/${file}`];
	for (const [first, last] of hunks) {
		const from = Math.max(0, first - context);
		const to = Math.min(ops.length - 1, last + context);
		let oldStart = 1;
		let newStart = 1;
		for (const op of ops.slice(0, from)) {
			oldStart += op.kind === '+' ? 0 : 1;
			newStart += op.kind === '-' ? 0 : 1;
		}

		const slice = ops.slice(from, to + 1);
		const oldCount = slice.filter(op => op.kind !== '+').length;
		const newCount = slice.filter(op => op.kind !== '-').length;
		output.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`, ...slice.map(op => op.kind + op.line));
	}

	return output.join('\n') + '\n';
}
