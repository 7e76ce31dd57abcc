// Environment variables a module reads without a default: `os.environ["DBUSER"]` raises
// KeyError when the variable is unset. Only reads that run when the module is imported can
// stop the server from starting: module-level code, class bodies, and the bodies of top-level
// functions (an app factory runs at import when gunicorn calls `module:create_app()`).
// Reads inside `try:` blocks and `if __name__ == "__main__":` are left out: they are guarded or
// never run under gunicorn. `os.environ.get("X")` and `os.getenv("X")` have a default (None).
import type {LogicalLine} from './python-lines.js';

export type EnvRead = {
	name: string;
	line: number;
	detail: string;
	/** null at import; else the top-level function whose body reads it. */
	scope: string | null;
};

export type EnvScan = {
	reads: EnvRead[];
	/** Modules imported (absolute names), from module level (scope null) or a top-level function's body. */
	imports: Array<{module: string; scope: string | null}>;
	/** Names called, e.g. `create_app` in `app = create_app()`: the functions that run at import. */
	calls: Array<{name: string; scope: string | null}>;
	/** Names a variable is given a value for before it is read (`os.environ.setdefault("X", ...)`). */
	defaulted: string[];
};

type Block = {indent: number; kind: 'def' | 'guarded' | 'other'; name: string};

const blockOpener = /^(?:async\s+)?(def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b.*:$/;
const defName = /^(?:async\s+)?def\s+(\w+)/;
const mainGuard = /^if\s+__name__\s*==\s*["']__main__["']\s*:$/;
// `os.environ["X"]`, and `environ["X"]` after `from os import environ`; not an assignment to it.
const environRead = /(?<![\w.])(os\.environ|environ)\s*\[\s*(["'])([A-Za-z_][A-Za-z0-9_]*)\2\s*\](?!\s*=[^=])/g;
const environSetDefault = /(?:os\.)?environ\.setdefault\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g;
const membershipTest = /["']([A-Za-z_][A-Za-z0-9_]*)["']\s+in\s+(?:os\.)?environ\b/g;
const importLine = /^import\s+(.+)$/;
const fromImportLine = /^from\s+(\.*)([\w.]*)\s+import\s+\(?([^)]*)\)?$/;
const called = /(?<![\w.])([A-Za-z_]\w*)\s*\(/g;
// Modules named by a string and imported when the line runs: Flask's `app.config.from_object("pkg.settings")`,
// `importlib.import_module("pkg.settings")`. A settings module that reads os.environ["X"] is common.
const importedByName = /\b(?:from_object|import_module)\s*\(\s*(["'])([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\1\s*\)/g;

/** `from ..x import y` inside `pkg.sub.mod` -> `pkg.x`; null when it climbs above the top package. */
export function absoluteModule(current: string, isPackage: boolean, dots: number, name: string): string | null {
	if (dots === 0) {
		return name;
	}

	const base = isPackage ? current.split('.') : current.split('.').slice(0, -1);
	const up = dots - 1;
	if (up > base.length) {
		return null;
	}

	return [...base.slice(0, base.length - up), name].filter(Boolean).join('.') || null;
}

/** Reads one module's logical lines; `module` is its dotted name, `isPackage` whether it is an `__init__.py`. */
export function envReads(lines: LogicalLine[], module: string, isPackage: boolean): EnvScan {
	const scan: EnvScan = {reads: [], imports: [], calls: [], defaulted: []};
	const blocks: Block[] = [];
	const environImported = lines.some(({text}) => /^from\s+os\s+import\s+.*\benviron\b/.test(text));
	for (const {line, indent, text} of lines) {
		while (blocks.length > 0 && blocks[blocks.length - 1].indent >= indent) {
			blocks.pop();
		}

		const defs = blocks.filter(block => block.kind === 'def');
		// Nested functions (a route inside the factory, a method) run later, if ever.
		const runs = !blocks.some(block => block.kind === 'guarded') && (defs.length === 0 || (defs.length === 1 && blocks[0] === defs[0] && defs[0].indent === 0));
		const scope = defs.length === 1 ? defs[0].name : null;
		const opener = blockOpener.exec(text);
		if (opener) {
			const kind = opener[1] === 'def' ? 'def' : opener[1] === 'try' || mainGuard.test(text) ? 'guarded' : 'other';
			blocks.push({indent, kind, name: kind === 'def' ? defName.exec(text)?.[1] ?? '' : ''});
			if (kind === 'def') {
				// A default argument's value runs at import, but reading the environment there is rare: skip the line.
				continue;
			}
		}

		for (const match of text.matchAll(environSetDefault)) {
			scan.defaulted.push(match[1]);
		}

		for (const match of text.matchAll(membershipTest)) {
			scan.defaulted.push(match[1]);
		}

		if (!runs || /^[rbuf]*["']/i.test(text)) {
			// A docstring or a bare string mentions os.environ["X"]; it reads nothing.
			continue;
		}

		for (const match of text.matchAll(environRead)) {
			if (match[1] === 'environ' && !environImported) {
				continue;
			}

			scan.reads.push({name: match[3], line, detail: text.slice(0, 120), scope});
		}

		const plain = importLine.exec(text);
		if (plain) {
			for (const part of plain[1].split(',')) {
				const name = /^\s*([\w.]+)/.exec(part)?.[1];
				if (name) {
					scan.imports.push({module: name, scope});
				}
			}

			continue;
		}

		const from = fromImportLine.exec(text);
		if (from) {
			const source = absoluteModule(module, isPackage, from[1].length, from[2]);
			if (source) {
				scan.imports.push({module: source, scope});
				// `from pkg import views` imports the submodule pkg.views when there is one.
				for (const part of from[3].split(',')) {
					const name = /^\s*(\w+)/.exec(part)?.[1];
					if (name) {
						scan.imports.push({module: `${source}.${name}`, scope});
					}
				}
			}

			continue;
		}

		for (const match of text.matchAll(importedByName)) {
			scan.imports.push({module: match[2], scope});
		}

		for (const match of text.matchAll(called)) {
			scan.calls.push({name: match[1], scope});
		}
	}

	return scan;
}
