// An application factory with required parameters (`def create_app(config_name):`) cannot be
// served as `module:create_app()`: gunicorn calls it with no arguments and the worker dies with
// TypeError. gunicorn (20.1+) accepts literal arguments in the target, so when the project itself
// calls the factory with values that reduce to literals, the target can pass the same ones.

/** One call of a factory seen anywhere in a module, `create_app("production")`, with its argument text. */
export type FactoryCall = {name: string; line: number; args: string};

const stringLiteral = /^(?:[rRbBuU]?)(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')$/;
const plainLiteral = /^(?:-?\d+(?:\.\d+)?|True|False|None)$/;
const envDefault = /^(?:os\.)?(?:getenv|environ\.get)\s*\(\s*(?:"[^"]*"|'[^']*')\s*,\s*(.+)\)$/;

function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quote: string | null = null;
	let current = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quote) {
			if (ch === '\\') {
				current += ch + (text[i + 1] ?? '');
				i++;
				continue;
			}

			if (ch === quote) quote = null;
		} else if (ch === '"' || ch === '\'') {
			quote = ch;
		} else if ('([{'.includes(ch)) {
			depth++;
		} else if (')]}'.includes(ch)) {
			depth--;
		} else if (ch === ',' && depth === 0) {
			parts.push(current.trim());
			current = '';
			continue;
		}

		current += ch;
	}

	if (current.trim() !== '') parts.push(current.trim());
	return parts;
}

/** A value that reduces to a literal: the literal itself, `x or "default"`, `os.getenv("X", "default")`. */
function literalOf(expression: string): string | null {
	const value = expression.trim();
	if (stringLiteral.test(value) || plainLiteral.test(value)) {
		return /^[bB]/.test(value) ? null : value;
	}

	const env = envDefault.exec(value);
	if (env) {
		return literalOf(env[1]);
	}

	const alternatives = value.split(/\s+or\s+/);
	return alternatives.length > 1 ? literalOf(alternatives.at(-1) ?? '') : null;
}

/**
 * The call's arguments as gunicorn can pass them (`"production"`, `config_name="default"`), or
 * null when one of them is not a literal or fewer are given than the factory requires.
 */
export function literalArguments(args: string, required: number): string | null {
	const parts = splitTopLevel(args);
	if (parts.length < required || parts.some(part => part.startsWith('*'))) {
		return null;
	}

	const literals: string[] = [];
	for (const part of parts) {
		const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$/.exec(part);
		const literal = literalOf(keyword ? keyword[2] : part);
		if (literal === null) {
			return null;
		}

		literals.push(keyword ? `${keyword[1]}=${literal}` : literal);
	}

	return literals.join(', ');
}

/** Calls of `names` on one logical line: the text between the call's parentheses (balanced). */
export function factoryCallsIn(code: string, line: number, names: RegExp): FactoryCall[] {
	if (/^(?:async\s+)?def\s/.test(code)) {
		return [];
	}

	const calls: FactoryCall[] = [];
	for (const match of code.matchAll(/(?:^|[^\w.]|\.)([A-Za-z_]\w*)\s*\(/g)) {
		const name = match[1];
		if (!names.test(name)) {
			continue;
		}

		const start = (match.index ?? 0) + match[0].length;
		let depth = 1;
		let end = start;
		let quote: string | null = null;
		for (; end < code.length && depth > 0; end++) {
			const ch = code[end];
			if (quote) {
				if (ch === '\\') end++;
				else if (ch === quote) quote = null;
			} else if (ch === '"' || ch === '\'') {
				quote = ch;
			} else if (ch === '(') {
				depth++;
			} else if (ch === ')') {
				depth--;
			}
		}

		if (depth === 0) {
			calls.push({name, line, args: code.slice(start, end - 1)});
		}
	}

	return calls;
}
