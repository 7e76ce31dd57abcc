// A file's path as one .dockerignore line that matches it and stays one inert line, by
// Docker's reading of the file (moby's ignorefile + Go's filepath.Match): a line starting
// with `#` is a comment, a leading `!` makes an exception, spaces at either end are trimmed,
// `* ? [ ] \` are pattern characters and a backslash escapes the next one; Docker turns a
// pattern into a regular expression escaping only `.` and `$`, so `( ) { } + | ^` act as
// regular-expression syntax there and are escaped too. A name from the
// project (`!important`, `#notes`, `a*b`, a name with a line break) must never become a
// comment, an exception or a second line.

const patternCharacters = /[*?[\]\\(){}+|^]/g;
// A line break or any other control character cannot sit in a line as itself.
// eslint-disable-next-line no-control-regex
const unwritable = /[\u0000-\u001F\u007F]/g;
// eslint-disable-next-line no-control-regex
const hasUnwritable = /[\u0000-\u001F\u007F]/;

/**
 * The .dockerignore line for one path, or null when no line can name it exactly.
 * `exact`: the line must match this path alone (an exception `!path` that would bring back
 * more than the one file is refused). Otherwise characters no line can hold (a line break,
 * spaces at the ends) become `?`, which matches them and a little more: fine for an exclusion.
 */
export function literalPattern(relPath: string, options: {exact?: boolean} = {}): string | null {
	const path = relPath.replace(/\/+$/, '');
	if (path === '') return null;
	let line = path.replace(patternCharacters, character => `\\${character}`);
	if (hasUnwritable.test(line) || /^\s|\s$/.test(line)) {
		if (options.exact) return null;
		line = line.replace(unwritable, '?').replace(/^\s+/, spaces => '?'.repeat(spaces.length)).replace(/\s+$/, spaces => '?'.repeat(spaces.length));
	}

	// A leading `#` or `!` would make a comment or an exception: escaped, they are literal.
	return /^[#!]/.test(line) ? `\\${line}` : line;
}
