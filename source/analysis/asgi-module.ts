// What one Python module says about an ASGI app (FastAPI, Starlette), read from its logical
// lines: the app objects made at module level, the functions that build and return one
// (factories), module-level calls that may be such a factory, and `uvicorn.run(...)` calls.
import type {Evidence} from '../types.js';
import {maskSecrets} from './mask-secrets.js';
import {portInRunArguments} from './python-module.js';
import type {LogicalLine} from './python-lines.js';

export type AsgiModuleFacts = {
	/** `app = FastAPI(...)`, `app: Starlette = Starlette(routes=...)`. */
	apps: Array<{name: string; line: number; detail: string; kind: 'FastAPI' | 'Starlette'}>;
	/** Module-level functions that make a FastAPI/Starlette app and return something. */
	factories: Array<{name: string; line: number; requiredParams: string[]}>;
	/** Module-level `name = function(...)`: an app when `function` is a factory (resolved by asgi-target.ts). */
	calls: Array<{name: string; func: string; line: number; detail: string}>;
	/** `uvicorn.run(...)` calls: what they serve (a `module:attr` string or a name of this module), port, host, reload. */
	runs: Array<{line: number; target: string | null; object: string | null; port: number | null; host: string | null; reload: boolean; factory: boolean}>;
	/** Evidence of Starlette apps (FastAPI's are in ModuleFacts.fastapi). */
	starlette: Evidence[];
};

const identifier = '[A-Za-z_][A-Za-z0-9_]*';
const appAssignment = new RegExp(`^(${identifier})\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*(?:(?:fastapi|starlette|starlette\\.applications)\\.)?(FastAPI|Starlette)\\s*\\(`);
const callAssignment = new RegExp(`^(${identifier})\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*(${identifier})\\s*\\(`);
const functionDef = new RegExp(`^(?:async\\s+)?def\\s+(${identifier})\\s*\\((.*)\\)\\s*(?:->\\s*(.*))?:`);

function stringArgument(args: string): string | null {
	return /^\s*["']([\w.]+:[\w.]+)["']/.exec(args)?.[1] ?? null;
}

function keyword(args: string, name: string): string | null {
	return new RegExp(`\\b${name}\\s*=\\s*([^,)]+)`).exec(args)?.[1]?.trim() ?? null;
}

export function asgiModuleFacts(file: string, lines: LogicalLine[], requiredParameters: (params: string) => string[]): AsgiModuleFacts {
	const facts: AsgiModuleFacts = {apps: [], factories: [], calls: [], runs: [], starlette: []};
	let current: {name: string; line: number; params: string; makesApp: boolean; returns: boolean} | null = null;
	const close = () => {
		if (current?.makesApp && current.returns) {
			facts.factories.push({name: current.name, line: current.line, requiredParams: requiredParameters(current.params)});
		}

		current = null;
	};

	for (const {line, indent, text: code} of lines) {
		const run = /(?:^|[^\w.])uvicorn\.run\s*\((.*)\)/.exec(code);
		if (run) {
			const args = run[1];
			const object = /^\s*([A-Za-z_]\w*)\s*(?:,|$)/.exec(args)?.[1] ?? null;
			const host = keyword(args, 'host')?.replace(/^["']|["']$/g, '') ?? null;
			facts.runs.push({
				line,
				target: stringArgument(args),
				object,
				port: portInRunArguments(args),
				host,
				reload: /\breload\s*=\s*True\b/.test(args),
				factory: /\bfactory\s*=\s*True\b/.test(args),
			});
		}

		if (indent > 0) {
			if (current && /\b(?:FastAPI|Starlette)\s*\(/.test(code)) {
				current.makesApp = true;
			}

			if (current && /^return\s+\S/.test(code)) {
				current.returns = true;
			}

			continue;
		}

		close();
		const definition = functionDef.exec(code);
		if (definition) {
			// `def create_app() -> FastAPI:` says it at once; otherwise the body has to make one.
			current = {name: definition[1], line, params: definition[2], makesApp: /\b(FastAPI|Starlette)\b/.test(definition[3] ?? ''), returns: false};
			continue;
		}

		const app = appAssignment.exec(code);
		if (app) {
			const detail = maskSecrets(code).slice(0, 120);
			facts.apps.push({name: app[1], line, detail, kind: app[2] as 'FastAPI' | 'Starlette'});
			if (app[2] === 'Starlette') {
				facts.starlette.push({file, line, detail});
			}

			continue;
		}

		const call = callAssignment.exec(code);
		if (call) {
			facts.calls.push({name: call[1], func: call[2], line, detail: maskSecrets(code).slice(0, 120)});
		}
	}

	close();
	return facts;
}
