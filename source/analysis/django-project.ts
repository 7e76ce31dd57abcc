// A Django project read from its own files: manage.py, the DJANGO_SETTINGS_MODULE its
// manage.py/wsgi.py/Dockerfile set, the settings module (split settings packages followed
// through their `from .base import *`), WSGI_APPLICATION/ASGI_APPLICATION, STATIC_ROOT,
// whitenoise, channels, the variables the settings cannot load without, and the apps that
// have migrations. Nothing is imported or run: settings are read as text, top level only.
import path from 'node:path/posix';
import type {DjangoFacts, Evidence, PythonPackage, WsgiCandidate} from '../types.js';
import {maskSecrets} from './mask-secrets.js';

export type DjangoInput = {
	/** The project's Python files (relative POSIX paths). */
	pythonFiles: string[];
	read(file: string): Promise<string | null>;
	/** The existing Dockerfile's ENV pairs and its start command. */
	dockerfileEnv: Array<{name: string; value: string; line: number}>;
	dockerfileCommand: string | null;
	packages: PythonPackage[];
	/** App folders holding numbered migrations (`polls/migrations`). */
	migrationFolders: string[];
};

export type DjangoProject = {
	facts: DjangoFacts;
	wsgiTarget: string | null;
	/** The ASGI target, when ASGI is how the app is served (channels, or the project's own command). */
	asgiTarget: string | null;
	candidates: WsgiCandidate[];
	/** Where each variable in facts.buildEnv is read. */
	requiredReads: Array<{name: string; evidence: Evidence}>;
};

type Statement = {code: string; line: number; indent: number};

/** Top-level statements with bracketed continuations joined and comments dropped (quotes respected). */
export function pythonStatements(text: string): Statement[] {
	const statements: Statement[] = [];
	let current: Statement | null = null;
	let depth = 0;
	const lines = text.split(/\r?\n/);
	for (const [index, raw] of lines.entries()) {
		let code = '';
		let quote: string | null = null;
		for (let i = 0; i < raw.length; i++) {
			const char = raw[i];
			if (quote) {
				if (char === '\\') {
					code += char + (raw[i + 1] ?? '');
					i++;
					continue;
				}

				if (char === quote) quote = null;
			} else if (char === '"' || char === "'") {
				quote = char;
			} else if (char === '#') {
				break;
			} else if ('([{'.includes(char)) {
				depth++;
			} else if (')]}'.includes(char)) {
				depth = Math.max(0, depth - 1);
			}

			code += char;
		}

		if (current) {
			current.code += ' ' + code.trim();
		} else if (code.trim() !== '') {
			current = {code: code.trim(), line: index + 1, indent: /^\s*/.exec(raw)?.[0].length ?? 0};
		}

		if (current && depth === 0 && !code.trimEnd().endsWith('\\')) {
			statements.push(current);
			current = null;
		}
	}

	if (current) statements.push(current);
	return statements;
}

const settingsDefault = /(?:os\.environ\.setdefault\(\s*|os\.environ\[\s*)["']DJANGO_SETTINGS_MODULE["']\s*(?:,|\]\s*=)\s*["']([\w.]+)["']/;

function literal(value: string): string | null {
	return /^\s*(?:str\()?\s*["']([^"']*)["']/.exec(value)?.[1] ?? null;
}

/** `mysite.wsgi.application` -> `mysite.wsgi:application`. */
function toTarget(dotted: string): string {
	const at = dotted.lastIndexOf('.');
	return at > 0 ? `${dotted.slice(0, at)}:${dotted.slice(at + 1)}` : dotted;
}

/** The file a dotted module is in, imported from `base`: `a/b.py` or `a/b/__init__.py`. */
function moduleFile(files: Set<string>, base: string, dotted: string): string | null {
	const relative = dotted.replaceAll('.', '/');
	for (const candidate of [`${relative}.py`, `${relative}/__init__.py`]) {
		const file = base ? path.join(base, candidate) : candidate;
		if (files.has(file)) return file;
	}

	return null;
}

/** What a settings value reads from the environment, and whether it has a default. */
export function environmentReads(value: string): Array<{name: string; required: boolean}> {
	const reads: Array<{name: string; required: boolean}> = [];
	for (const match of value.matchAll(/os\.environ\s*\[\s*["'](\w+)["']\s*\]/g)) reads.push({name: match[1], required: true});
	for (const match of value.matchAll(/os\.(?:environ\.get|getenv)\s*\(\s*["'](\w+)["']\s*(,)?/g)) reads.push({name: match[1], required: false});
	// django-environ's env("X") / env.str("X") and python-decouple's config("X"): ImproperlyConfigured / UndefinedValueError without a default.
	for (const match of value.matchAll(/(?<![\w.])(?:env|config)(?:\.(\w+))?\s*\(\s*["'](\w+)["']([^)]*)\)/g)) {
		if (match[1] === 'db' || match[1] === 'db_url' || match[1] === 'cache' || match[1] === 'cache_url') continue;
		// env.bool("X", False) and config("X", "d"): a second positional argument is the default (plain env()'s is a cast).
		const positionalDefault = (match[1] !== undefined || value.slice(match.index).startsWith('config')) && /^\s*,\s*[^\s=]+(\s*[,)]|\s*$)/.test(match[3]);
		reads.push({name: match[2], required: !/default\s*=/.test(match[3]) && !positionalDefault});
	}

	for (const match of value.matchAll(/(?<![\w.])env\.(db|db_url|cache|cache_url)\s*\(\s*(?:["'](\w+)["'])?([^)]*)\)/g)) {
		reads.push({name: match[2] ?? (match[1].startsWith('db') ? 'DATABASE_URL' : 'CACHE_URL'), required: !/default\s*=/.test(match[3])});
	}

	return reads;
}

type SettingsState = {
	values: Map<string, {value: string; file: string; line: number}>;
	whitenoise: Evidence | null;
	channels: Evidence | null;
	required: Map<string, Evidence>;
	files: string[];
	/** Every value ALLOWED_HOSTS is given, at any indent. */
	allowedHosts: string[];
};

async function readSettings(input: DjangoInput, files: Set<string>, base: string, dotted: string, state: SettingsState, depth = 0): Promise<void> {
	const file = moduleFile(files, base, dotted);
	if (!file || state.files.includes(file) || depth > 6) return;
	const text = await input.read(file);
	if (text === null) return;
	state.files.push(file);
	const isPackage = file.endsWith('__init__.py');
	for (const statement of pythonStatements(text)) {
		// ALLOWED_HOSTS set under an `if` (one list on a platform, another elsewhere): every branch counts for the probe.
		const hosts = /^ALLOWED_HOSTS\s*=\s*(.*)$/.exec(statement.code);
		if (hosts) state.allowedHosts.push(hosts[1]);
		if (statement.indent > 0) continue;
		const star = /^from\s+(\.*)([\w.]*)\s+import\s+\*/.exec(statement.code);
		if (star) {
			// `from .base import *` inside config/settings/production.py: config.settings.base.
			const parts = dotted.split('.');
			const parent = star[1] === '' ? [] : parts.slice(0, parts.length - (star[1].length - (isPackage ? 1 : 0)));
			const imported = star[1] === '' ? star[2] : [...parent, ...(star[2] ? [star[2]] : [])].join('.');
			await readSettings(input, files, base, imported, state, depth + 1);
			continue;
		}

		const assignment = /^([A-Z][A-Z0-9_]*)\s*(\+?=)\s*([^=].*)$/.exec(statement.code);
		const name = assignment?.[1] ?? /^([A-Z][A-Z0-9_]*)\.(?:insert|append|extend)\(/.exec(statement.code)?.[1];
		if (!name) continue;
		const value = assignment?.[3] ?? statement.code;
		const evidence: Evidence = {file, line: statement.line, detail: maskSecrets(statement.code).slice(0, 120)};
		if (assignment?.[2] === '=') state.values.set(name, {value, file, line: statement.line});
		if (name === 'MIDDLEWARE') {
			const has = /["']whitenoise\.middleware\.WhiteNoiseMiddleware["']/.test(value);
			if (has) state.whitenoise = evidence;
			else if (assignment?.[2] === '=') state.whitenoise = null;
		}

		if (/_APPS$/.test(name) && /["'](channels|daphne)["']/.test(value)) state.channels = evidence;
		for (const read of environmentReads(value)) {
			// A SECRET_KEY left empty stops Django at start (ImproperlyConfigured) even when the read has a default of None.
			const secretWithoutValue = name === 'SECRET_KEY' && /(?:environ\.get|getenv)\(\s*["']\w+["']\s*\)/.test(value);
			if ((read.required || secretWithoutValue) && !state.required.has(read.name)) state.required.set(read.name, evidence);
		}
	}

	// The module's own file last: what it imports with * comes before it.
	state.files.splice(state.files.indexOf(file), 1);
	state.files.push(file);
}

/** Where DJANGO_SETTINGS_MODULE is set: the Dockerfile's ENV wins (it is the environment), then wsgi.py/asgi.py (what the server imports), then manage.py. */
function settingsModuleFrom(input: DjangoInput, texts: Map<string, string>, serverModuleFile: string | null, manage: string | null): {module: string; source: string; evidence: Evidence} | null {
	const env = input.dockerfileEnv.find(pair => pair.name === 'DJANGO_SETTINGS_MODULE' && /^[\w.]+$/.test(pair.value));
	if (env) return {module: env.value, source: `Dockerfile:${env.line} (ENV)`, evidence: {file: 'Dockerfile', line: env.line, detail: `ENV DJANGO_SETTINGS_MODULE=${env.value}`}};
	const ordered = [serverModuleFile, manage, ...[...texts.keys()].filter(file => /(^|\/)(wsgi|asgi)\.py$/.test(file))].filter((file): file is string => Boolean(file));
	for (const file of ordered) {
		const lines = texts.get(file)?.split(/\r?\n/) ?? [];
		const index = lines.findIndex(line => settingsDefault.test(line));
		if (index >= 0) {
			const module = settingsDefault.exec(lines[index])?.[1] as string;
			return {module, source: `${file}:${index + 1}`, evidence: {file, line: index + 1, detail: `DJANGO_SETTINGS_MODULE defaults to ${module}`}};
		}
	}

	return null;
}

/** The shallowest manage.py (src/manage.py when the root has none). */
function findManage(files: string[]): string | null {
	return files.filter(file => /(^|\/)manage\.py$/.test(file) && !/(^|\/)(tests?|docs|examples?|node_modules)\//.test(file)).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0] ?? null;
}

function serverCommandIsAsgi(command: string | null): boolean {
	return command !== null && /(uvicorn|daphne|hypercorn|UvicornWorker)\b/.test(command) && /asgi/.test(command);
}

/** Reads a Django project; null when there is no manage.py and no settings module to read. */
export async function readDjangoProject(input: DjangoInput): Promise<DjangoProject | null> {
	const files = new Set(input.pythonFiles);
	const manage = findManage(input.pythonFiles);
	const base = manage ? path.dirname(manage).replace(/^\.$/, '') : '';
	const texts = new Map<string, string>();
	for (const file of input.pythonFiles.filter(candidate => candidate === manage || /(^|\/)(wsgi|asgi)\.py$/.test(candidate))) {
		const text = await input.read(file);
		if (text !== null) texts.set(file, text);
	}

	const evidence: Evidence[] = [];
	if (manage) {
		evidence.push({file: manage, detail: 'manage.py: Django\'s command-line entry point'});
	}

	let settings = settingsModuleFrom(input, texts, null, manage);
	const state: SettingsState = {values: new Map(), whitenoise: null, channels: null, required: new Map(), files: [], allowedHosts: []};
	if (settings) {
		await readSettings(input, files, base, settings.module, state);
	}

	// The WSGI module the settings name can set another settings module than manage.py (cookiecutter: local vs production).
	const wsgiWritten = literal(state.values.get('WSGI_APPLICATION')?.value ?? '');
	const wsgiFile = wsgiWritten ? moduleFile(files, base, wsgiWritten.split('.').slice(0, -1).join('.')) : null;
	const served = settingsModuleFrom(input, texts, wsgiFile, null);
	if (served && settings && served.module !== settings.module && !settings.source.startsWith('Dockerfile') && moduleFile(files, base, served.module)) {
		settings = served;
		state.values.clear();
		state.files.length = 0;
		state.required.clear();
		state.whitenoise = null;
		state.channels = null;
		state.allowedHosts.length = 0;
		await readSettings(input, files, base, settings.module, state);
	}

	if (!manage && !settings) return null;
	if (settings) evidence.push(settings.evidence);
	const wsgiApplication = literal(state.values.get('WSGI_APPLICATION')?.value ?? '');
	const asgiApplication = literal(state.values.get('ASGI_APPLICATION')?.value ?? '');
	const note = (name: string) => {
		const entry = state.values.get(name);
		if (entry) evidence.push({file: entry.file, line: entry.line, detail: maskSecrets(`${name} = ${entry.value}`).slice(0, 120)});
	};

	note('WSGI_APPLICATION');
	note('ASGI_APPLICATION');
	note('STATIC_ROOT');
	if (state.whitenoise) evidence.push({...state.whitenoise, detail: 'whitenoise in MIDDLEWARE'});
	if (state.channels) evidence.push({...state.channels, detail: 'channels in INSTALLED_APPS'});

	const staticRootValue = state.values.get('STATIC_ROOT')?.value.trim() ?? null;
	const staticRoot = staticRootValue && staticRootValue !== 'None' && staticRootValue !== "''" && staticRootValue !== '""' ? staticRootValue : null;
	const settingsFolder = settings ? path.dirname(state.files.at(-1) ?? '') : '';
	const allowedHosts = state.values.get('ALLOWED_HOSTS')?.value ?? '';
	const allowedRead = environmentReads(allowedHosts)[0];

	// The fallback targets: the wsgi.py/asgi.py next to the settings package, as startproject makes them.
	const packageOf = (dotted: string | null) => dotted?.split('.').slice(0, -1).join('.') ?? null;
	const settingsPackage = settings ? settings.module.split('.')[0] : null;
	const nearby = (name: 'wsgi' | 'asgi') => (settingsPackage && moduleFile(files, base, `${settingsPackage}.${name}`) ? `${settingsPackage}.${name}.application` : null);
	const wsgiDotted = wsgiApplication && moduleFile(files, base, packageOf(wsgiApplication) ?? '') ? wsgiApplication : nearby('wsgi');
	const asgiDotted = asgiApplication && moduleFile(files, base, packageOf(asgiApplication) ?? '') ? asgiApplication : nearby('asgi');
	const asgiUsed = Boolean(asgiDotted) && (state.channels !== null || serverCommandIsAsgi(input.dockerfileCommand) || (!wsgiDotted && Boolean(asgiDotted)));

	const migrations = input.migrationFolders;
	const facts: DjangoFacts = {
		manage,
		base,
		settingsModule: settings?.module ?? null,
		settingsSource: settings?.source ?? 'not found',
		settingsFiles: [...state.files],
		wsgiApplication,
		asgiApplication,
		staticRoot: staticRoot ? maskSecrets(staticRoot) : null,
		staticRootFolder: staticRoot ? staticFolder(staticRoot, settingsFolder, base) : null,
		staticUrl: literal(state.values.get('STATIC_URL')?.value ?? ''),
		whitenoise: state.whitenoise !== null,
		channels: state.channels !== null,
		collectstatic: staticRoot !== null && manage !== null,
		buildEnv: [...state.required.keys()],
		allowedHostsAdmitLocal: state.allowedHosts.some(value => /["'](\*|127\.0\.0\.1|localhost)["']/.test(value)),
		allowedHostsEnv: allowedRead ? {name: allowedRead.name, separator: /\.split\(\s*(["'])\s\1\s*\)|\.split\(\s*\)/.test(allowedHosts) ? ' ' : ','} : null,
		migrations,
		evidence: evidence.slice(0, 10),
	};
	const candidate = (dotted: string, detail: string): WsgiCandidate => ({
		target: toTarget(dotted),
		kind: 'instance',
		score: 100,
		evidence: [{file: moduleFile(files, base, packageOf(dotted) ?? '') ?? manage ?? 'manage.py', detail}],
		// Django's own commands run in manage.py's folder; the server does the same.
		...(base ? {workdir: base} : {}),
	});
	const wsgiTarget = wsgiDotted ? toTarget(wsgiDotted) : null;
	const asgiTarget = asgiUsed && asgiDotted ? toTarget(asgiDotted) : null;
	const candidates = [
		...(asgiTarget && asgiDotted ? [candidate(asgiDotted, asgiApplication ? 'ASGI_APPLICATION in the settings' : 'asgi.py next to the settings')] : []),
		...(wsgiDotted ? [candidate(wsgiDotted, wsgiApplication ? 'WSGI_APPLICATION in the settings' : 'wsgi.py next to the settings')] : []),
	];
	return {facts, wsgiTarget, asgiTarget, candidates, requiredReads: [...state.required].map(([name, evidence]) => ({name, evidence: {...evidence, detail: `the settings read ${name} without a default`}}))};
}

/** The project folder STATIC_ROOT names, when it is BASE_DIR-relative (`BASE_DIR / "staticfiles"`, `os.path.join(BASE_DIR, "static")`). */
function staticFolder(value: string, settingsFolder: string, base: string): string | null {
	const joined = /(?:BASE_DIR|ROOT_DIR|PROJECT_ROOT|PROJECT_DIR|APPS_DIR)\s*(?:\/|,|\.joinpath\()\s*["']([\w./-]+)["']/.exec(value);
	if (joined) {
		// BASE_DIR is manage.py's folder in startproject's layout.
		return path.join(base || '.', joined[1]).replace(/^\.\//, '');
	}

	const absolute = literal(value);
	if (absolute?.startsWith('/')) return absolute;
	return absolute ? path.join(settingsFolder, absolute) : null;
}
