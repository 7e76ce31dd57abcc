import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {findingsFor, propose} from '../source/advice/index.js';
import {defaultChoices} from '../source/advice/choices.js';
import {scanProject} from '../source/analysis/index.js';
import {djangoDemoFiles} from '../source/demo-django.js';
import {type DemoProject, materializeDemo} from '../source/demo.js';
import {parseCommandLine} from '../source/flags.js';
import {resolveOptions} from '../source/options.js';

describe('--demo NAME', () => {
	it('takes a demo\'s name after --demo or with =, and --demo alone stays the Flask demo', () => {
		expect(parseCommandLine(['--demo', 'django', '--json'])).toEqual({ok: true, action: 'run', input: [], flags: {demo: true, demoApp: 'django', json: true}});
		expect(parseCommandLine(['--demo=django'])).toEqual({ok: true, action: 'run', input: [], flags: {demo: true, demoApp: 'django'}});
		expect(parseCommandLine(['--demo', '--yes'])).toEqual({ok: true, action: 'run', input: [], flags: {demo: true, yes: true}});
		const alone = resolveOptions([], {demo: true}, {}, false, '/', () => true);
		expect(alone.ok && alone.options.demoApp).toBe(undefined);
		const django = resolveOptions([], {demo: true, demoApp: 'django'}, {}, false, '/', () => true);
		expect(django.ok && django.options.demoApp).toBe('django');
	});

	it('refuses a name no demo has, naming the ones there are', () => {
		expect(parseCommandLine(['--demo', 'rails'])).toEqual({ok: true, action: 'run', input: [], flags: {demo: true, demoApp: 'rails'}});
		expect(resolveOptions([], {demo: true, demoApp: 'rails'}, {}, false, '/', () => true)).toEqual({ok: false, message: '--demo rails is not a bundled demo: use --demo flask, --demo fastapi or --demo django (--demo alone is flask). To run on a folder, drop --demo: dockwiz path/to/project.'});
		expect(resolveOptions(['sub'], {demo: true}, {}, false, '/', () => true)).toMatchObject({ok: false, message: expect.stringContaining('--demo runs on the bundled demo app, not on a folder')});
	});
});

describe('the Django demo', () => {
	let demo: DemoProject;
	beforeAll(async () => {
		demo = await materializeDemo('django');
	}, 60_000);
	afterAll(async () => demo?.cleanup());

	it('is written with its app files and the clutter of a real checkout', async () => {
		expect(path.basename(demo.dir)).toBe('django-demo');
		for (const file of djangoDemoFiles) expect(await readFile(path.join(demo.dir, file.path), 'utf8')).toBe(file.text);
		expect(await readFile(path.join(demo.dir, '.env'), 'utf8')).toContain('DJANGO_SECRET_KEY=');
		expect(await readFile(path.join(demo.dir, '.venv/lib/python3.11/site-packages/django-4.2.16.dist-info/METADATA'), 'utf8')).toContain('Name: django');
	});

	it('is found as Django, with a page, a static file, collectstatic and the naive Dockerfile\'s faults', async () => {
		const report = await scanProject(demo.dir);
		expect(report.framework).toBe('django');
		expect(report.wsgiTarget).toBe('shop.wsgi:application');
		expect(report.django).toMatchObject({settingsModule: 'shop.settings', staticRoot: 'BASE_DIR / "staticfiles"', collectstatic: true, whitenoise: true});
		const rules = findingsFor(report).map(finding => finding.rule);
		expect(rules).toEqual(expect.arrayContaining(['DW043', 'DW044', 'DW045', 'DW046', 'DW032', 'DW005', 'DW003']));
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.dockerfile).toContain('manage.py collectstatic --noinput');
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "shop.wsgi:application"]');
	});
});
