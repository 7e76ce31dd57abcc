import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {environmentReads, pythonStatements, readDjangoProject} from '../../source/analysis/django-project.js';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'django', name);

// Each Django fixture in the shape real projects have, and what the scan must read from it.
const expected: Record<string, {wsgi: string | null; asgi: string | null; settings: string; source: string; staticRoot: string | null; folder: string | null; whitenoise: boolean; buildEnv: string[]; hosts: {name: string; separator: string} | null; migrate: string | null; workdir?: string}> = {
	'startproject-whitenoise': {wsgi: 'mysite.wsgi:application', asgi: null, settings: 'mysite.settings', source: 'manage.py:8', staticRoot: 'BASE_DIR / "staticfiles"', folder: 'staticfiles', whitenoise: true, buildEnv: ['DJANGO_SECRET_KEY'], hosts: {name: 'DJANGO_ALLOWED_HOSTS', separator: ','}, migrate: 'polls/migrations/0001_initial.py'},
	// manage.py says local, wsgi.py production: the server's module wins, and its star import of base.py is followed.
	'cookiecutter-config': {wsgi: 'config.wsgi:application', asgi: null, settings: 'config.settings.production', source: 'config/wsgi.py:5', staticRoot: 'str(ROOT_DIR / "staticfiles")', folder: 'staticfiles', whitenoise: true, buildEnv: ['DATABASE_URL', 'DJANGO_SECRET_KEY'], hosts: {name: 'DJANGO_ALLOWED_HOSTS', separator: ','}, migrate: 'shop/orders/migrations/0001_initial.py'},
	'src-layout': {wsgi: 'bookshelf.wsgi:application', asgi: null, settings: 'bookshelf.settings', source: 'src/manage.py:8', staticRoot: 'os.path.join(BASE_DIR, "static_collected")', folder: 'src/static_collected', whitenoise: false, buildEnv: ['SECRET_KEY'], hosts: {name: 'ALLOWED_HOSTS', separator: ' '}, migrate: 'src/catalog/migrations/0001_initial.py', workdir: 'src'},
	'runserver-no-static-root': {wsgi: 'notes.wsgi:application', asgi: null, settings: 'notes.settings', source: 'manage.py:8', staticRoot: null, folder: null, whitenoise: false, buildEnv: [], hosts: null, migrate: null},
	'postgres-dj-database-url': {wsgi: 'inventory.wsgi:application', asgi: null, settings: 'inventory.settings', source: 'manage.py:8', staticRoot: 'BASE_DIR / "staticfiles"', folder: 'staticfiles', whitenoise: false, buildEnv: ['SECRET_KEY'], hosts: {name: 'ALLOWED_HOSTS', separator: ','}, migrate: 'stock/migrations/0001_initial.py'},
	'channels-asgi': {wsgi: 'chat.wsgi:application', asgi: 'chat.asgi:application', settings: 'chat.settings', source: 'manage.py:8', staticRoot: null, folder: null, whitenoise: false, buildEnv: [], hosts: {name: 'ALLOWED_HOSTS', separator: ','}, migrate: null},
	// The Dockerfile's ENV chooses the settings module over manage.py's and wsgi.py's defaults.
	'settings-package-env': {wsgi: 'blog.wsgi:application', asgi: null, settings: 'blog.settings.prod', source: 'Dockerfile:2 (ENV)', staticRoot: 'BASE_DIR / "collected-static"', folder: 'collected-static', whitenoise: true, buildEnv: ['SECRET_KEY'], hosts: {name: 'ALLOWED_HOSTS', separator: ','}, migrate: null},
	'backend-folder-procfile': {wsgi: 'api.wsgi:application', asgi: null, settings: 'api.settings', source: 'backend/manage.py:8', staticRoot: 'BASE_DIR / "static"', folder: 'backend/static', whitenoise: false, buildEnv: ['DJANGO_SECRET_KEY'], hosts: null, migrate: 'backend/tasks/migrations/0001_initial.py', workdir: 'backend'},
};

describe('Django projects', () => {
	it.each(Object.entries(expected))('%s', async (name, want) => {
		const report = await scanProject(fixture(name));
		expect(report.framework).toBe('django');
		expect(report.wsgiTarget).toBe(want.wsgi);
		expect(report.asgiTarget).toBe(want.asgi);
		const facts = report.django;
		expect(facts?.settingsModule).toBe(want.settings);
		expect(facts?.settingsSource).toBe(want.source);
		expect(facts?.staticRoot).toBe(want.staticRoot);
		expect(facts?.staticRootFolder).toBe(want.folder);
		expect(facts?.collectstatic).toBe(want.staticRoot !== null);
		expect(facts?.whitenoise).toBe(want.whitenoise);
		expect(facts?.buildEnv).toEqual(want.buildEnv);
		expect(facts?.allowedHostsEnv).toEqual(want.hosts);
		// The served target comes first, and runs in manage.py's folder.
		expect(report.wsgiCandidates[0]?.target).toBe(want.asgi ?? want.wsgi);
		expect(report.wsgiCandidates[0]?.workdir).toBe(want.workdir);
		const migrate = report.startup?.initCommands?.find(command => command.name === 'migrate');
		expect(migrate?.evidence.file ?? null).toBe(want.migrate);
		if (migrate) expect(migrate.script).toBe(facts?.manage);
		// The evidence says why: manage.py first, then where the settings module was set.
		expect(report.frameworkEvidence[0]?.detail).toContain('manage.py');
		expect(report.frameworkEvidence.map(item => item.detail).join('\n')).toContain(want.settings);
	});

	it('reads split settings in import order, the module\'s own file last', async () => {
		const report = await scanProject(fixture('cookiecutter-config'));
		expect(report.django?.settingsFiles).toEqual(['config/settings/base.py', 'config/settings/production.py']);
	});

	it('says which framework was found and why in the progress lines', async () => {
		const lines: string[] = [];
		await scanProject(fixture('channels-asgi'), line => lines.push(line));
		expect(lines.find(line => line.startsWith('Django project found'))).toContain('manage.py');
		expect(lines).toContain('Django serves ASGI chat.asgi:application; settings chat.settings; STATIC_ROOT not set');
	});

	it('keeps a Flask app a Flask app', async () => {
		const report = await scanProject(path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'article-app'));
		expect(report.framework).toBe('flask');
		expect(report.django).toBeUndefined();
	});
});

describe('settings read as text', () => {
	it('joins bracketed continuations and drops comments, not # inside strings', () => {
		const statements = pythonStatements('MIDDLEWARE = [\n    "a",  # first\n    "b#c",\n]\nX = 1\n');
		expect(statements).toEqual([{code: 'MIDDLEWARE = [ "a", "b#c", ]', line: 1, indent: 0}, {code: 'X = 1', line: 5, indent: 0}]);
	});

	it('tells required reads from reads with a default', () => {
		expect(environmentReads('os.environ["A"]')).toEqual([{name: 'A', required: true}]);
		expect(environmentReads('os.environ.get("A", "x")')).toEqual([{name: 'A', required: false}]);
		expect(environmentReads('env("A")')).toEqual([{name: 'A', required: true}]);
		expect(environmentReads('env("A", default="x")')).toEqual([{name: 'A', required: false}]);
		expect(environmentReads('env.bool("A", False)')).toEqual([{name: 'A', required: false}]);
		expect(environmentReads('config("A", "x")')).toEqual([{name: 'A', required: false}]);
		expect(environmentReads('config("A", cast=bool)')).toEqual([{name: 'A', required: true}]);
		expect(environmentReads('{"default": env.db()}')).toEqual([{name: 'DATABASE_URL', required: true}]);
		expect(environmentReads('get_env("A")')).toEqual([]);
	});
});

describe('settings shapes real projects use', () => {
	it('a key with a computed default, hosts set per platform under an if, STATIC_ROOT with joinpath', async () => {
		const files: Record<string, string> = {
			'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cfg.settings")\n',
			'site_cfg/__init__.py': '',
			'site_cfg/wsgi.py': 'application = get_wsgi_application()\n',
			'site_cfg/settings.py': [
				'SECRET_KEY = os.environ.get(',
				'    "DJANGO_SECRET_KEY",',
				'    default=secrets.token_urlsafe(nbytes=64),',
				')',
				'if ON_PLATFORM:',
				'    ALLOWED_HOSTS = ["*"]',
				'else:',
				'    ALLOWED_HOSTS = [".localhost", "127.0.0.1"]',
				'STATIC_ROOT = str(BASE_DIR.joinpath("staticfiles"))',
				'',
			].join('\n'),
		};
		const project = await readDjangoProject({pythonFiles: Object.keys(files), read: async file => files[file] ?? null, dockerfileEnv: [], dockerfileCommand: null, packages: [], migrationFolders: []});
		expect(project?.facts.buildEnv).toEqual([]);
		expect(project?.facts.allowedHostsAdmitLocal).toBe(true);
		expect(project?.facts.staticRootFolder).toBe('staticfiles');
		expect(project?.wsgiTarget).toBe('site_cfg.wsgi:application');
	});
});
