import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {defaultChoices, lintDockerfile, propose, smokeEnvironment} from '../../source/advice/index.js';
import {buildOnlySecret} from '../../source/advice/django-plan.js';
import {freePort} from '../engine/engine-helpers.js';
import {answerSeconds, classicBuild, classicOnly, firstAnswer, fixtureWithFiles, newMade, removeMade, run, startOnHost} from './engine-probe.js';

// The Django proposal on the real engine: it builds (collectstatic in the builder), the
// container answers a page AND the static file the page links (whitenoise, from STATIC_ROOT),
// and the final image carries neither the build-only key nor the command that used it.
// Classic builder, network mode host, loopback only (TESTENV.md).
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'django');
const made = newMade();
afterAll(async () => removeMade(made));

async function buildAndStart(name: string) {
	const report = await scanProject(path.join(fixtures, name));
	const port = await freePort();
	const proposal = propose(report, {...defaultChoices(report, {base: 'slim', python: '3.11'}, classicOnly), port});
	expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);
	const dir = await fixtureWithFiles(made, path.join(fixtures, name), 'dockwiz-django', proposal);
	const image = `dockwiz-django-test-${name}:${process.pid}`;
	const container = `dockwiz-django-test-${name}-${process.pid}`;
	const build = await classicBuild(made, dir, image);
	expect(build.status, `build of ${name} failed:\n${proposal.dockerfile}\n${build.output.slice(-3000)}`).toBe(0);
	// What dockwiz's own smoke test gives the container: placeholders and ALLOWED_HOSTS for 127.0.0.1, never in the image.
	const start = await startOnHost(made, image, container, smokeEnvironment({...report, port}));
	expect(start.status, start.output).toBe(0);
	const logs = async () => (await run('docker', ['logs', '--tail', '40', container])).output;
	return {report, proposal, port, image, build, logs};
}

describe('the Django proposal on the real engine', () => {
	it('startproject + whitenoise: collectstatic at build, a page and its static file answer 200, the key is nowhere in the final image', async () => {
		const {port, image, build, logs} = await buildAndStart('startproject-whitenoise');
		expect(build.output).toMatch(/static files? copied to '\/app\/staticfiles'/);
		const page = await firstAnswer(`http://127.0.0.1:${port}/`, answerSeconds);
		expect(page?.status, `no page; logs:\n${await logs()}`).toBe(200);
		expect(page?.server).toMatch(/^gunicorn/);
		expect(page?.body).toContain('<h1>Polls</h1>');
		// The manifest storage links the hashed name: the page's own link is what a browser fetches.
		const href = /href="([^"]+\.css)"/.exec(page?.body ?? '')?.[1];
		expect(href).toMatch(/^\/static\/polls\/style\.[0-9a-f]{12}\.css$/);
		const css = await fetch(`http://127.0.0.1:${port}${href}`);
		expect(css.status).toBe(200);
		expect(css.headers.get('content-type')).toMatch(/text\/css/);
		expect(await css.text()).toContain('color: #0c4b33');

		const history = await run('docker', ['history', '--no-trunc', '--format', '{{.CreatedBy}}', image]);
		const inspect = await run('docker', ['image', 'inspect', image]);
		expect(history.status).toBe(0);
		for (const text of [history.output, inspect.output]) {
			expect(text).not.toContain(buildOnlySecret);
			expect(text).not.toContain('SECRET_KEY');
			expect(text).not.toContain('collectstatic');
		}

		expect(JSON.parse(inspect.output)[0].Config.User).toBe('10001:10001');
	});

	it('channels: served over ASGI by gunicorn\'s uvicorn workers, answering 200', async () => {
		const {port, proposal, logs} = await buildAndStart('channels-asgi');
		expect(proposal.dockerfile).toContain('"--worker-class", "uvicorn.workers.UvicornWorker", "chat.asgi:application"');
		const page = await firstAnswer(`http://127.0.0.1:${port}/`, answerSeconds);
		expect(page?.status, `no page; logs:\n${await logs()}`).toBe(200);
		expect(page?.body).toBe('chat lobby');
		expect(await logs()).toMatch(/uvicorn\.workers\.UvicornWorker|Application startup complete/);
	});
});
