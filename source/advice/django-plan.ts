// What a Django project adds to the proposal: collectstatic at build time in the builder stage
// (so the throwaway SECRET_KEY it needs never reaches the final image, not even its history),
// gunicorn on the WSGI target or with uvicorn workers on the ASGI one, ALLOWED_HOSTS and the
// settings' variables for dockwiz's own smoke run, and the changes and warnings that say so.
import {UserError, type Change, type DjangoFacts, type ProjectReport, type ProposalChoices} from '../types.js';

/** The value collectstatic gets for SECRET_KEY and the settings' other required variables: never a real one. */
export const buildOnlySecret = 'dockwiz-build-only-not-a-secret';
export const uvicornWorker = 'uvicorn.workers.UvicornWorker';

export type DjangoBuild = {
	/** Builder-stage lines after the dependency install: the code, then collectstatic. */
	builderLines: string[];
	/** The runtime copies /app from the builder (code + collected files) instead of from the context. */
	copyFromBuilder: boolean;
	/** Absolute STATIC_ROOTs outside /app, copied from the builder too. */
	extraCopies: string[];
	/** gunicorn's --worker-class (uvicorn's worker for ASGI). */
	workerClass: string | null;
	/** Requirements the image needs that the project does not list (uvicorn for ASGI). */
	additions: string[];
};

function djangoOf(report: ProjectReport): DjangoFacts | null {
	return report.framework === 'django' ? (report.django ?? null) : null;
}

/** Whether the proposal serves the ASGI target. */
export function servesAsgi(report: ProjectReport, choices: ProposalChoices): boolean {
	return djangoOf(report) !== null && report.asgiTarget !== null && choices.wsgiTarget === report.asgiTarget;
}

/** A value each variable can be parsed as: a database URL must be one, a cache URL too. */
export function placeholderFor(name: string, fallback: string): string {
	if (/DATABASE_URL$/.test(name)) return 'sqlite:////tmp/dockwiz-placeholder.sqlite3';
	if (/CACHE_URL$/.test(name)) return 'locmemcache://';
	if (/DEBUG$/.test(name)) return 'False';
	return fallback;
}

/** `VAR=value` words for the collectstatic run: the settings module, its required variables, no .pyc files. */
function buildEnvironment(facts: DjangoFacts): string[] {
	return [
		...(facts.settingsModule ? [`DJANGO_SETTINGS_MODULE=${facts.settingsModule}`] : []),
		...facts.buildEnv.map(name => `${name}=${placeholderFor(name, buildOnlySecret)}`),
		'PYTHONDONTWRITEBYTECODE=1',
	];
}

export function djangoBuild(report: ProjectReport, choices: ProposalChoices): DjangoBuild | null {
	const facts = djangoOf(report);
	if (!facts) return null;
	const asgi = servesAsgi(report, choices);
	const names = new Set(report.dependencies.packages.map(item => item.name));
	const additions = asgi && !names.has('uvicorn') ? ['uvicorn'] : [];
	if (!facts.collectstatic || !facts.manage) {
		return {builderLines: [], copyFromBuilder: false, extraCopies: [], workerClass: asgi ? uvicornWorker : null, additions};
	}

	const outside = facts.staticRootFolder?.startsWith('/') && !facts.staticRootFolder.startsWith('/app/') ? [facts.staticRootFolder] : [];
	return {
		builderLines: [
			'# collectstatic runs here, in the builder: the build-only SECRET_KEY below never reaches the final image.',
			'COPY . .',
			`RUN ${buildEnvironment(facts).join(' ')} /opt/venv/bin/python ${facts.manage} collectstatic --noinput`,
		],
		copyFromBuilder: true,
		extraCopies: outside,
		workerClass: asgi ? uvicornWorker : null,
		additions,
	};
}

/** What dockwiz's smoke run sets for a Django app: ALLOWED_HOSTS that admit 127.0.0.1, parseable URLs. Never the image. */
export function djangoSmokeEnvironment(report: ProjectReport): Record<string, string> {
	const facts = djangoOf(report);
	if (!facts) return {};
	const env: Record<string, string> = {};
	for (const item of report.startup?.requiredEnv ?? []) {
		const value = placeholderFor(item.name, '');
		if (value) env[item.name] = value;
	}

	if (facts.allowedHostsEnv) {
		env[facts.allowedHostsEnv.name] = ['127.0.0.1', 'localhost'].join(facts.allowedHostsEnv.separator);
	}

	return env;
}

function where(report: ProjectReport): string {
	const facts = report.django;
	return facts?.settingsFiles.at(-1) ?? 'the settings';
}

export function djangoChanges(report: ProjectReport, choices: ProposalChoices): Change[] {
	const facts = djangoOf(report);
	if (!facts) return [];
	const changes: Change[] = [];
	if (facts.collectstatic) {
		changes.push({
			title: `\`manage.py collectstatic --noinput\` at build time, in the builder (STATIC_ROOT = ${facts.staticRoot})`,
			why: `${where(report)} sets STATIC_ROOT, so the static files must be collected into it before the app serves them${facts.whitenoise ? ' (whitenoise serves them from there)' : ''}. It runs in the builder stage with DJANGO_SETTINGS_MODULE=${facts.settingsModule ?? '?'} and a throwaway SECRET_KEY${facts.buildEnv.length > 0 ? ` (${facts.buildEnv.join(', ')} get build-only placeholders)` : ''}: the runtime image copies /app with the collected files, and neither the key nor the command is in its layers or history. The real key is given at run time.`,
			impact: 'correctness',
			rule: 'DW045',
		});
	}

	if (servesAsgi(report, choices)) {
		changes.push({
			title: `ASGI: gunicorn with uvicorn workers on ${choices.wsgiTarget}`,
			why: `${facts.channels ? 'channels is in INSTALLED_APPS: websockets and async consumers need an ASGI server, which WSGI gunicorn is not' : 'The project serves its ASGI application'}. gunicorn manages the worker processes (restarts, signals), each worker runs uvicorn's event loop.${report.dependencies.packages.some(item => item.name === 'uvicorn') ? '' : ' uvicorn is added to the install.'}`,
			impact: 'correctness',
		});
	}

	if (facts.allowedHostsEnv) {
		changes.push({
			title: `ALLOWED_HOSTS from ${facts.allowedHostsEnv.name} at run time`,
			why: `The settings read ALLOWED_HOSTS from ${facts.allowedHostsEnv.name}; the image sets none (the hosts are the deployment's). dockwiz's smoke test runs the container with ${facts.allowedHostsEnv.name}=${['127.0.0.1', 'localhost'].join(facts.allowedHostsEnv.separator)} for that run only, so Django answers its probe instead of 400 Bad Request.`,
			impact: 'correctness',
		});
	}

	return changes;
}

/** A Django project gunicorn cannot serve (no wsgi.py/asgi.py, no WSGI_APPLICATION) ends with what to add. */
export function requireDjangoApplication(report: ProjectReport): void {
	if (report.wsgiTarget || report.asgiTarget) return;
	const facts = report.django;
	const settings = facts?.settingsFiles.at(-1);
	const pkg = facts?.settingsModule?.split('.')[0] ?? 'yourproject';
	throw new UserError(`${report.root} holds a Django project (${facts?.manage ?? 'manage.py'}${facts?.settingsModule ? `, settings ${facts.settingsModule}` : ''}) but no WSGI application: there is no ${pkg}/wsgi.py and ${settings ? `${settings} sets no WSGI_APPLICATION` : 'no settings module was found'}. Add ${pkg}/wsgi.py (\`application = get_wsgi_application()\`, as django-admin startproject makes it), then run dockwiz again.`);
}

export function djangoWarnings(report: ProjectReport): string[] {
	const facts = djangoOf(report);
	if (!facts) return [];
	const warnings: string[] = [];
	if (!facts.settingsModule) {
		warnings.push('No DJANGO_SETTINGS_MODULE was found (manage.py, wsgi.py, the Dockerfile): set it with ENV DJANGO_SETTINGS_MODULE=yourproject.settings, or the server cannot load the settings.');
	}

	if (!facts.staticRoot) {
		warnings.push(`STATIC_ROOT is not set (${where(report)}): collectstatic cannot run, and with DEBUG off Django serves no static files. Set STATIC_ROOT = BASE_DIR / "staticfiles" and add whitenoise to MIDDLEWARE (or serve the folder from a proxy).`);
	} else if (!facts.whitenoise) {
		warnings.push(`The static files are collected into ${facts.staticRoot}, but nothing in the image serves them: with DEBUG off Django does not. Add "whitenoise.middleware.WhiteNoiseMiddleware" to MIDDLEWARE, or serve that folder from the proxy in front of the app.`);
	} else if (!facts.staticRootFolder) {
		warnings.push(`STATIC_ROOT (${facts.staticRoot}) is not a folder dockwiz can place: the collected files are kept only when it is inside /app.`);
	}

	const allowed = facts.allowedHostsEnv;
	if (!allowed && !facts.allowedHostsAdmitLocal) {
		warnings.push(`ALLOWED_HOSTS is fixed in ${where(report)}: a host it does not list gets 400 Bad Request (dockwiz's probe of 127.0.0.1 too, unless it is listed). Read it from the environment, e.g. ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",").`);
	}

	return warnings;
}
