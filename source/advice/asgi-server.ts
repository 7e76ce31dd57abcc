// How the proposed image serves an ASGI app (FastAPI, Starlette): uvicorn on its own, or
// gunicorn managing uvicorn workers when the project depends on gunicorn, or hypercorn when
// that is the project's server; always on 0.0.0.0 and $PORT, never with --reload.
import type {BaseFlavor, Change, ProjectReport, ProposalChoices} from '../types.js';

export type AsgiServerPlan = {
	server: 'uvicorn' | 'gunicorn' | 'hypercorn';
	/** Requirements added to the install because the project does not list them. */
	requirements: string[];
	/** The worker count the project's own command passes; null: one process (WEB_CONCURRENCY raises it). */
	workers: number | null;
	/** gunicorn's worker class (uvicorn-worker's when the project has it, else uvicorn's own). */
	workerClass: string;
	/** Why this server, for the change's reason. */
	because: string;
};

const has = (report: ProjectReport, name: string) => report.dependencies.packages.some(item => item.name === name);

function bundlesUvicorn(report: ProjectReport): boolean {
	return report.dependencies.packages.some(item => item.name === 'fastapi' && item.extras.some(extra => extra === 'standard' || extra === 'all'));
}

function where(report: ProjectReport): string {
	const evidence = report.asgi?.evidence[0];
	return evidence ? ` (${evidence.file}${evidence.line ? `:${evidence.line}` : ''}: ${evidence.detail})` : '';
}

/**
 * Null for a WSGI app: the flavor's gunicorn command serves it as before. The image always
 * starts the server itself, never `python main.py`: a `uvicorn.run(..., reload=True)` in the
 * code (a development habit) never runs in it, and the reason says so (DW047 flags a CMD that would).
 */
export function asgiServerPlan(report: ProjectReport): AsgiServerPlan | null {
	const plan = chosenServer(report);
	const reload = report.asgi?.scriptReloads?.[0];
	return plan && reload ? {...plan, because: `${plan.because}. ${reload.file}:${reload.line} starts uvicorn with reload=True when run as \`python ${reload.file}\`: the image starts ${plan.server} itself, so that development reloader never runs in it`} : plan;
}

function chosenServer(report: ProjectReport): AsgiServerPlan | null {
	if (report.framework !== 'fastapi') {
		return null;
	}

	const uvicorn = has(report, 'uvicorn') || bundlesUvicorn(report);
	const workerClass = has(report, 'uvicorn-worker') ? 'uvicorn_worker.UvicornWorker' : 'uvicorn.workers.UvicornWorker';
	const workers = report.asgi?.workers ?? null;
	const found = report.asgi?.server ?? null;
	if (found === 'gunicorn' || (has(report, 'gunicorn') && found !== 'hypercorn')) {
		return {
			server: 'gunicorn',
			requirements: uvicorn || has(report, 'uvicorn-worker') ? [] : ['uvicorn'],
			workers,
			workerClass,
			because: `gunicorn is the project's server${where(report)}: it supervises the uvicorn worker processes (a crashed worker is restarted) and reads PORT and WEB_CONCURRENCY by itself`,
		};
	}

	if (found === 'hypercorn') {
		return {server: 'hypercorn', requirements: has(report, 'hypercorn') ? [] : ['hypercorn'], workers, workerClass, because: `hypercorn is the project's server${where(report)}; it is kept`};
	}

	return {
		server: 'uvicorn',
		requirements: uvicorn ? [] : ['uvicorn'],
		workers,
		workerClass,
		because: `${found === 'uvicorn' ? `uvicorn is the project's server${where(report)}` : 'The project names no ASGI server, so uvicorn (FastAPI\'s own choice) is added'} and gunicorn is not a dependency: one uvicorn process per container, the platform runs more containers (WEB_CONCURRENCY or --workers gives more processes in one)`,
	};
}

/** The target as the server takes it: uvicorn wants `module:factory` with --factory, gunicorn and hypercorn call `module:factory()`. */
function uvicornTarget(target: string): {target: string; factory: boolean} {
	const call = /^([\w.]+:\w+)\((.*)\)$/.exec(target);
	return call ? {target: call[1], factory: true} : {target, factory: false};
}

export type AsgiCommandInput = {
	flavor: BaseFlavor;
	target: string;
	port: number;
	/** The gunicorn command the flavor would run (for gunicorn with uvicorn workers). */
	gunicorn: string[];
};

/**
 * The start command's words. uvicorn and hypercorn do not read PORT: on slim and alpine a
 * shell expands it (`exec` keeps the server PID 1); distroless has no shell, so the port is fixed.
 */
export function asgiCommand(plan: AsgiServerPlan, input: AsgiCommandInput): string[] {
	const workers = plan.workers === null ? [] : ['--workers', String(plan.workers)];
	if (plan.server === 'gunicorn') {
		const at = input.gunicorn.indexOf('gunicorn');
		return [...input.gunicorn.slice(0, at + 1), '--worker-class', plan.workerClass, ...workers, ...input.gunicorn.slice(at + 1)];
	}

	const shell = input.flavor !== 'distroless';
	const port = shell ? `\${PORT:-${input.port}}` : String(input.port);
	const words = plan.server === 'hypercorn'
		? ['hypercorn', '--bind', `0.0.0.0:${port}`, ...workers, input.target]
		: (() => {
			const {target, factory} = uvicornTarget(input.target);
			return ['uvicorn', target, ...(factory ? ['--factory'] : []), '--host', '0.0.0.0', '--port', port, '--proxy-headers', ...workers];
		})();
	if (!shell) {
		return ['/opt/venv/bin/python', '-m', ...words];
	}

	return ['sh', '-c', `exec ${words.map(word => (word.includes('$') ? `"${word}"` : /^[\w.:/=-]+$/.test(word) ? word : `'${word}'`)).join(' ')}`];
}

/** PYTHONPATH for uvicorn and hypercorn, which have no --pythonpath (gunicorn keeps its own option). */
export function asgiEnv(plan: AsgiServerPlan | null, pythonpath: string | null): string[] {
	return plan && plan.server !== 'gunicorn' && pythonpath ? [`PYTHONPATH=${pythonpath.replaceAll(',', ':')}`] : [];
}

/** The change that says which server serves the app and why. */
export function asgiServerChange(plan: AsgiServerPlan, choices: ProposalChoices): Change {
	const port = choices.flavor === 'distroless' ? String(choices.port) : '$PORT';
	const fixedPort = choices.flavor === 'distroless' ? ` Distroless has no shell to expand $PORT, so the port is fixed at ${choices.port}.` : '';
	const workers = plan.workers === null ? '' : ` --workers ${plan.workers} is kept from the project's command.`;
	if (plan.server === 'gunicorn') {
		return {
			title: `Served by gunicorn with uvicorn workers (${plan.workerClass}) on ${choices.wsgiTarget}, bound to 0.0.0.0:${choices.flavor === 'distroless' ? choices.port : '$PORT'}`,
			why: `${plan.because}. uvicorn's worker serves the ASGI app and trusts X-Forwarded-* headers from the addresses in FORWARDED_ALLOW_IPS. Binding 0.0.0.0 makes it reachable from outside the container.${workers}`,
			impact: 'correctness',
			rule: 'DW041',
		};
	}

	const proxy = plan.server === 'uvicorn' ? ' --proxy-headers takes the client address and scheme from a proxy\'s X-Forwarded-* headers (from the addresses in FORWARDED_ALLOW_IPS, 127.0.0.1 unless set).' : ' hypercorn has no --proxy-headers: put a ProxyHeadersMiddleware in the app if it sits behind a proxy.';
	return {
		title: `Served by ${plan.server} on ${choices.wsgiTarget}, bound to 0.0.0.0:${port}${plan.server === 'uvicorn' ? ', with --proxy-headers' : ''}`,
		why: `${plan.because}.${proxy} Binding 0.0.0.0 makes it reachable from outside the container; no --reload in an image.${workers}${fixedPort}`,
		impact: 'correctness',
		rule: 'DW041',
	};
}
