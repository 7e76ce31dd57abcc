import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultChoices, findingsFor, lintDockerfile, propose} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {frameworkEvidenceOf} from '../../source/report/framework-evidence.js';

// FastAPI/Starlette projects in the shapes real apps have (test/fixtures/fastapi/): what the
// scan finds (target, server, port) and what the proposal runs, one row each.
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'fastapi');

type Row = {
	fixture: string;
	asgiTarget: string;
	server: 'uvicorn' | 'gunicorn' | 'hypercorn';
	port: number;
	/** The import root the target is found from, when not the project root. */
	chdir?: string;
	/** The start command the proposal runs on slim. */
	command: RegExp;
	/** ASGI lint rules the existing Dockerfile breaks. */
	rules?: string[];
	workers?: number;
};

const rows: Row[] = [
	{fixture: 'main-app', asgiTarget: 'main:app', server: 'uvicorn', port: 8080, command: /^CMD \["sh", "-c", "exec uvicorn main:app --host 0\.0\.0\.0 --port \\"\$\{PORT:-8080\}\\" --proxy-headers"\]$/m},
	{fixture: 'app-package', asgiTarget: 'app.main:app', server: 'uvicorn', port: 80, command: /exec uvicorn app\.main:app --host 0\.0\.0\.0 --port \\"\$\{PORT:-80\}\\" --proxy-headers"/, rules: ['DW040']},
	{fixture: 'src-layout', asgiTarget: 'inventory.api:app', server: 'uvicorn', port: 8000, chdir: 'src', command: /exec uvicorn inventory\.api:app --host/},
	{fixture: 'factory', asgiTarget: 'service.factory:create_app()', server: 'uvicorn', port: 8000, command: /exec uvicorn service\.factory:create_app --factory --host 0\.0\.0\.0/},
	{fixture: 'gunicorn-workers', asgiTarget: 'api.main:app', server: 'gunicorn', port: 8000, workers: 4, command: /^CMD \["gunicorn", "--worker-class", "uvicorn\.workers\.UvicornWorker", "--workers", "4", "api\.main:app"\]$/m},
	{fixture: 'poetry-app', asgiTarget: 'shop.app:app', server: 'uvicorn', port: 8000, command: /exec uvicorn shop\.app:app --host/},
	{fixture: 'starlette-hypercorn', asgiTarget: 'app:app', server: 'hypercorn', port: 5001, command: /exec hypercorn --bind \\"0\.0\.0\.0:\$\{PORT:-5001\}\\" app:app"/},
	{fixture: 'postgres-api', asgiTarget: 'app.main:app', server: 'uvicorn', port: 8000, command: /exec uvicorn app\.main:app --host/},
	{fixture: 'fastapi-cli', asgiTarget: 'main:app', server: 'uvicorn', port: 8000, command: /exec uvicorn main:app --host/, rules: ['DW042']},
	// app/ has no __init__.py: the Dockerfile's `app.main:app` is kept (the scan alone would say main:app from app/).
	{fixture: 'namespace-package', asgiTarget: 'app.main:app', server: 'uvicorn', port: 8000, command: /exec uvicorn app\.main:app --host/},
	{fixture: 'localhost-bind', asgiTarget: 'server:app', server: 'uvicorn', port: 9000, command: /exec uvicorn server:app --host 0\.0\.0\.0 --port \\"\$\{PORT:-9000\}\\"/, rules: ['DW041']},
];

describe('FastAPI/Starlette fixture projects', () => {
	it('has at least 8 of them', () => {
		expect(rows.length).toBeGreaterThanOrEqual(8);
	});

	it.each(rows)('$fixture: $asgiTarget served by $server on $port', async row => {
		const report = await scanProject(path.join(fixtures, row.fixture));
		expect(report.framework).toBe('fastapi');
		expect(report.frameworkEvidence.length).toBeGreaterThan(0);
		expect(report.wsgiTarget).toBeNull();
		expect(report.asgiTarget).toBe(row.asgiTarget);
		expect(report.server).toBe(row.server);
		expect(report.port).toBe(row.port);
		expect(report.wsgiCandidates[0]?.chdir).toBe(row.chdir);
		expect(report.asgi?.workers ?? undefined).toBe(row.workers);

		const choices = defaultChoices(report, {base: 'slim', python: '3.11'});
		expect(choices.wsgiTarget).toBe(row.asgiTarget);
		const proposal = propose(report, choices);
		expect(proposal.dockerfile).toMatch(row.command);
		expect(proposal.dockerfile).toMatch(/^USER 10001:10001$/m);
		expect(proposal.dockerfile).not.toMatch(/--reload/);
		expect(proposal.warnings.filter(warning => /Flask-style|No WSGI/.test(warning))).toEqual([]);
		// The proposal passes its own lint, on the found port and on another one (--port, the wizard's `o`).
		expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);
		const moved = propose(report, {...choices, port: 18_080});
		expect(lintDockerfile(moved.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);
		const asgiRules = findingsFor(report, '3.11').map(finding => finding.rule).filter(rule => /^DW04\d$/.test(rule));
		expect(asgiRules).toEqual(row.rules ?? []);
	});

	it('src layout: uvicorn finds the package through PYTHONPATH, the working directory stays /app', async () => {
		const report = await scanProject(path.join(fixtures, 'src-layout'));
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		expect(proposal.dockerfile).toMatch(/PYTHONPATH=\/app\/src/);
		expect(proposal.changes.map(change => change.title)).toContain('Imports the app from src/ with PYTHONPATH; the working directory stays /app');
	});

	it('says why: the server change names the server found and its evidence', async () => {
		const report = await scanProject(path.join(fixtures, 'gunicorn-workers'));
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		const served = proposal.changes.find(change => change.title.startsWith('Served by'));
		expect(served?.title).toBe('Served by gunicorn with uvicorn workers (uvicorn.workers.UvicornWorker) on api.main:app, bound to 0.0.0.0:$PORT');
		expect(served?.why).toContain('Procfile:1');
		expect(served?.why).toContain('--workers 4 is kept');
	});

	it('psycopg2 brings libpq5 into the runtime stage of an ASGI image too', async () => {
		const report = await scanProject(path.join(fixtures, 'postgres-api'));
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		expect(report.nativeNeeds.flatMap(need => need.runtimePackages)).toEqual(['libpq5']);
		expect(proposal.dockerfile).toMatch(/apt-get install -y --no-install-recommends libpq5/);
	});

	it('distroless: no shell to expand $PORT, so uvicorn runs from the venv on a fixed port', async () => {
		const report = await scanProject(path.join(fixtures, 'main-app'));
		const proposal = propose(report, defaultChoices(report, {base: 'distroless', python: '3.11'}));
		expect(proposal.dockerfile).toMatch(/^ENTRYPOINT \["\/opt\/venv\/bin\/python", "-m", "uvicorn", "main:app", "--host", "0\.0\.0\.0", "--port", "8080", "--proxy-headers"\]$/m);
		expect(proposal.changes.map(change => change.why).join(' ')).toContain('Distroless has no shell to expand $PORT');
	});

	it('the naive before of an ASGI app runs uvicorn on the app port (with --factory and --app-dir where needed)', async () => {
		const {naiveBaseline} = await import('../../source/advice/baseline.js');
		const factory = await scanProject(path.join(fixtures, 'factory'));
		expect(naiveBaseline(factory, '3.11')).toMatch(/^CMD \["uvicorn", "service\.factory:create_app", "--factory", "--host", "0\.0\.0\.0", "--port", "8000"\]$/m);
		const src = await scanProject(path.join(fixtures, 'src-layout'));
		expect(naiveBaseline(src, '3.11')).toMatch(/"--app-dir", "src"/);
		const starlette = await scanProject(path.join(fixtures, 'starlette-hypercorn'));
		expect(naiveBaseline(starlette, '3.11')).toMatch(/^RUN pip install -r requirements\.txt && pip install uvicorn$/m);
	});

	it('headless progress and the JSON evidence say which framework was found and why', async () => {
		const lines: string[] = [];
		const report = await scanProject(path.join(fixtures, 'factory'), line => lines.push(line));
		expect(lines).toContain('FastAPI/Starlette (ASGI) app found: service.factory:create_app() (service/factory.py:6: application factory create_app())');
		expect(lines).toContain('ASGI server: uvicorn (Procfile:1: uvicorn service.factory:create_app --factory --host 0.0.0.0 --port $PORT)');
		expect(frameworkEvidenceOf(report).map(evidence => evidence.file)).toEqual(['requirements.txt']);
		const starlette = await scanProject(path.join(fixtures, 'starlette-hypercorn'));
		expect(frameworkEvidenceOf(starlette)[0]).toEqual({file: 'app.py', line: 10, detail: 'app = Starlette(routes=[Route("/", homepage)])'});
	});
});
