import type {WsgiCandidate} from '../types.js';
import type {TargetHint} from './hints.js';
import {literalArguments} from './factory-arguments.js';
import type {ModuleFacts} from './python-module.js';

// Conventional entry modules rank first: a wsgi.py exists to be served.
const fileBonus: Record<string, number> = {
	'wsgi.py': 15,
	'app.py': 12,
	'application.py': 10,
	'main.py': 8,
	'__init__.py': 6,
	'run.py': 6,
	'server.py': 6,
	'manage.py': 2,
};

function baseScore(facts: ModuleFacts): number {
	const name = facts.file.slice(facts.file.lastIndexOf('/') + 1);
	const depthPenalty = 2 * (facts.module.split('.').length - 1) + (facts.importRoot === '' ? 0 : 1);
	return (fileBonus[name] ?? 0) - depthPenalty + (facts.runCalls.length > 0 ? 5 : 0);
}

function codeCandidates(modules: ModuleFacts[], projectUsesFlask: boolean): WsgiCandidate[] {
	const candidates: WsgiCandidate[] = [];
	for (const facts of modules) {
		const chdir = facts.importRoot === '' ? {} : {chdir: facts.importRoot};
		const bonus = baseScore(facts);
		for (const instance of facts.instances) {
			if (instance.via === 'factory' && !projectUsesFlask) {
				continue;
			}

			const how = instance.via === 'flask' ? 'a Flask app' : instance.via === 'alias' ? 'an alias of the app' : 'the app made by the factory';
			candidates.push({
				target: `${facts.module}:${instance.name}`,
				kind: 'instance',
				score: 50 + bonus + (facts.flaskImported || instance.via !== 'flask' ? 10 : 0) + (instance.name === 'app' || instance.name === 'application' ? 2 : 0),
				evidence: [{file: facts.file, line: instance.line, detail: `${how}: ${instance.detail}`}],
				...chdir,
			});
		}

		for (const factory of facts.factories) {
			const needsArguments = factory.requiredParams.length > 0;
			candidates.push({
				target: `${facts.module}:${factory.name}()`,
				kind: 'factory',
				score: (needsArguments ? 20 : 45) + bonus,
				evidence: [{
					file: facts.file,
					line: factory.line,
					detail: needsArguments
						? `application factory ${factory.name}() needs arguments (${factory.requiredParams.join(', ')}): pass them in the target`
						: `application factory ${factory.name}()`,
				}],
				...chdir,
			});
		}
	}

	// `from app import app as application` (the classic wsgi.py): a name bound to an app found elsewhere.
	const found = new Map(candidates.map(c => [c.target, c]));
	for (const facts of modules) {
		// Only entry-point modules: views.py doing `from app import app` is not one.
		const name = facts.file.slice(facts.file.lastIndexOf('/') + 1);
		const entryPoint = (name in fileBonus && name !== '__init__.py') || facts.runCalls.length > 0;
		for (const imported of facts.imports) {
			if (!entryPoint && imported.local !== 'application') {
				continue;
			}

			const instance = found.get(`${imported.from}:${imported.name}`);
			const factory = found.get(`${imported.from}:${imported.name}()`);
			if (instance?.kind === 'instance' && !factory) {
				candidates.push({
					target: `${facts.module}:${imported.local}`,
					kind: 'instance',
					score: 60 + baseScore(facts),
					evidence: [{file: facts.file, line: imported.line, detail: `imports the app ${imported.from}:${imported.name}${imported.local === imported.name ? '' : ` as ${imported.local}`}`}],
					...(facts.importRoot === '' ? {} : {chdir: facts.importRoot}),
				});
			}
		}
	}

	return candidates;
}

type HintRef = {file: string | null; module: string | null; name: string | null; call: string | null};

function parseHint(hint: TargetHint): HintRef {
	const colon = hint.target.indexOf(':');
	const modulePart = (colon === -1 ? hint.target : hint.target.slice(0, colon)).trim().replace(/^\.\//, '');
	const attrPart = colon === -1 ? null : hint.target.slice(colon + 1).trim();
	const name = attrPart ? (/^[A-Za-z_]\w*/.exec(attrPart)?.[0] ?? null) : null;
	const call = attrPart?.includes('(') || hint.factory ? (attrPart?.includes('(') ? attrPart : `${name}()`) : null;
	const prefix = hint.chdir ? hint.chdir.replace(/^\.\/|\/$/g, '') + '/' : '';
	if (modulePart.endsWith('.py') || modulePart.includes('/')) {
		return {file: prefix + modulePart.replace(/\/$/, ''), module: null, name, call};
	}

	return {file: null, module: modulePart, name, call};
}

function hintMatches(ref: HintRef, facts: ModuleFacts): boolean {
	if (ref.file !== null) {
		const file = ref.file.replace(/\.py$/, '');
		return facts.file === file + '.py' || facts.file === file + '/__init__.py';
	}

	return facts.module === ref.module;
}

/** Flask's own lookup when FLASK_APP names only a module: `app`, `application`, then a factory. */
function defaultAttribute(facts: ModuleFacts): string | null {
	const names = facts.instances.map(i => i.name);
	for (const preferred of ['app', 'application']) {
		if (names.includes(preferred)) {
			return `${facts.module}:${preferred}`;
		}
	}

	if (names.length === 1) {
		return `${facts.module}:${names[0]}`;
	}

	const factory = facts.factories.find(f => f.name === 'create_app' || f.name === 'make_app');
	return factory ? `${facts.module}:${factory.name}()` : null;
}

/** All WSGI targets found in the code and in the project's own hints, best first. */
export function rankWsgiCandidates(modules: ModuleFacts[], hints: TargetHint[]): WsgiCandidate[] {
	const projectUsesFlask = modules.some(m => m.flaskImported || m.instances.some(i => i.via === 'flask'));
	const candidates = codeCandidates(modules, projectUsesFlask);
	const byTarget = new Map<string, WsgiCandidate>();
	for (const candidate of candidates) {
		const existing = byTarget.get(candidate.target);
		if (!existing || existing.score < candidate.score) {
			byTarget.set(candidate.target, candidate);
		}
	}

	for (const hint of hints) {
		const ref = parseHint(hint);
		let matched = false;
		for (const facts of modules.filter(m => hintMatches(ref, m))) {
			const target = ref.name === null ? defaultAttribute(facts) : ref.call === null ? `${facts.module}:${ref.name}` : `${facts.module}:${ref.name}()`;
			const candidate = target ? byTarget.get(target) : undefined;
			if (candidate) {
				candidate.score += hint.weight;
				candidate.evidence.push(hint.evidence);
				// The project's own command starts the server in that folder: the app may read files relative to it.
				if (hint.chdir && !candidate.workdir) {
					candidate.workdir = hint.chdir.replace(/^\.\/|\/$/g, '');
				}

				matched = true;
			}
		}

		if (!matched && !hint.confirmOnly) {
			// The project names an app the code scan did not find (generated, dynamic, or stale): offer it, ranked below found ones.
			const module = ref.module ?? (ref.file ?? '').replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/\//g, '.');
			if (module === '' || !/^[\w.]+$/.test(module)) {
				continue;
			}

			const target = `${module}:${ref.call ?? ref.name ?? 'app'}`;
			const existing = byTarget.get(target);
			if (existing) {
				existing.score += Math.round(hint.weight / 3);
				existing.evidence.push(hint.evidence);
			} else {
				byTarget.set(target, {
					target,
					kind: 'hint',
					score: 20 + Math.round(hint.weight / 3),
					evidence: [hint.evidence],
					...(hint.chdir ? {chdir: hint.chdir, workdir: hint.chdir.replace(/^\.\/|\/$/g, '')} : {}),
				});
			}
		}
	}

	const ranked = [...byTarget.values()].map(candidate => withFactoryArguments(candidate, modules));
	return ranked.sort((a, b) => b.score - a.score || (a.target < b.target ? -1 : 1));
}

/**
 * `module:factory()` for a factory with required parameters: passes the literals the project
 * itself calls it with (a wsgi.py or manage.py call first), or marks what it needs.
 */
function withFactoryArguments(candidate: WsgiCandidate, modules: ModuleFacts[]): WsgiCandidate {
	const match = /^([\w.]+):(\w+)\(\)$/.exec(candidate.target);
	const facts = match ? modules.find(m => m.module === match[1] && (candidate.chdir ?? '') === m.importRoot) ?? modules.find(m => m.module === match?.[1]) : undefined;
	const factory = match ? facts?.factories.find(f => f.name === match[2]) : undefined;
	if (!match || !facts || !factory || factory.requiredParams.length === 0) {
		return candidate;
	}

	const positional = factory.requiredParams.filter(param => !param.endsWith('(keyword)')).length;
	const entryFirst = [...modules].sort((a, b) => entryRank(a) - entryRank(b));
	for (const module of entryFirst) {
		for (const call of module.factoryCalls.filter(c => c.name === factory.name)) {
			const args = literalArguments(call.args, positional);
			if (args !== null && args !== '') {
				return {
					...candidate,
					target: `${facts.module}:${factory.name}(${args})`,
					// As good as a factory that needs nothing: gunicorn passes the project's own values.
					score: candidate.score + 25,
					evidence: [...candidate.evidence, {file: module.file, line: call.line, detail: `the project calls ${factory.name}(${args}): the target passes the same (${factory.name} needs ${factory.requiredParams.join(', ')})`}],
				};
			}
		}
	}

	return {...candidate, needsArguments: factory.requiredParams};
}

/** Where a factory call most likely says how the app is served: wsgi.py, then the other entry modules. */
function entryRank(facts: ModuleFacts): number {
	const name = facts.file.slice(facts.file.lastIndexOf('/') + 1);
	return name === 'wsgi.py' ? 0 : name in fileBonus ? 1 : 2;
}
