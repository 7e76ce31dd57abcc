import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {findingsFor, naiveBaseline, propose, smokeEnvironment} from '../../source/advice/index.js';
import {defaultChoices} from '../../source/advice/choices.js';
import {buildOnlySecret} from '../../source/advice/django-plan.js';
import {scanProject} from '../../source/analysis/index.js';
import type {BaseFlavor} from '../../source/types.js';
import {assembleReport} from '../../source/report/assemble.js';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'django', name);

async function proposalFor(name: string, flavor: BaseFlavor = 'slim') {
	const report = await scanProject(fixture(name));
	const choices = defaultChoices(report, {base: flavor, python: undefined});
	return {report, choices, proposal: propose(report, choices)};
}

/** The Dockerfile's stages: [builder, runtime]. */
function stages(dockerfile: string): string[] {
	return dockerfile.split(/^(?=FROM )/m).filter(part => part.startsWith('FROM'));
}

describe('the proposal for a Django project', () => {
	it('collects static files in the builder with a build-only key that the runtime stage never names', async () => {
		const {proposal} = await proposalFor('startproject-whitenoise');
		const [builder, runtime] = stages(proposal.dockerfile);
		expect(builder).toContain(`RUN DJANGO_SETTINGS_MODULE=mysite.settings DJANGO_SECRET_KEY=${buildOnlySecret} PYTHONDONTWRITEBYTECODE=1 /opt/venv/bin/python manage.py collectstatic --noinput`);
		// The code is copied into the builder after the dependency install: code edits keep the install cached.
		expect(builder).toContain('/opt/venv/bin/python -m pip install');
		expect(builder.indexOf('COPY . .')).toBeGreaterThan(builder.indexOf('/opt/venv/bin/python -m pip install'));
		expect(runtime).not.toMatch(/SECRET_KEY|collectstatic|^ENV DEBUG/m);
		expect(runtime).toContain('COPY --from=builder --chown=10001:10001 /app .');
		expect(runtime).toContain('CMD ["gunicorn", "mysite.wsgi:application"]');
		expect(proposal.changes.map(change => change.title)).toEqual(expect.arrayContaining([
			'`manage.py collectstatic --noinput` at build time, in the builder (STATIC_ROOT = BASE_DIR / "staticfiles")',
			'The image does not run `python manage.py migrate`: run it once',
			'ALLOWED_HOSTS from DJANGO_ALLOWED_HOSTS at run time',
		]));
		expect(proposal.warnings.join('\n')).not.toContain('proposal is made for Flask');
	});

	it('gives the smoke run ALLOWED_HOSTS for 127.0.0.1 and the key as a placeholder, nothing in the image', async () => {
		const {report, proposal} = await proposalFor('startproject-whitenoise');
		expect(smokeEnvironment(report)).toEqual({DJANGO_SECRET_KEY: 'dockwiz-smoke-placeholder', DJANGO_ALLOWED_HOSTS: '127.0.0.1,localhost'});
		expect(proposal.dockerfile).not.toContain('ALLOWED_HOSTS');
	});

	it('gives a database URL Django can parse, at build and in the smoke run (django-environ\'s env.db())', async () => {
		const {report, proposal} = await proposalFor('cookiecutter-config');
		expect(proposal.dockerfile).toContain('DATABASE_URL=sqlite:////tmp/dockwiz-placeholder.sqlite3 DJANGO_SECRET_KEY=dockwiz-build-only-not-a-secret');
		expect(proposal.dockerfile).toContain('DJANGO_SETTINGS_MODULE=config.settings.production');
		expect(smokeEnvironment(report).DATABASE_URL).toBe('sqlite:////tmp/dockwiz-placeholder.sqlite3');
		// psycopg2 compiles against libpq in the builder and loads libpq5 at run time.
		const [builder, runtime] = stages(proposal.dockerfile);
		expect(builder).toContain('libpq-dev');
		expect(runtime).toContain('libpq5');
	});

	it('runs the server and collectstatic from manage.py\'s folder in a src layout', async () => {
		const {proposal} = await proposalFor('src-layout');
		expect(proposal.dockerfile).toContain('/opt/venv/bin/python src/manage.py collectstatic --noinput');
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "--chdir", "/app/src", "bookshelf.wsgi:application"]');
		expect(proposal.warnings.join('\n')).toContain('nothing in the image serves them');
	});

	it('serves a channels app over ASGI with uvicorn workers, adding uvicorn', async () => {
		const {choices, proposal} = await proposalFor('channels-asgi');
		expect(choices.wsgiTarget).toBe('chat.asgi:application');
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "--worker-class", "uvicorn.workers.UvicornWorker", "chat.asgi:application"]');
		expect(proposal.dockerfile).toMatch(/install (?:--no-cache-dir )?-r requirements.txt "gunicorn>=20\.1" uvicorn/);
		expect(proposal.changes.map(change => change.title)).toContain('ASGI: gunicorn with uvicorn workers on chat.asgi:application');
	});

	it('does not collect without STATIC_ROOT, and says why', async () => {
		const {proposal} = await proposalFor('runserver-no-static-root');
		expect(proposal.dockerfile).not.toContain('collectstatic');
		expect(proposal.dockerfile).toContain('COPY --chown=10001:10001 . .');
		expect(proposal.warnings.join('\n')).toContain('STATIC_ROOT is not set');
	});

	it('works for distroless: collectstatic in the Debian builder, the venv\'s python as the entrypoint', async () => {
		const {proposal} = await proposalFor('startproject-whitenoise', 'distroless');
		const [builder, runtime] = stages(proposal.dockerfile);
		expect(builder).toContain('manage.py collectstatic --noinput');
		expect(runtime).toContain('ENTRYPOINT ["/opt/venv/bin/python", "-m", "gunicorn", "mysite.wsgi:application"]');
		expect(runtime).not.toContain('SECRET_KEY');
	});

	it('starts the naive baseline with runserver', async () => {
		const report = await scanProject(fixture('backend-folder-procfile'));
		expect(naiveBaseline(report, '3.11')).toContain('CMD ["python", "backend/manage.py", "runserver", "0.0.0.0:8000"]');
	});
});

describe('the Django findings', () => {
	it('names runserver, DEBUG and the key in an existing Dockerfile (DW046, not DW012)', async () => {
		const report = await scanProject(fixture('runserver-no-static-root'));
		const rules = findingsFor(report).map(finding => finding.rule);
		expect(rules).toEqual(expect.arrayContaining(['DW043', 'DW044', 'DW046']));
		expect(rules).not.toContain('DW012');
		expect(rules).not.toContain('DW006');
		expect(rules).not.toContain('DW045');
	});

	it('names collectstatic missing while STATIC_ROOT is set, and the build arg key', async () => {
		const report = await scanProject(fixture('settings-package-env'));
		const findings = findingsFor(report);
		expect(findings.find(finding => finding.rule === 'DW045')?.message).toContain('blog/settings/prod.py');
		expect(findings.find(finding => finding.rule === 'DW046')?.message).toContain('SECRET_KEY is set with ARG');
	});

	it('names migrate as the set-up step nothing runs, and not when the Procfile\'s release phase runs it', async () => {
		const findings = findingsFor(await scanProject(fixture('postgres-dj-database-url')));
		expect(findings.find(finding => finding.rule === 'DW032')?.message).toContain('python manage.py migrate');
		const released = await scanProject(fixture('backend-folder-procfile'));
		expect(released.startup?.initCommands?.map(command => command.name)).toEqual(['migrate']);
		expect(findingsFor(released).map(finding => finding.rule)).not.toContain('DW032');
	});
});

describe('the JSON report of a Django project', () => {
	it('says django, why, the targets, and project.django; the build-only key is shown as it is (not a secret)', async () => {
		const {report, proposal} = await proposalFor('channels-asgi');
		const json = assembleReport({report, findings: findingsFor(report), proposal, measurement: null});
		expect(json.project).toMatchObject({framework: 'django', wsgiTarget: 'chat.wsgi:application', asgiTarget: 'chat.asgi:application', django: {settingsModule: 'chat.settings', staticRoot: null, collectstatic: false, whitenoise: false}});
		expect(json.project.frameworkEvidence?.map(item => item.detail)).toEqual(expect.arrayContaining(['DJANGO_SETTINGS_MODULE defaults to chat.settings', 'channels in INSTALLED_APPS']));
		const collected = await proposalFor('startproject-whitenoise');
		const withKey = assembleReport({report: collected.report, findings: [], proposal: collected.proposal, measurement: null});
		expect(withKey.proposal.dockerfile).toContain(`DJANGO_SECRET_KEY=${buildOnlySecret}`);
	});
});
