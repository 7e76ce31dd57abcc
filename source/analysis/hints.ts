import type {Evidence, Finding} from '../types.js';
import {commandWords, portInAddress, readCommand, type CommandFacts} from './command-line.js';
import type {DockerfileFacts} from './dockerfile-facts.js';
import {readProjectText} from './project-files.js';
import {maskSecrets} from './mask-secrets.js';
import {isLikelySecret} from './secrets.js';

/** What the project already says about its app: a target, from some file, with a weight. */
export type TargetHint = {
	/** As written: `app:app`, `myapp:create_app()`, `app.py`, `hello`. */
	target: string;
	factory: boolean;
	chdir: string | null;
	weight: number;
	evidence: Evidence;
	/** Only raises a target the code scan found: a hint from a secret file (.env) never names a new one. */
	confirmOnly?: boolean;
};

export type PortHint = {port: number; weight: number; evidence: Evidence};

/** A server command the project runs, with where it was found (for the ASGI server's facts). */
export type ServerCommand = {facts: CommandFacts; evidence: Evidence};

/** `asgiTargets`: what ASGI servers (uvicorn, hypercorn, gunicorn's uvicorn workers) are told to serve. */
export type ProjectHints = {targets: TargetHint[]; ports: PortHint[]; servers: Evidence[]; asgiTargets: TargetHint[]; asgiCommands: ServerCommand[]};

const asgiPrograms = new Set(['uvicorn', 'hypercorn', 'fastapi']);

// Only these keys are read from env files: .env usually holds secrets, which never reach a report.
const envKeys = /^\s*(?:export\s+)?(FLASK_APP|PORT|FLASK_RUN_PORT)\s*=\s*(.*?)\s*$/;

const gunicornConfigs = ['gunicorn.conf.py', 'gunicorn_config.py', 'gunicorn.config.py', 'gunicorn_conf.py', 'gunicorn.py', 'config/gunicorn.py', 'conf/gunicorn.py'];
const uwsgiConfigs = ['uwsgi.ini', 'app.ini', 'wsgi.ini', 'uwsgi/uwsgi.ini', 'config/uwsgi.ini'];

// How much each kind of hint says about which app is served.
const weights = {command: 60, config: 55, flaskApp: 45, python: 25, port: 0};

function unquote(value: string): string {
	return value.replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2');
}

function addCommand(hints: ProjectHints, command: string, evidence: (detail: string) => Evidence, portWeight: number): void {
	const facts = readCommand(command);
	if (facts.server && facts.server !== 'python' && facts.server !== 'flask') {
		hints.servers.push(evidence(`${facts.server} in ${maskSecrets(command).slice(0, 100)}`));
	}

	const asgi = asgiPrograms.has(facts.server ?? '');
	if (asgi || facts.server === 'gunicorn') {
		hints.asgiCommands.push({facts, evidence: evidence(maskSecrets(command).slice(0, 160))});
	}

	if (facts.target) {
		const hint = {
			target: facts.target,
			factory: facts.factory,
			chdir: facts.chdir,
			weight: facts.server === 'python' ? weights.python : weights.command,
			evidence: evidence(maskSecrets(command).slice(0, 160)),
		};
		// gunicorn serves both kinds (with uvicorn workers, an ASGI app): the framework decides which list is read.
		if (!asgi) hints.targets.push(hint);
		if (asgi || facts.server === 'gunicorn') hints.asgiTargets.push({...hint});
	}

	if (facts.port) {
		hints.ports.push({port: facts.port, weight: portWeight, evidence: evidence(maskSecrets(command).slice(0, 160))});
	}
}

/**
 * A command that runs a start script (`./boot.sh`, `sh scripts/start.sh`, `/app/entrypoint.sh`):
 * read the script from the project and take the server commands it runs.
 */
async function addStartScript(root: string, hints: ProjectHints, command: string, problems: Finding[]): Promise<void> {
	const words = commandWords(command);
	const script = words.find(word => /\.sh$/.test(word));
	if (!script) {
		return;
	}

	// The image path (/app/boot.sh) is the project's file under some WORKDIR: try it as written, then by its name.
	const candidates = [script.replace(/^\.?\//, ''), script.slice(script.lastIndexOf('/') + 1)];
	for (const file of candidates) {
		const text = await readProjectText(root, file, problems);
		if (text === null) {
			continue;
		}

		text.split(/\r?\n/).forEach((line, index) => {
			if (/^\s*(exec\s+)?(\S*\/)?(gunicorn|waitress-serve|uwsgi|flask|uvicorn|hypercorn|fastapi|python3?\s+-m\s+(gunicorn|uvicorn|hypercorn))\b/.test(line)) {
				addCommand(hints, line.trim(), detail => ({file, line: index + 1, detail}), 7);
			}
		});
		return;
	}
}

export async function readHints(root: string, dockerfile: DockerfileFacts | null, problems: Finding[]): Promise<ProjectHints> {
	const hints: ProjectHints = {targets: [], ports: [], servers: [], asgiTargets: [], asgiCommands: []};

	for (const file of ['.flaskenv', '.env']) {
		const text = await readProjectText(root, file, problems);
		if (text === null) {
			continue;
		}

		text.split(/\r?\n/).forEach((line, index) => {
			const match = envKeys.exec(line);
			if (!match) {
				return;
			}

			const value = unquote(match[2]);
			// .env holds secrets: what it says may confirm what the code shows, but its values are never evidence.
			const secretFile = isLikelySecret(file, 'file');
			const evidence = {file, line: index + 1, detail: secretFile ? `${match[1]}, value not shown` : `${match[1]}=${value}`};
			if (match[1] === 'FLASK_APP' && value !== '') {
				hints.targets.push({target: value, factory: false, chdir: null, weight: weights.flaskApp, evidence, ...(secretFile ? {confirmOnly: true} : {})});
			} else if (match[1] !== 'FLASK_APP') {
				const port = portInAddress(value);
				if (port) {
					hints.ports.push({port, weight: 3, evidence});
				}
			}
		});
	}

	const procfile = await readProjectText(root, 'Procfile', problems);
	const webCommands: string[] = [];
	procfile?.split(/\r?\n/).forEach((line, index) => {
		const match = /^\s*web\s*:\s*(.+)$/.exec(line);
		if (match) {
			addCommand(hints, match[1], detail => ({file: 'Procfile', line: index + 1, detail}), 5);
			webCommands.push(match[1]);
		}
	});
	for (const command of webCommands) {
		await addStartScript(root, hints, command, problems);
	}

	for (const file of gunicornConfigs) {
		const text = await readProjectText(root, file, problems);
		text?.split(/\r?\n/).forEach((line, index) => {
			const app = /^\s*wsgi_app\s*=\s*["']([^"']+)["']/.exec(line);
			if (app) {
				hints.targets.push({target: app[1], factory: false, chdir: null, weight: weights.config, evidence: {file, line: index + 1, detail: line.trim()}});
			}

			const bind = /^\s*bind\s*=\s*(.+)$/.exec(line);
			if (bind) {
				const envDefault = /PORT["']?\s*,\s*["']?(\d{2,5})/.exec(bind[1]);
				const address = /["']([^"']*:\d{2,5})["']/.exec(bind[1]);
				const port = envDefault ? Number(envDefault[1]) : address ? portInAddress(address[1]) : null;
				if (port) {
					hints.ports.push({port, weight: 5, evidence: {file, line: index + 1, detail: line.trim()}});
				}
			}
		});
		if (text !== null) {
			hints.servers.push({file, detail: 'gunicorn configuration'});
		}
	}

	for (const file of uwsgiConfigs) {
		const text = await readProjectText(root, file, problems);
		if (text === null || !/^\s*\[uwsgi\]/m.test(text)) {
			continue;
		}

		hints.servers.push({file, detail: 'uwsgi configuration'});
		const values = new Map<string, {value: string; line: number}>();
		text.split(/\r?\n/).forEach((line, index) => {
			const match = /^\s*([\w-]+)\s*=\s*(.*?)\s*$/.exec(line);
			if (match && !values.has(match[1])) {
				values.set(match[1], {value: unquote(match[2]), line: index + 1});
			}
		});
		const module = values.get('module') ?? values.get('wsgi');
		const wsgiFile = values.get('wsgi-file') ?? values.get('file');
		const callable = values.get('callable')?.value;
		const chdir = values.get('chdir')?.value ?? null;
		if (module) {
			const target = module.value.includes(':') || !callable ? module.value : `${module.value}:${callable}`;
			hints.targets.push({target, factory: false, chdir: chdir?.startsWith('/') ? null : chdir, weight: weights.config, evidence: {file, line: module.line, detail: `module = ${module.value}`}});
		} else if (wsgiFile) {
			hints.targets.push({target: `${wsgiFile.value}:${callable ?? 'application'}`, factory: false, chdir: null, weight: weights.config, evidence: {file, line: wsgiFile.line, detail: `wsgi-file = ${wsgiFile.value}`}});
		}

		const http = values.get('http') ?? values.get('http-socket');
		const port = http ? portInAddress(http.value) : null;
		if (http && port) {
			hints.ports.push({port, weight: 5, evidence: {file, line: http.line, detail: `http = ${http.value}`}});
		}
	}

	if (dockerfile) {
		for (const env of dockerfile.env) {
			const evidence = {file: 'Dockerfile', line: env.line, detail: `ENV ${env.name}=${env.value}`};
			if (env.name === 'FLASK_APP' && env.value !== '') {
				hints.targets.push({target: env.value, factory: false, chdir: null, weight: weights.flaskApp, evidence});
			} else if (env.name === 'PORT' || env.name === 'FLASK_RUN_PORT') {
				const port = portInAddress(env.value);
				if (port) {
					hints.ports.push({port, weight: 6, evidence});
				}
			}
		}

		for (const expose of dockerfile.expose) {
			hints.ports.push({port: expose.port, weight: 10, evidence: {file: 'Dockerfile', line: expose.line, detail: `EXPOSE ${expose.port}`}});
		}

		for (const instruction of [dockerfile.entrypoint, dockerfile.cmd]) {
			if (instruction) {
				addCommand(hints, instruction.command, detail => ({file: 'Dockerfile', line: instruction.line, detail}), 8);
				await addStartScript(root, hints, instruction.command, problems);
			}
		}
	}

	return hints;
}
