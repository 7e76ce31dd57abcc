// A small Python tokenizer: just enough to split source into logical lines (joining
// bracketed and backslash-continued lines, dropping comments) so that patterns like
// `app = Flask(__name__)` are found at module level and never inside strings or comments.
// It never executes or imports anything. Unbalanced brackets and unterminated strings are
// reported (a likely syntax error) and scanning goes on.

export type LogicalLine = {
	/** 1-based line where the logical line starts. */
	line: number;
	/** Columns of leading whitespace (a tab counts as one). */
	indent: number;
	/** The code, comments removed, continuation lines joined with a space. */
	text: string;
};

export type PythonSyntaxIssue = {line: number; message: string};

export type PythonLines = {lines: LogicalLine[]; issues: PythonSyntaxIssue[]};

const openers: Record<string, string> = {'(': ')', '[': ']', '{': '}'};
const closers = new Set([')', ']', '}']);

export function pythonLines(source: string): PythonLines {
	const lines: LogicalLine[] = [];
	const issues: PythonSyntaxIssue[] = [];
	const stack: {ch: string; line: number}[] = [];
	let text = '';
	let lineNo = 1;
	let start = 1;
	let indent = 0;
	let atLineStart = true;

	const finish = () => {
		const trimmed = text.trim();
		if (trimmed !== '') {
			lines.push({line: start, indent, text: trimmed});
		}

		text = '';
		atLineStart = true;
	};

	for (let i = 0; i < source.length; i++) {
		const ch = source[i];

		if (atLineStart) {
			if (ch === ' ' || ch === '\t' || ch === '\f') {
				indent++;
				continue;
			}

			atLineStart = false;
			start = lineNo;
		}

		if (ch === '#') {
			while (i + 1 < source.length && source[i + 1] !== '\n') {
				i++;
			}

			continue;
		}

		if (ch === '\\' && source[i + 1] === '\n') {
			i++;
			lineNo++;
			text += ' ';
			continue;
		}

		if (ch === '\\' && source[i + 1] === '\r' && source[i + 2] === '\n') {
			i += 2;
			lineNo++;
			text += ' ';
			continue;
		}

		if (ch === '\n') {
			lineNo++;
			if (stack.length > 0) {
				text += ' ';
				continue;
			}

			finish();
			indent = 0;
			continue;
		}

		if (ch === '\r') {
			continue;
		}

		if (ch === '"' || ch === "'") {
			const triple = source.startsWith(ch.repeat(3), i);
			const quote = triple ? ch.repeat(3) : ch;
			// A raw prefix (r'', rb'', Rf'') keeps backslashes literal.
			const raw = /(?:^|\W)[bBfF]?[rR][bBfF]?$/.test(text);
			const openedAt = lineNo;
			let j = i + quote.length;
			let content = '';
			let closed = false;
			while (j < source.length) {
				const c = source[j];
				if (c === '\\' && !raw && j + 1 < source.length) {
					if (source[j + 1] === '\n') {
						lineNo++;
					}

					content += source[j + 1] === '\n' ? ' ' : c + source[j + 1];
					j += 2;
					continue;
				}

				if (source.startsWith(quote, j)) {
					closed = true;
					j += quote.length;
					break;
				}

				if (c === '\n') {
					if (!triple) {
						break;
					}

					lineNo++;
					content += ' ';
					j++;
					continue;
				}

				content += c;
				j++;
			}

			if (!closed) {
				issues.push({line: openedAt, message: triple ? 'unterminated triple-quoted string' : 'unterminated string'});
			}

			text += quote + content + (closed ? quote : '');
			i = j - 1;
			continue;
		}

		if (ch in openers) {
			stack.push({ch, line: lineNo});
		} else if (closers.has(ch)) {
			const top = stack.pop();
			if (!top || openers[top.ch] !== ch) {
				issues.push({line: lineNo, message: top ? `'${ch}' does not match '${top.ch}' opened on line ${top.line}` : `unmatched '${ch}'`});
				stack.length = 0;
			}
		}

		text += ch;
	}

	if (stack.length > 0) {
		issues.push({line: stack[0].line, message: `'${stack[0].ch}' is never closed`});
	}

	finish();
	return {lines, issues};
}
