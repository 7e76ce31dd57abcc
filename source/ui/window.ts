// Scrolling: which slice of a list fits in a given height.

export type ListWindow<T> = {items: T[]; offset: number; above: number; below: number};

/** Clamps an offset so the window stays within the list. */
export function clampOffset(offset: number, total: number, height: number): number {
	return Math.max(0, Math.min(offset, Math.max(0, total - height)));
}

export function listWindow<T>(items: T[], offset: number, height: number): ListWindow<T> {
	const size = Math.max(1, height);
	const start = clampOffset(offset, items.length, size);
	const slice = items.slice(start, start + size);
	return {items: slice, offset: start, above: start, below: Math.max(0, items.length - start - slice.length)};
}

/** Moves a selection and scrolls just enough to keep it visible. */
export function follow(selected: number, offset: number, height: number): number {
	if (selected < offset) return selected;
	if (selected >= offset + height) return selected - height + 1;
	return offset;
}
