// Scrolling a list of lines in a fixed height, shared by the Proposal and Summary screens.
// The offset is kept with the view it belongs to (a tab): another view starts at the top,
// and a moved offset is clamped as it is stored, so nothing is corrected while drawing.

import {useCallback, useState} from 'react';
import {clampOffset, listWindow, type ListWindow} from '../window.js';

export type Scroll<T> = {
	view: ListWindow<T>;
	/** Moves by lines (negative: up). */
	scrollBy(lines: number): void;
	/** `lines 5-7 of 20` when the list does not fit, else ''. */
	position: string;
};

export function useScroll<T>(items: T[], height: number, viewKey: string): Scroll<T> {
	const [stored, setStored] = useState({viewKey, offset: 0});
	const size = Math.max(1, height);
	const offset = stored.viewKey === viewKey ? clampOffset(stored.offset, items.length, size) : 0;
	const view = listWindow(items, offset, size);
	const total = items.length;

	const scrollBy = useCallback(
		(lines: number) => {
			// Functional: keys typed in one burst each move from the last position.
			setStored(previous => {
				const from = previous.viewKey === viewKey ? clampOffset(previous.offset, total, size) : 0;
				return {viewKey, offset: clampOffset(from + lines, total, size)};
			});
		},
		[viewKey, total, size],
	);

	const position = view.above > 0 || view.below > 0 ? `lines ${view.offset + 1}-${view.offset + view.items.length} of ${total}` : '';
	return {view, scrollBy, position};
}
