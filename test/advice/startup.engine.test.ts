import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultChoices, lintDockerfile, propose} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import type {BaseFlavor} from '../../source/types.js';
import {freePort} from '../engine/engine-helpers.js';
import {answerSeconds, classicBuild, classicOnly, firstAnswer, fixtureWithFiles, newMade, removeMade, run, startOnHost} from './engine-probe.js';

// The failure classes seen on real Flask apps, one fixture each (test/fixtures/startup/): the
// proposal must build, start as a non-root user and answer HTTP below 500 the first time.
// Classic builder, network mode host, loopback only (TESTENV.md); base images are 3.11 here.
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'startup');
const runId = `${process.pid}`;
const made = newMade();

type Case = {
	failureClass: string;
	fixture: string;
	flavor: BaseFlavor;
	/** What the proposed Dockerfile must say to fix the class. */
	dockerfile: RegExp;
	/** What the first answer's body proves (the step ran, the file was written, the data was found). */
	body: RegExp;
	/** Run with a PORT of its own, as a platform would, and probe that port. */
	platformPort?: boolean;
};

const cases: Case[] = [
	{failureClass: '1 pkg_resources', fixture: 'pkg-resources-old-gunicorn', flavor: 'slim', dockerfile: /"setuptools<82"/, body: /"status":\s*"ok"/},
	{failureClass: '2 non-root writes', fixture: 'instance-sqlite-factory', flavor: 'slim', dockerfile: /install -d -o 10001 -g 10001 \/app \/app\/instance \/app\/logs/, body: /^1 visits so far$/},
	{failureClass: '2 non-root writes (distroless)', fixture: 'instance-sqlite-factory', flavor: 'distroless', dockerfile: /COPY --from=builder --chown=65532:65532 \/runtime \//, body: /^1 visits so far$/},
	{failureClass: '3 apt names from an older Debian (netcat)', fixture: 'old-debian-packages', flavor: 'slim', dockerfile: /apt-get install -y --no-install-recommends netcat-openbsd/, body: /^nc: \S*\/nc$/},
	{failureClass: '4 gunicorn.conf.py', fixture: 'gunicorn-dev-config', flavor: 'slim', dockerfile: /"--config", "\/dev\/null"/, body: /dev-config app/},
	{failureClass: '5 src/ layout', fixture: 'src-layout-hatch', flavor: 'slim', dockerfile: /"--pythonpath", "\/app\/src"/, body: /A-100/},
	{failureClass: '5 declared package folder imported from the root', fixture: 'declared-package-folder', flavor: 'slim', dockerfile: /"--pythonpath", "\/app\/lib", "serve:web_app"/, body: /^bank=4300, cash=120$/},
	{failureClass: '5 installable project (-e . in requirements.txt)', fixture: 'editable-project', flavor: 'slim', dockerfile: /-r requirements-without-project.txt/, body: /<li>Dune<\/li>/},
	{failureClass: '6 start-up steps', fixture: 'entrypoint-steps', flavor: 'slim', dockerfile: /ENTRYPOINT \["sh", "docker-entrypoint.sh"\]/, body: /^coffee, tea$/},
	{failureClass: '7 $PORT', fixture: 'port-from-env', flavor: 'slim', dockerfile: /PORT=\d+/, body: /^running$/, platformPort: true},
	{failureClass: '8 working directory', fixture: 'subfolder-relative-paths', flavor: 'slim', dockerfile: /"--pythonpath", "\/app\/web"/, body: /^Welcome$/},
];

afterAll(async () => removeMade(made));

describe('real-app failure classes: the proposal builds and answers the first time', () => {
	it.each(cases)('class $failureClass ($fixture, $flavor)', async ({fixture, flavor, dockerfile, body, platformPort}) => {
		const report = await scanProject(path.join(fixtures, fixture));
		const port = await freePort();
		const proposal = propose(report, {...defaultChoices(report, {base: flavor, python: '3.11'}, classicOnly), port});
		expect(proposal.dockerfile).toMatch(dockerfile);
		expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);

		const dir = await fixtureWithFiles(made, path.join(fixtures, fixture), 'dockwiz-startup', proposal);
		const label = `${fixture}-${flavor}`;
		const image = `dockwiz-startup-test-${label}:${runId}`;
		const container = `dockwiz-startup-test-${label}-${runId}`;
		const build = await classicBuild(made, dir, image);
		expect(build.status, `build failed:\n${proposal.dockerfile}\n${build.output.slice(-3000)}`).toBe(0);

		// A platform injects its own PORT: the app must listen there, not on the image's default.
		const listenPort = platformPort ? await freePort() : port;
		const start = await startOnHost(made, image, container, platformPort ? {PORT: String(listenPort)} : {});
		expect(start.status, start.output).toBe(0);
		const answer = await firstAnswer(`http://127.0.0.1:${listenPort}/`, answerSeconds);
		const logs = (await run('docker', ['logs', '--tail', '30', container])).output;
		const user = (await run('docker', ['image', 'inspect', '-f', '{{.Config.User}}', image])).output.trim();
		await run('docker', ['rm', '-f', container]);
		process.stderr.write(`[startup engine] ${label}: built in ${build.seconds.toFixed(1)} s, HTTP ${answer?.status ?? 'none'} on ${listenPort}\n`);

		expect(answer, `no HTTP answer on ${listenPort}; container logs:\n${logs}\n${proposal.dockerfile}`).not.toBeNull();
		expect(answer!.status, `container logs:\n${logs}`).toBeLessThan(500);
		expect(answer!.server).toMatch(/^gunicorn/);
		expect(answer!.body.trim()).toMatch(body);
		expect(user).toBe(flavor === 'distroless' ? '65532:65532' : '10001:10001');
	});
});
