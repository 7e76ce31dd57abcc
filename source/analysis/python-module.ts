import {maskSecrets} from './mask-secrets.js';
import {factoryCallsIn, type FactoryCall} from './factory-arguments.js';
import type {Evidence} from '../types.js';
import {programCalls, type ProgramCall} from './program-calls.js';
import {pythonLines, type PythonSyntaxIssue} from './python-lines.js';
import {codeStartup, type CodeStartup} from './startup-code.js';
import {absoluteModule, envReads, type EnvScan} from './env-reads.js';
import {asgiModuleFacts, type AsgiModuleFacts} from './asgi-module.js';

/** What one Python module says about the app, read from its text (never imported or run). */
export type ModuleFacts = {
	file: string;
	/** Dotted import name, e.g. `myapp` for `src/myapp/__init__.py`. */
	module: string;
	/** Folder the module imports from ('' for the project root), e.g. `src`. */
	importRoot: string;
	flaskImported: boolean;
	/** Module-level WSGI app objects: `app = Flask(...)`, `app = create_app()`, `application = app`. */
	instances: {name: string; line: number; detail: string; via: 'flask' | 'factory' | 'alias'}[];
	/** Module-level application factories. */
	factories: {name: string; line: number; requiredParams: string[]}[];
	/** Calls of a conventional factory name anywhere in the module (also inside functions and `if __name__` blocks). */
	factoryCalls: FactoryCall[];
	/** `app.run(...)` calls, with the port when one is written. */
	runCalls: {line: number; port: number | null}[];
	/** Flask/click CLI commands the module defines: `@app.cli.command("init-db")`, `@click.command()`, `@cli.command` of a FlaskGroup. */
	cliCommands: {name: string; line: number; via: 'app-cli' | 'click' | 'flask-group'; function?: string}[];
	/** Function names passed to `add_command(...)` (how a `@click.command` reaches `flask`). */
	addedCommands: string[];
	/** The module makes a `FlaskGroup` (its commands run as `python file.py NAME`). */
	flaskGroup: boolean;
	/** Top-level names of absolute imports anywhere in the module (`import a.b`, `from a import b` -> `a`), with the first line. */
	topImports: {name: string; line: number}[];
	/** Module-level `from X import a as b`: local name -> absolute source module and its name there. */
	imports: {local: string; from: string; name: string; line: number}[];
	fastapi: Evidence[];
	django: Evidence[];
	/** Programs the module runs that the slim image lacks (ffmpeg, git...). */
	programs: ProgramCall[];
	issues: PythonSyntaxIssue[];
	/** pkg_resources imports and the places it writes to (see startup-code.ts). */
	startup: CodeStartup;
	/** Environment variables read without a default, and what runs at import (see env-reads.ts). */
	env: EnvScan;
	/** ASGI apps, factories and `uvicorn.run` calls (see asgi-module.ts). */
	asgi: AsgiModuleFacts;
};

const factoryNames = /^(create_app|make_app|create_application|make_application|app_factory|build_app|get_app|init_app|create_flask_app)$/;
const identifier = '[A-Za-z_][A-Za-z0-9_]*';
// `app = Flask(...)`, `app: Flask = flask.Flask(...)`, and chained `application = app = Flask(...)`.
const flaskInstance = new RegExp(`^((?:${identifier}\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*)+)(?:flask\\.)?(?:Flask|APIFlask)\\s*\\(`);
const fastapiInstance = new RegExp(`^(${identifier})\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*(?:fastapi\\.)?FastAPI\\s*\\(`);
const callAssignment = new RegExp(`^(${identifier})\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*(?:${identifier}\\.)*(${identifier})\\s*\\(`);
const aliasAssignment = new RegExp(`^(${identifier})\\s*=\\s*(${identifier})(\\.wsgi_app)?$`);
const dashInstance = new RegExp(`^(${identifier})\\s*=\\s*(?:dash\\.)?Dash\\s*\\(`);
const dashServerAssignment = new RegExp(`^(${identifier})\\s*=\\s*(${identifier})\\.server$`);
const functionDef = new RegExp(`^(?:async\\s+)?def\\s+(${identifier})\\s*\\((.*)\\)\\s*(?:->.*)?:`);
const runCall = new RegExp(`(?:^|\\W)(${identifier})\\.run\\s*\\((.*)\\)`);

/** Parameters without a default (self, *args and **kwargs excluded). */
export function requiredParameters(params: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of params) {
		if ('([{'.includes(ch)) {
			depth++;
		} else if (')]}'.includes(ch)) {
			depth--;
		}

		if (ch === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else {
			current += ch;
		}
	}

	parts.push(current);
	const required: string[] = [];
	let keywordOnly = false;
	for (const raw of parts) {
		const part = raw.trim();
		if (part === '' || part === '/' || part.startsWith('**')) {
			continue;
		}

		if (part.startsWith('*')) {
			keywordOnly = true;
			continue;
		}

		const name = part.split(/[:=]/)[0].trim();
		if (name === 'self' || name === 'cls' || part.includes('=')) {
			continue;
		}

		required.push(keywordOnly ? `${name} (keyword)` : name);
	}

	return required;
}

/** The port written in a `.run(...)` call: `port=5000`, `port=int(os.environ.get("PORT", 5000))`. */
export function portInRunArguments(args: string): number | null {
	const match = /\bport\s*=\s*(.*)$/.exec(args);
	if (!match) {
		return null;
	}

	const number = /(?:^|[^\w.])(\d{2,5})(?![\w.])/.exec(match[1].split(/,\s*\w+\s*=/)[0]);
	const port = number ? Number(number[1]) : null;
	return port !== null && port > 0 && port < 65_536 ? port : null;
}

export function moduleName(file: string, pythonFiles: Set<string>): {module: string; importRoot: string} {
	const parts = file.replace(/\.py$/, '').split('/');
	const isPackageInit = parts[parts.length - 1] === '__init__';
	if (isPackageInit) {
		parts.pop();
	}

	// Climb while the folder is a package (has __init__.py): the first one that is not is where imports start.
	let rootIndex = isPackageInit ? parts.length - 1 : parts.length - 1;
	while (rootIndex > 0 && pythonFiles.has(parts.slice(0, rootIndex).join('/') + '/__init__.py')) {
		rootIndex--;
	}

	return {module: parts.slice(rootIndex).join('.'), importRoot: parts.slice(0, rootIndex).join('/')};
}

type PendingCommand = {name: string | null; line: number; via: 'app-cli' | 'click' | 'flask-group'; group: string | null};

/** The `def` under a `.command(...)` decorator names the command (click turns `_` into `-` when no name is given). */
function readCliCommand(facts: ModuleFacts, code: string, line: number, pending: {value: PendingCommand | null}): void {
	if (/^\w+\s*=\s*(?:flask\.cli\.)?FlaskGroup\s*\(/.test(code)) {
		facts.flaskGroup = true;
	}

	for (const added of code.matchAll(/\.add_command\(\s*(?:\w+\.)*(\w+)/g)) {
		facts.addedCommands.push(added[1]);
	}

	const definition = /^def\s+(\w+)\s*\(/.exec(code);
	if (definition && pending.value) {
		const command = pending.value;
		// `@bp.cli.command` and other groups than a FlaskGroup's `cli`: their commands sit under the group's name.
		if (command.via !== 'flask-group' || command.group === 'cli') {
			facts.cliCommands.push({name: command.name ?? definition[1].replaceAll('_', '-'), line: command.line, via: command.via, ...(command.via === 'click' ? {function: definition[1]} : {})});
		}

		pending.value = null;
	}
}

export function analyseModule(file: string, text: string, pythonFiles: Set<string>): ModuleFacts {
	const {module, importRoot} = moduleName(file, pythonFiles);
	const {lines, issues} = pythonLines(text);
	const facts: ModuleFacts = {
		file,
		module,
		importRoot,
		flaskImported: false,
		instances: [],
		factories: [],
		factoryCalls: [],
		runCalls: [],
		fastapi: [],
		django: [],
		imports: [],
		topImports: [],
		cliCommands: [],
		addedCommands: [],
		flaskGroup: false,
		programs: programCalls(lines),
		issues,
		startup: codeStartup(file, lines, importRoot),
		env: envReads(lines, module, file.endsWith('__init__.py')),
		asgi: asgiModuleFacts(file, lines, requiredParameters),
	};
	const instanceNames = new Set<string>();
	const dashApps = new Set<string>();
	let currentFunction: {name: string; line: number; requiredParams: string[]; mentionsFlask: boolean; returns: boolean} | null = null;
	const closeFunction = () => {
		// A conventional factory name in a Flask module, or any function that builds a Flask app and returns it.
		const conventional = factoryNames.test(currentFunction?.name ?? '') && (currentFunction?.mentionsFlask || facts.flaskImported);
		if (currentFunction && (conventional || (currentFunction.mentionsFlask && currentFunction.returns && !currentFunction.name.startsWith('_')))) {
			facts.factories.push({name: currentFunction.name, line: currentFunction.line, requiredParams: currentFunction.requiredParams});
		}

		currentFunction = null;
	};

	const pendingCommand: {value: PendingCommand | null} = {value: null};
	for (const {line, indent, text: code} of lines) {
		const absoluteImport = /^(?:from\s+([A-Za-z_]\w*)[\w.]*\s+import\b|import\s+(.+)$)/.exec(code);
		const importedNames = absoluteImport?.[1] ? [absoluteImport[1]] : (absoluteImport?.[2]?.split(',').map(part => /^\s*([A-Za-z_]\w*)/.exec(part)?.[1] ?? '') ?? []);
		for (const name of importedNames.filter(Boolean)) {
			if (!facts.topImports.some(item => item.name === name)) {
				facts.topImports.push({name, line});
			}
		}

		readCliCommand(facts, code, line, pendingCommand);
		if (/^@/.test(code)) {
			const decorator = /^@(?:(\w+(?:\.\w+)*)\.cli|(click)|(\w+))\.command\(\s*(?:name\s*=\s*)?(?:["']([\w:.-]+)["'])?/.exec(code);
			if (decorator) {
				pendingCommand.value = {name: decorator[4] ?? null, line, via: decorator[2] ? 'click' : decorator[3] ? 'flask-group' : 'app-cli', group: decorator[3] ?? null};
			}
		} else if (!/^def\s/.test(code)) {
			pendingCommand.value = null;
		}

		// Dash runs on Flask: its `app.server` is a Flask app.
		if (/^(from\s+(flask|dash)(\s|\.)|import\s+(flask|dash)\b)/.test(code)) {
			facts.flaskImported = true;
		}

		if (/^(from\s+django[\s.]|import\s+django\b)/.test(code) || /DJANGO_SETTINGS_MODULE/.test(code) || /get_wsgi_application\s*\(/.test(code)) {
			facts.django.push({file, line, detail: maskSecrets(code).slice(0, 120)});
		}

		if (code.includes('(')) {
			facts.factoryCalls.push(...factoryCallsIn(code, line, factoryNames));
		}

		const run = runCall.exec(code);
		if (run && (instanceNames.has(run[1]) || run[1] === 'app' || run[1] === 'application')) {
			facts.runCalls.push({line, port: portInRunArguments(run[2])});
		}

		if (indent > 0) {
			if (currentFunction && /\bFlask\s*\(/.test(code)) {
				currentFunction.mentionsFlask = true;
			}

			if (currentFunction && /^return\s+\w/.test(code)) {
				currentFunction.returns = true;
			}

			continue;
		}

		closeFunction();
		const definition = functionDef.exec(code);
		if (definition) {
			currentFunction = {name: definition[1], line, requiredParams: requiredParameters(definition[2]), mentionsFlask: false, returns: false};
			continue;
		}

		const flask = flaskInstance.exec(code);
		if (flask) {
			const names = flask[1].split('=').map(part => part.split(':')[0].trim()).filter(Boolean);
			for (const name of names) {
				instanceNames.add(name);
				facts.instances.push({name, line, detail: maskSecrets(code).slice(0, 120), via: 'flask'});
			}

			continue;
		}

		const fastapi = fastapiInstance.exec(code);
		if (fastapi) {
			facts.fastapi.push({file, line, detail: maskSecrets(code).slice(0, 120)});
			continue;
		}

		const call = callAssignment.exec(code);
		if (call && factoryNames.test(call[2])) {
			instanceNames.add(call[1]);
			facts.instances.push({name: call[1], line, detail: maskSecrets(code).slice(0, 120), via: 'factory'});
			continue;
		}

		const fromImport = /^from\s+(\.*)([\w.]*)\s+import\s+\(?([^)]*)\)?$/.exec(code);
		if (fromImport) {
			const source = absoluteModule(module, file.endsWith('__init__.py'), fromImport[1].length, fromImport[2]);
			for (const part of fromImport[3].split(',')) {
				const names = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
				if (source && names) {
					facts.imports.push({local: names[2] ?? names[1], from: source, name: names[1], line});
				}
			}

			continue;
		}

		const dash = dashInstance.exec(code);
		if (dash) {
			dashApps.add(dash[1]);
			continue;
		}

		const dashServer = dashServerAssignment.exec(code);
		if (dashServer && dashApps.has(dashServer[2])) {
			instanceNames.add(dashServer[1]);
			facts.instances.push({name: dashServer[1], line, detail: `the Flask server of a Dash app: ${maskSecrets(code).slice(0, 100)}`, via: 'flask'});
			continue;
		}

		const alias = aliasAssignment.exec(code);
		if (alias && instanceNames.has(alias[2]) && alias[1] !== alias[2]) {
			instanceNames.add(alias[1]);
			facts.instances.push({name: alias[1], line, detail: maskSecrets(code).slice(0, 120), via: 'alias'});
		}
	}

	closeFunction();
	return facts;
}
