// The full-log viewer's state, pure: which log, where the view is, and the search. The
// viewer component maps keys to these actions; tests drive them without rendering.

export type LogSource = {
	id: string;
	label: string;
	lines: string[];
	/** Lines dropped from the start to keep memory bounded. */
	cutLines: number;
	/** What to say when the log has no line (not built yet, not run). */
	empty: string;
};

export type LogViewState = {
	source: number;
	/** First line on view. */
	offset: number;
	/** The committed search, '' for none. */
	query: string;
	/** The search being typed after `/`, or null. */
	typing: string | null;
	/** The line of the current match, or null. */
	match: number | null;
	/** One line of feedback: `match 2 of 5`, `no match for "x"`. */
	note: string;
};

export type LogViewAction =
	| {type: 'source'; step: number}
	| {type: 'scroll'; lines: number}
	| {type: 'top'}
	| {type: 'bottom'}
	| {type: 'startSearch'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'cancelSearch'}
	| {type: 'commitSearch'}
	| {type: 'nextMatch'; step: 1 | -1};

/** Opens on the last lines: a failure states its cause at the end. */
export function initialLogView(sources: LogSource[], height: number, source = 0): LogViewState {
	return {source, offset: bottomOffset(sources[source], height), query: '', typing: null, match: null, note: ''};
}

/** The lines the viewer shows for a source: a notice first when lines were cut. */
export function shownLines(source: LogSource | undefined): string[] {
	if (!source) return [];
	if (source.lines.length === 0) return [source.empty];
	return source.cutLines > 0 ? [`… ${source.cutLines} earlier line(s) were cut to keep memory bounded; the newest are kept`, ...source.lines] : source.lines;
}

function bottomOffset(source: LogSource | undefined, height: number): number {
	return Math.max(0, shownLines(source).length - Math.max(1, height));
}

function clamp(offset: number, source: LogSource | undefined, height: number): number {
	return Math.min(Math.max(0, offset), bottomOffset(source, height));
}

/** Lines that hold the query, case-insensitively. */
export function matchesOf(lines: string[], query: string): number[] {
	if (query === '') return [];
	const needle = query.toLowerCase();
	return lines.flatMap((line, index) => (line.toLowerCase().includes(needle) ? [index] : []));
}

/** Puts a match on view (a couple of lines of context above it) and says which it is. */
function showMatch(state: LogViewState, source: LogSource | undefined, height: number, from: number, step: 1 | -1): LogViewState {
	const lines = shownLines(source);
	const matches = matchesOf(lines, state.query);
	if (matches.length === 0) return {...state, match: null, note: `no match for "${state.query}"`};
	const next = step === 1 ? matches.find(line => line >= from) ?? matches[0] : [...matches].reverse().find(line => line <= from) ?? matches.at(-1)!;
	const wrapped = step === 1 ? next < from : next > from;
	return {
		...state,
		match: next,
		offset: clamp(next - 2, source, height),
		note: `match ${matches.indexOf(next) + 1} of ${matches.length} for "${state.query}"${wrapped ? ' (wrapped around)' : ''}`,
	};
}

export function logViewReducer(state: LogViewState, action: LogViewAction, sources: LogSource[], height: number): LogViewState {
	const source = sources[state.source];
	switch (action.type) {
		case 'source': {
			const index = (((state.source + action.step) % sources.length) + sources.length) % sources.length;
			return {...initialLogView(sources, height, index), query: state.query};
		}

		case 'scroll': {
			return {...state, offset: clamp(state.offset + action.lines, source, height)};
		}

		case 'top': {
			return {...state, offset: 0};
		}

		case 'bottom': {
			return {...state, offset: bottomOffset(source, height)};
		}

		case 'startSearch': {
			return {...state, typing: ''};
		}

		case 'type': {
			return state.typing === null ? state : {...state, typing: state.typing + action.text};
		}

		case 'erase': {
			return state.typing === null ? state : {...state, typing: state.typing.slice(0, -1)};
		}

		case 'cancelSearch': {
			return {...state, typing: null};
		}

		case 'commitSearch': {
			if (state.typing === null) return state;
			const query = state.typing;
			const typed = {...state, typing: null, query};
			if (query === '') return {...typed, match: null, note: ''};
			return showMatch(typed, source, height, state.offset, 1);
		}

		case 'nextMatch': {
			if (state.query === '') return {...state, note: 'type / to search'};
			const from = state.match === null ? state.offset : state.match + action.step;
			return showMatch(state, source, height, from, action.step);
		}
	}
}
