// Which environment variables the server needs set to start: reads without a default that run
// when gunicorn imports the WSGI target. Follows the project's own imports from the target's
// module (module level, and the bodies of the functions that run at import: the factory the
// target calls, `app = create_app()`), so a script or test that reads the environment is not
// counted.
import type {Evidence} from '../types.js';
import type {ModuleFacts} from './python-module.js';

export type RequiredEnv = {name: string; evidence: Evidence};

/** `pkg.sub.mod` -> [`pkg`, `pkg.sub`, `pkg.sub.mod`]: importing a module runs its packages' __init__ first. */
function withParents(module: string): string[] {
	const parts = module.split('.');
	return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

/** The target's module and the function it calls: `pkg.app:create_app()` -> pkg.app, create_app. */
function parseTarget(target: string): {module: string; factory: string | null} {
	const [module, attribute = ''] = target.split(':');
	const call = /^\s*([A-Za-z_]\w*)\s*\(/.exec(attribute);
	return {module: module.trim(), factory: call ? call[1] : null};
}

/** The variables read without a default when `target` is imported, first read of each, in file order. */
export function requiredEnvironment(modules: ModuleFacts[], target: string | null): RequiredEnv[] {
	if (!target) {
		return [];
	}

	const byName = new Map(modules.map(module => [module.module, module]));
	const {module: targetModule, factory} = parseTarget(target);
	const loaded = new Set<string>();
	const running = new Set<string>(factory ? [factory] : []);
	const pending = withParents(targetModule);
	// Imports and calls inside a function count once that function is known to run: repeat until nothing new.
	let changed = true;
	while (changed) {
		changed = false;
		while (pending.length > 0) {
			const name = pending.shift() as string;
			if (!loaded.has(name) && byName.has(name)) {
				loaded.add(name);
				changed = true;
			}
		}

		for (const name of loaded) {
			const {env} = byName.get(name) as ModuleFacts;
			for (const item of env.imports) {
				if ((item.scope === null || running.has(item.scope)) && !loaded.has(item.module) && byName.has(item.module)) {
					pending.push(...withParents(item.module));
				}
			}

			for (const call of env.calls) {
				if ((call.scope === null || running.has(call.scope)) && !running.has(call.name)) {
					running.add(call.name);
					changed = true;
				}
			}
		}
	}

	const defaulted = new Set([...loaded].flatMap(name => byName.get(name)?.env.defaulted ?? []));
	const found = new Map<string, RequiredEnv>();
	const files = [...loaded].map(name => byName.get(name) as ModuleFacts).sort((a, b) => a.file.localeCompare(b.file));
	for (const module of files) {
		for (const read of module.env.reads) {
			if ((read.scope === null || running.has(read.scope)) && !defaulted.has(read.name) && !found.has(read.name)) {
				found.set(read.name, {name: read.name, evidence: {file: module.file, line: read.line, detail: read.detail}});
			}
		}
	}

	return [...found.values()];
}
