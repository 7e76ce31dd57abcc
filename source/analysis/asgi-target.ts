// The ASGI target (`main:app`, `app.main:app`, `service.api:create_app()`) and the ASGI server
// a FastAPI/Starlette project uses, from its code and from the commands it already runs.
import type {AsgiServerFacts, Evidence, PythonPackage, WsgiCandidate} from '../types.js';
import type {PortHint, ServerCommand, TargetHint} from './hints.js';
import type {ModuleFacts} from './python-module.js';

// Conventional entry modules rank first: `uvicorn main:app` is what the FastAPI docs teach.
const fileBonus: Record<string, number> = {
	'main.py': 15,
	'asgi.py': 14,
	'app.py': 12,
	'application.py': 10,
	'server.py': 8,
	'api.py': 8,
	'__init__.py': 6,
	'run.py': 4,
};

function baseName(file: string): string {
	return file.slice(file.lastIndexOf('/') + 1);
}

function baseScore(facts: ModuleFacts): number {
	const depthPenalty = 2 * (facts.module.split('.').length - 1) + (facts.importRoot === '' ? 0 : 1);
	return (fileBonus[baseName(facts.file)] ?? 0) - depthPenalty + (facts.asgi.runs.length > 0 ? 3 : 0);
}

function withRoot(facts: ModuleFacts): {chdir?: string} {
	return facts.importRoot === '' ? {} : {chdir: facts.importRoot};
}

/** A factory a module-level call names: defined in the same module, or imported from one that defines it. */
function factoryFor(facts: ModuleFacts, func: string, modules: ModuleFacts[]): {file: string; name: string} | null {
	if (facts.asgi.factories.some(factory => factory.name === func)) {
		return {file: facts.file, name: func};
	}

	const imported = facts.imports.find(item => item.local === func);
	const source = imported ? modules.find(m => m.module === imported.from) : undefined;
	return source?.asgi.factories.some(factory => factory.name === imported?.name) ? {file: source.file, name: func} : null;
}

function codeCandidates(modules: ModuleFacts[]): WsgiCandidate[] {
	const candidates: WsgiCandidate[] = [];
	for (const facts of modules) {
		const bonus = baseScore(facts);
		for (const app of facts.asgi.apps) {
			candidates.push({
				target: `${facts.module}:${app.name}`,
				kind: 'instance',
				score: 50 + bonus + (app.name === 'app' ? 2 : 0),
				evidence: [{file: facts.file, line: app.line, detail: `a ${app.kind} app: ${app.detail}`}],
				...withRoot(facts),
			});
		}

		for (const call of facts.asgi.calls) {
			const factory = factoryFor(facts, call.func, modules);
			if (factory) {
				candidates.push({
					target: `${facts.module}:${call.name}`,
					kind: 'instance',
					// The app the project itself makes at import ranks above the factory that makes it.
					score: 55 + bonus,
					evidence: [{file: facts.file, line: call.line, detail: `the app made by the factory ${call.func}(): ${call.detail}`}],
					...withRoot(facts),
				});
			}
		}

		for (const factory of facts.asgi.factories) {
			const needsArguments = factory.requiredParams.length > 0;
			candidates.push({
				target: `${facts.module}:${factory.name}()`,
				kind: 'factory',
				score: (needsArguments ? 20 : 45) + bonus,
				evidence: [{file: facts.file, line: factory.line, detail: needsArguments ? `application factory ${factory.name}() needs arguments (${factory.requiredParams.join(', ')})` : `application factory ${factory.name}()`}],
				...withRoot(facts),
				...(needsArguments ? {needsArguments: factory.requiredParams} : {}),
			});
		}
	}

	// `from app.main import app` in a root main.py (so that `uvicorn main:app` works): the same app under another name.
	const found = new Map(candidates.map(candidate => [candidate.target, candidate]));
	for (const facts of modules) {
		if (!(baseName(facts.file) in fileBonus) || baseName(facts.file) === '__init__.py') {
			continue;
		}

		for (const imported of facts.imports) {
			const instance = found.get(`${imported.from}:${imported.name}`);
			if (instance?.kind === 'instance' && !found.has(`${facts.module}:${imported.local}`)) {
				candidates.push({
					target: `${facts.module}:${imported.local}`,
					kind: 'instance',
					score: 40 + baseScore(facts),
					evidence: [{file: facts.file, line: imported.line, detail: `imports the app ${imported.from}:${imported.name}${imported.local === imported.name ? '' : ` as ${imported.local}`}`}],
					...withRoot(facts),
				});
			}
		}
	}

	return candidates;
}

/** `uvicorn.run("main:app")` and `uvicorn.run(app)` in the code: what the project runs when started by hand. */
function runHints(modules: ModuleFacts[]): TargetHint[] {
	return modules.flatMap(facts => facts.asgi.runs.flatMap((run): TargetHint[] => {
		const target = run.target ?? (run.object ? `${facts.module}:${run.object}` : null);
		if (!target) {
			return [];
		}

		return [{target, factory: run.factory, chdir: run.target ? null : (facts.importRoot || null), weight: 25, evidence: {file: facts.file, line: run.line, detail: `uvicorn.run(${run.target ? JSON.stringify(run.target) : run.object}${run.factory ? ', factory=True' : ''})`}}];
	}));
}

/** `main:app`, `app/main.py:app`, `src.api:make` (with --factory) as a module, a name and whether it is called. */
function parseHint(hint: TargetHint): {module: string; file: string | null; name: string; call: boolean} | null {
	const [modulePart, attrPart = 'app'] = hint.target.split(':');
	const name = /^[A-Za-z_]\w*/.exec(attrPart)?.[0];
	if (!name || modulePart === '') {
		return null;
	}

	const call = hint.factory || attrPart.includes('(');
	if (modulePart.endsWith('.py') || modulePart.includes('/')) {
		const file = modulePart.replace(/^\.\//, '');
		return {module: file.replace(/\.py$/, '').replace(/\/__init__$/, '').replaceAll('/', '.'), file, name, call};
	}

	return /^[\w.]+$/.test(modulePart) ? {module: modulePart, file: null, name, call} : null;
}

/** Every ASGI target found in the code and in the project's commands, best first. */
export function rankAsgiCandidates(modules: ModuleFacts[], hints: TargetHint[]): WsgiCandidate[] {
	const byTarget = new Map<string, WsgiCandidate>();
	for (const candidate of codeCandidates(modules)) {
		const existing = byTarget.get(candidate.target);
		if (!existing || existing.score < candidate.score) {
			byTarget.set(candidate.target, candidate);
		}
	}

	for (const hint of [...hints, ...runHints(modules)]) {
		const ref = parseHint(hint);
		if (!ref) {
			continue;
		}

		const target = `${ref.module}:${ref.name}${ref.call ? '()' : ''}`;
		const matches = modules.filter(facts => (ref.file ? facts.file === ref.file || facts.file.endsWith(`/${ref.file}`) : facts.module === ref.module));
		const candidate = matches.map(facts => byTarget.get(`${facts.module}:${ref.name}${ref.call ? '()' : ''}`)).find(Boolean);
		if (candidate) {
			candidate.score += hint.weight;
			candidate.evidence.push(hint.evidence);
			continue;
		}

		// `uvicorn app.main:app` where app/ has no __init__.py (a namespace package): the code scan named it
		// `main` from app/; the project's own spelling imports from the root, as the command does.
		const namespaced = ref.file ? undefined : modules.find(facts => facts.file === `${ref.module.replaceAll('.', '/')}.py` && facts.module !== ref.module);
		const found = namespaced ? byTarget.get(`${namespaced.module}:${ref.name}${ref.call ? '()' : ''}`) : undefined;
		if (found && !byTarget.has(target)) {
			byTarget.set(target, {target, kind: found.kind, score: found.score + hint.weight, evidence: [...found.evidence, hint.evidence]});
			continue;
		}

		const existing = byTarget.get(target);
		if (existing) {
			existing.score += Math.round(hint.weight / 3);
			existing.evidence.push(hint.evidence);
		} else {
			byTarget.set(target, {target, kind: 'hint', score: 20 + Math.round(hint.weight / 3), evidence: [hint.evidence], ...(hint.chdir ? {chdir: hint.chdir.replace(/^\.\/|\/$/g, '')} : {})});
		}
	}

	return [...byTarget.values()].sort((a, b) => b.score - a.score || (a.target < b.target ? -1 : 1));
}

function dependency(packages: PythonPackage[], name: string): PythonPackage | undefined {
	return packages.find(item => item.name === name);
}

function dependencyEvidence(item: PythonPackage, detail: string): Evidence {
	return {file: item.file, ...(item.line ? {line: item.line} : {}), detail};
}

/**
 * The ASGI server: the one the project's own command runs (gunicorn counts when it is told
 * to use uvicorn workers, or names no worker class), else the one its dependencies list.
 */
export function asgiServerFacts(packages: PythonPackage[], commands: ServerCommand[]): AsgiServerFacts {
	const command = commands.find(item => item.facts.server !== 'gunicorn' || !item.facts.asgi?.workerClass || /uvicorn/i.test(item.facts.asgi.workerClass));
	if (command) {
		const server = command.facts.server === 'hypercorn' ? 'hypercorn' : command.facts.server === 'gunicorn' ? 'gunicorn' : 'uvicorn';
		return {server, evidence: [command.evidence], workers: command.facts.asgi?.workers ?? null, reload: command.facts.asgi?.reload ?? false};
	}

	const gunicorn = dependency(packages, 'gunicorn');
	const uvicorn = dependency(packages, 'uvicorn') ?? dependency(packages, 'uvicorn-worker');
	const hypercorn = dependency(packages, 'hypercorn');
	// fastapi[standard] and fastapi[all] install uvicorn.
	const bundled = packages.find(item => item.name === 'fastapi' && item.extras.some(extra => extra === 'standard' || extra === 'all'));
	if (gunicorn && (uvicorn ?? bundled)) {
		return {server: 'gunicorn', evidence: [dependencyEvidence(gunicorn, 'gunicorn is a dependency'), dependencyEvidence(uvicorn ?? bundled!, `${(uvicorn ?? bundled)!.name} is a dependency (its workers serve ASGI under gunicorn)`)], workers: null, reload: false};
	}

	for (const [item, server] of [[uvicorn ?? bundled, 'uvicorn'], [hypercorn, 'hypercorn'], [gunicorn, 'gunicorn']] as const) {
		if (item) {
			return {server, evidence: [dependencyEvidence(item, `${item.name}${item.extras.length > 0 ? `[${item.extras.join(',')}]` : ''} is a dependency`)], workers: null, reload: false};
		}
	}

	return {server: null, evidence: [], workers: null, reload: false};
}

/** Ports the code passes to `uvicorn.run(port=...)`. */
export function asgiRunPorts(modules: ModuleFacts[]): PortHint[] {
	return modules.flatMap(facts => facts.asgi.runs.filter(run => run.port !== null).map(run => ({port: run.port as number, weight: 2, evidence: {file: facts.file, line: run.line, detail: `uvicorn.run(port=${run.port})`}})));
}
