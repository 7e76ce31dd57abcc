// Secrets: the context audit names them, the proposed .dockerignore keeps them out of the
// image, and no output (JSON, Markdown, plain lines, the wizard's screens, the written files)
// ever holds a secret's content. Links out of the folder are never packed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import tar from 'tar-stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ignoreRules, walkContext} from '../../source/analysis/index.js';
import {App} from '../../source/ui/app.js';
import {packContext} from '../../source/engine/index.js';
import type {DockwizReport, Options} from '../../source/types.js';
import {createWork} from '../../source/work.js';
import {ensureBuilt, removeBuiltCopy, runCli} from './run-cli.js';

// One marker per secret, so a leak names its source.
const markers = {
	env: 'MARKER-ENV-7f3a9c',
	envProduction: 'MARKER-ENVPROD-2b81d4',
	rsa: 'MARKER-RSA-c0ffee',
	pem: 'MARKER-PEM-5eed42',
	credentials: 'MARKER-CREDJSON-11aa22',
	aws: 'MARKER-AWS-93bd10',
	netrc: 'MARKER-NETRC-4410ab',
	outside: 'MARKER-OUTSIDE-77e1e1',
	pypirc: 'MARKER-PYPIRC-6d6d6d',
	dockerfileEnv: 'MARKER-DOCKERFILE-ENV-a1b2c3',
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-secrets-'));
const root = path.join(work, 'project');
const outside = path.join(work, 'outside');

function write(file: string, content: string): void {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, content);
}

function makeProject(): void {
	fs.rmSync(root, {recursive: true, force: true});
	write(path.join(root, 'app.py'), "import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.secret_key = os.environ['SECRET_KEY']\n");
	write(path.join(root, 'requirements.txt'), 'flask\ngunicorn\n');
	write(path.join(root, '.env'), `SECRET_KEY=${markers.env}\n`);
	write(path.join(root, '.env.production'), `DATABASE_URL=postgres://u:${markers.envProduction}@db/x\n`);
	write(path.join(root, '.env.example'), 'SECRET_KEY=change-me\n');
	write(path.join(root, 'deploy/id_rsa'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${markers.rsa}\n-----END OPENSSH PRIVATE KEY-----\n`);
	write(path.join(root, 'certs/server.pem'), `-----BEGIN PRIVATE KEY-----\n${markers.pem}\n-----END PRIVATE KEY-----\n`);
	write(path.join(root, 'config/credentials.json'), `{"token": "${markers.credentials}"}\n`);
	write(path.join(root, '.aws/credentials'), `[default]\naws_secret_access_key = ${markers.aws}\n`);
	write(path.join(root, '.netrc'), `machine example.org login me password ${markers.netrc}\n`);
	write(path.join(root, 'pkg/.pypirc'), `[pypi]\npassword = ${markers.pypirc}\n`);
	// A naive Dockerfile that copies everything: the audit has something to warn about.
	write(path.join(root, 'Dockerfile'), `FROM python:3.11\nWORKDIR /app\nENV API_TOKEN=${markers.dockerfileEnv}\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n`);
	write(path.join(outside, 'token.txt'), `${markers.outside}\n`);
	fs.symlinkSync(path.join(outside, 'token.txt'), path.join(root, 'token.txt'));
	fs.symlinkSync(outside, path.join(root, 'shared'));
	fs.symlinkSync('../outside/token.txt', path.join(root, 'relative-token.txt'));
}

/** The markers found in a text, by name. */
function leaks(text: string): string[] {
	return Object.entries(markers).filter(([, marker]) => text.includes(marker)).map(([name]) => name);
}

const secretPaths = ['.env', '.env.production', 'deploy/id_rsa', 'certs/server.pem', 'config/credentials.json', '.aws', '.netrc', 'pkg/.pypirc'];
// The audit names a secret folder with a trailing slash.
const auditNames = secretPaths.map(p => (p === '.aws' ? '.aws/' : p));

beforeAll(() => {
	makeProject();
	ensureBuilt();
}, 320_000);

afterAll(() => {
	removeBuiltCopy();
	fs.rmSync(work, {recursive: true, force: true});
});

describe('a project with secrets in its folder', () => {
	let report: DockwizReport;
	const outputs: Record<string, string> = {};

	beforeAll(async () => {
		const json = await runCli([root, '--no-build', '--json', '--report', path.join(work, 'report-json.md')]);
		expect(json.code, json.stderr).toBe(0);
		report = JSON.parse(json.stdout) as DockwizReport;
		outputs['JSON stdout'] = json.stdout;
		outputs['JSON stderr'] = json.stderr;
		outputs['Markdown report'] = fs.readFileSync(path.join(work, 'report-json.md'), 'utf8');
		const plain = await runCli([root, '--no-build', '--yes', '--dry-run']);
		expect(plain.code, plain.stderr).toBe(0);
		outputs['plain stdout'] = plain.stdout;
		outputs['plain stderr'] = plain.stderr;
	}, 120_000);

	it('the context audit flags every one of them (and not the shared example)', () => {
		expect(report.context.secrets).toEqual(expect.arrayContaining(auditNames));
		expect(report.context.secrets).not.toContain('.env.example');
		expect(report.findings.map(f => f.rule)).toEqual(expect.arrayContaining(['DW004', 'DW012']));
	});

	it('the proposed .dockerignore excludes them all, and the proposed context holds none', async () => {
		const rules = ignoreRules(report.proposal.dockerignore);
		const notExcluded = secretPaths.filter(secret => !rules.ignores(secret));
		expect(notExcluded, report.proposal.dockerignore).toEqual([]);
		expect(report.context.proposed?.secrets).toEqual([]);
		const walk = await walkContext(root, report.proposal.dockerignore);
		const packed = walk.included.map(f => f.path);
		expect(packed.filter(p => secretPaths.some(s => p === s || p.startsWith(`${s}/`)))).toEqual([]);
		expect(packed).toContain('.env.example');
	});

	it('no output holds a secret\'s content: JSON, Markdown report, plain lines', () => {
		expect(Object.keys(outputs)).toHaveLength(5);
		for (const [name, text] of Object.entries(outputs)) {
			if (!name.endsWith('stderr')) expect(text.length, name).toBeGreaterThan(0);
			expect(leaks(text), name).toEqual([]);
		}
	});

	it('the written Dockerfile and .dockerignore hold none either', async () => {
		const copy = path.join(work, 'written');
		fs.cpSync(root, copy, {recursive: true, verbatimSymlinks: true});
		const run = await runCli([copy, '--no-build', '--yes', '--write']);
		expect(run.code, run.stderr).toBe(0);
		expect(leaks(run.stdout + run.stderr)).toEqual([]);
		for (const file of ['Dockerfile', '.dockerignore']) expect(leaks(fs.readFileSync(path.join(copy, file), 'utf8')), file).toEqual([]);
	});

	it('the wizard\'s screens never show one, on every frame from scan to summary', async () => {
		const options: Options = {dir: root, demo: false, yes: true, json: false, build: false, write: false, dryRun: true, base: 'slim', python: undefined, runs: 1, network: undefined, keepImages: false, report: undefined, mode: 'tui'};
		let exitCode: number | null = null;
		const app = render(<App options={options} work={createWork(options)} color={false} onExit={code => {
			exitCode = code;
		}} />);
		// Walk every screen: tab through panes and confirm until the wizard ends or time is up.
		const started = Date.now();
		while (exitCode === null && Date.now() - started < 20_000) {
			await new Promise(resolve => setTimeout(resolve, 150));
			app.stdin.write('\t');
			await new Promise(resolve => setTimeout(resolve, 150));
			app.stdin.write('\r');
		}

		const frames = app.frames.join('\n');
		app.unmount();
		expect(frames).toContain('.env');
		expect(app.frames.at(-1)).toContain('Before / after');
		expect(app.frames.length).toBeGreaterThan(3);
		expect(leaks(frames)).toEqual([]);
	}, 30_000);
});

describe('links pointing out of the folder', () => {
	it('are left out of the context under any .dockerignore, and no packed byte comes from outside', async () => {
		makeProject();
		for (const ignore of [null, '', '*\n!token.txt\n!shared\n!relative-token.txt\n']) {
			const walk = await walkContext(root, ignore);
			expect(walk.outsideLinks).toEqual(expect.arrayContaining(['relative-token.txt', 'shared', 'token.txt']));
			expect(walk.included.map(f => f.path)).not.toEqual(expect.arrayContaining(['token.txt']));
			expect(walk.included.filter(f => f.kind === 'symlink')).toEqual([]);

			const packed = packContext(root, walk.included);
			const names: string[] = [];
			const chunks: Buffer[] = [];
			const extract = tar.extract();
			extract.on('entry', (header, stream, next) => {
				names.push(header.name);
				stream.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
				stream.on('end', next);
			});
			await new Promise<void>((resolve, reject) => {
				extract.on('finish', resolve);
				extract.on('error', reject);
				packed.stream.pipe(extract);
			});
			await packed.done;
			expect(names.filter(n => /token|shared/.test(n))).toEqual([]);
			expect(leaks(Buffer.concat(chunks).toString('utf8')).filter(name => name === 'outside')).toEqual([]);
		}
	});
});
