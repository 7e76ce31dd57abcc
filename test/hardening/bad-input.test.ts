// The bad-input corpus: every case runs the built CLI headless and must end with its
// expected exit code and a message that says what is wrong and what to do (exit 2), or a
// finding (exit 0) — never a stack trace. Cases git cannot hold are made here in temp folders.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {unreadablePatterns} from '../../source/analysis/ignore-rules.js';
import {walkContext} from '../../source/analysis/index.js';
import type {DockwizReport} from '../../source/types.js';
import {ensureBuilt, removeBuiltCopy, repoRoot, runCli, stackTraceIn, type CliRun} from './run-cli.js';
import {prepareUnprivileged, type UnprivilegedKit} from './unprivileged.js';

type CaseSpec = {
	why: string;
	args: string[];
	exit: number;
	/** For exit 2: a regex the last stderr message must match. */
	stderr?: string;
	/** For exit 0 with --json: a finding that must be in the report. */
	finding?: {rule: string; file?: string};
	json?: {wsgiTarget?: string; packages?: string[]};
	/** A regex one of the proposal's warnings must match. */
	warning?: string;
	/** Texts (planted credentials, an outside file's content) that no output may hold: stdout, stderr, the Markdown report. */
	absent?: string[];
};

const corpusRoot = path.join(repoRoot, 'test/fixtures/bad-input');
const corpus = fs.readdirSync(corpusRoot).filter(name => fs.existsSync(path.join(corpusRoot, name, 'case.json'))).sort();
const temps: string[] = [];

function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-bad-input-'));
	temps.push(dir);
	return dir;
}

/** A copy of the case's project (the run may write into it), with `{dir}` in args pointing there. */
function projectCopy(name: string): string {
	const dir = tempDir();
	fs.cpSync(path.join(corpusRoot, name, 'project'), dir, {recursive: true});
	fs.rmSync(path.join(dir, '.gitkeep'), {force: true});
	return dir;
}

const flaskApp = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'hello'\n";

function flaskProject(): string {
	return flaskProjectIn(tempDir());
}

function flaskProjectIn(dir: string): string {
	fs.writeFileSync(path.join(dir, 'app.py'), flaskApp);
	fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\n');
	return dir;
}

/** The checks every case shares, then its own. */
function check(spec: CaseSpec, run: CliRun): DockwizReport | null {
	const context = `${spec.why}\nexit ${run.code} (${run.signal ?? 'no signal'}) after ${run.seconds.toFixed(1)} s\nstderr:\n${run.stderr.slice(-2000)}`;
	expect(run.signal, context).toBeNull();
	expect(stackTraceIn(run.stderr), context).toBeNull();
	for (const text of spec.absent ?? []) {
		expect(run.stdout.includes(text), `${context}\n${text} is in stdout`).toBe(false);
		expect(run.stderr.includes(text), `${context}\n${text} is in stderr`).toBe(false);
	}

	expect(run.code, context).toBe(spec.exit);
	if (spec.exit === 2) {
		const last = run.stderr.trim().split('\n').filter(line => line.trim() !== '').slice(-3).join('\n');
		expect(last, context).toMatch(new RegExp(spec.stderr ?? '.', 's'));
		expect(run.stdout.trim().startsWith('{'), 'no JSON report after a usage error').toBe(false);
		return null;
	}

	expect(stackTraceIn(run.stdout), context).toBeNull();
	if (!spec.args.includes('--json')) return null;
	const report = JSON.parse(run.stdout) as DockwizReport;
	expect(Object.keys(report)).toEqual(['project', 'context', 'findings', 'proposal', 'builds', 'summary']);
	expect(report.proposal.dockerfile).toMatch(/^FROM /m);
	// Whatever the user's .dockerignore held, the proposed one is one Docker can read.
	expect(unreadablePatterns(report.proposal.dockerignore)).toEqual([]);
	if (spec.finding) {
		const {rule, file} = spec.finding;
		const match = report.findings.find(f => new RegExp(`^(?:${rule})`).test(f.rule) && (file === undefined || f.file === file));
		expect(match, `${context}\nfindings: ${JSON.stringify(report.findings.map(f => [f.rule, f.file ?? null]))}`).toBeDefined();
		expect(match?.message.length).toBeGreaterThan(10);
		expect(match?.fix.length).toBeGreaterThan(5);
	}

	if (spec.warning) expect(report.proposal.warnings.some(warning => new RegExp(spec.warning as string).test(warning)), `${context}\nwarnings: ${JSON.stringify(report.proposal.warnings)}`).toBe(true);
	if (spec.json?.wsgiTarget) expect(report.project.wsgiTarget).toBe(spec.json.wsgiTarget);
	if (spec.json?.packages) expect(report.project.dependencies.packages).toEqual(spec.json.packages);
	return report;
}

let kit: UnprivilegedKit;
const asNobody = () => ({cli: kit.cliPath, prefix: kit.prefix, env: kit.env, cwd: kit.home});

beforeAll(() => {
	ensureBuilt();
	kit = prepareUnprivileged();
}, 620_000);

afterAll(() => {
	removeBuiltCopy();
	kit?.remove();
	for (const dir of temps) {
		// Undo what the generated cases did to permissions so the folder can go.
		execFileSync('chmod', ['-R', 'u+rwx', dir]);
		fs.rmSync(dir, {recursive: true, force: true});
	}
}, 120_000);

let tried = 0;

describe.concurrent('the bad-input corpus (test/fixtures/bad-input)', () => {
	it('holds at least 50 cases', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(50);
	});

	for (const name of corpus) {
		it(name, async () => {
			const spec = JSON.parse(fs.readFileSync(path.join(corpusRoot, name, 'case.json'), 'utf8')) as CaseSpec;
			const dir = projectCopy(name);
			const args = spec.args.map(arg => arg.replaceAll('{dir}', dir));
			check(spec, await runCli(args, {cwd: dir}));
			tried++;
		});
	}
});

describe.concurrent('bad inputs git cannot hold', () => {
	it('an empty folder', async () => {
		const dir = tempDir();
		check({why: 'empty folder', args: [dir, '--no-build', '--json'], exit: 2, stderr: 'No Flask app found.*Run dockwiz in your Flask project'}, await runCli([dir, '--no-build', '--json']));
		tried++;
	});

	it('a symbolic link loop, a folder link loop and a dangling link', async () => {
		const dir = flaskProject();
		fs.symlinkSync('b.py', path.join(dir, 'a.py'));
		fs.symlinkSync('a.py', path.join(dir, 'b.py'));
		fs.mkdirSync(path.join(dir, 'pkg'));
		fs.symlinkSync('..', path.join(dir, 'pkg', 'up'));
		fs.symlinkSync('.', path.join(dir, 'self'));
		fs.symlinkSync('nowhere.txt', path.join(dir, 'dangling.txt'));
		fs.symlinkSync('requirements-loop.txt', path.join(dir, 'requirements-loop.txt'));
		const report = check({why: 'link loops', args: ['--json'], exit: 0, json: {wsgiTarget: 'app:app', packages: ['flask']}}, await runCli([dir, '--no-build', '--json']));
		expect(report?.context.files).toBeLessThan(20);
		tried++;
	});

	it('links pointing out of the folder are reported and never packed', async () => {
		const dir = flaskProject();
		fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd'));
		fs.symlinkSync('/', path.join(dir, 'rootfs'));
		fs.symlinkSync('../../../../../../../etc', path.join(dir, 'etc'));
		const report = check({why: 'links out', args: ['--json'], exit: 0, finding: {rule: 'DW908'}}, await runCli([dir, '--no-build', '--json']));
		expect(report?.context.files).toBeLessThan(10);
		tried++;
	});

	it('a 50 MB source file and a 50 MB data file', async () => {
		const dir = flaskProject();
		// Sparse files: 50 MB to every reader, no disk to write.
		for (const name of ['big.py', 'data.bin', 'requirements-big.txt']) {
			fs.writeFileSync(path.join(dir, name), '');
			fs.truncateSync(path.join(dir, name), 50 * 1024 * 1024);
		}

		const run = await runCli([dir, '--no-build', '--json']);
		const report = check({why: '50 MB files', args: ['--json'], exit: 0, finding: {rule: 'DW904'}, json: {wsgiTarget: 'app:app'}}, run);
		expect(report?.context.bytes).toBeGreaterThan(100 * 1024 * 1024);
		expect(run.seconds).toBeLessThan(30);
		tried++;
	});

	it('pipes and sockets where files are expected', async () => {
		const dir = flaskProject();
		execFileSync('mkfifo', [path.join(dir, 'views.py'), path.join(dir, 'constraints.txt'), path.join(dir, 'Pipfile')]);
		fs.appendFileSync(path.join(dir, 'requirements.txt'), '-c constraints.txt\n');
		const report = check({why: 'fifos', args: ['--json'], exit: 0, finding: {rule: 'DW901'}, json: {wsgiTarget: 'app:app'}}, await runCli([dir, '--no-build', '--json'], {timeoutSeconds: 30}));
		expect(report?.findings.filter(f => f.rule === 'DW901').map(f => f.file)).toEqual(expect.arrayContaining(['views.py']));
		tried++;
	});

	it('file names that are not UTF-8', async () => {
		const dir = flaskProject();
		fs.writeFileSync(Buffer.from(`${dir}/caf\xe9.py`, 'latin1'), 'x = 1\n');
		fs.mkdirSync(Buffer.from(`${dir}/d\xff\xfe`, 'latin1'));
		fs.writeFileSync(Buffer.from(`${dir}/d\xff\xfe/n\x01.txt`, 'latin1'), 'y\n');
		fs.writeFileSync(path.join(dir, 'line\nbreak.py'), 'z = 2\n');
		check({why: 'non-UTF-8 names', args: ['--json'], exit: 0, json: {wsgiTarget: 'app:app', packages: ['flask']}}, await runCli([dir, '--no-build', '--json']));
		tried++;
	});

	it('a folder where the Dockerfile, .dockerignore and requirements.txt should be', async () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'app.py'), flaskApp);
		for (const name of ['Dockerfile', '.dockerignore', 'requirements.txt', 'pyproject.toml']) fs.mkdirSync(path.join(dir, name));
		check({why: 'folders named like files', args: ['--json'], exit: 0, json: {wsgiTarget: 'app:app'}}, await runCli([dir, '--no-build', '--json']));
		tried++;
	});

	it('unreadable files and folders (run as an unprivileged user)', async () => {
		const dir = flaskProjectIn(kit.projectDir());
		fs.writeFileSync(path.join(dir, 'views.py'), 'x = 1\n');
		fs.mkdirSync(path.join(dir, 'private'));
		fs.writeFileSync(path.join(dir, 'private', 'notes.txt'), 'n\n');
		fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11\n');
		fs.writeFileSync(path.join(dir, 'extra.txt'), 'requests\n');
		fs.appendFileSync(path.join(dir, 'requirements.txt'), '-r extra.txt\n');
		for (const file of ['views.py', 'Dockerfile', 'extra.txt']) fs.chmodSync(path.join(dir, file), 0o000);
		fs.chmodSync(path.join(dir, 'private'), 0o000);
		// Root reads everything: the CLI runs as `nobody`, as a user whose files these are not.
		const run = await runCli([dir, '--no-build', '--json'], asNobody());
		const report = check({why: 'unreadable', args: ['--json'], exit: 0, finding: {rule: 'DW901'}, json: {wsgiTarget: 'app:app'}}, run);
		expect(report?.findings.filter(f => f.rule === 'DW901').map(f => f.file).sort()).toEqual(expect.arrayContaining(['private', 'views.py']));
		tried++;
	});

	// Reads outside the project: links and includes that lead out are findings, never read.
	const outsideCanary = 'CANARY-OUTSIDE-FILE-2f9c7b';
	const environCanary = 'CANARY-ENVIRON-8e1d4a';

	/** A file outside the project (beside its folder) holding the canary as a requirement, a command and a key. */
	function outsideFile(dir: string, name: string): string {
		const file = path.join(path.dirname(dir), `${path.basename(dir)}-${name}`);
		fs.writeFileSync(file, `${outsideCanary}\nweb: gunicorn ${outsideCanary}:app\nexec gunicorn --bind 0.0.0.0:8000 ${outsideCanary}:app\nFROM ${outsideCanary}\n`);
		temps.push(file);
		return file;
	}

	async function runHostile(dir: string, finding: {rule: string; file?: string}, why: string): Promise<DockwizReport | null> {
		// The job's own environment holds a token: a link to /proc/self/environ must not print it.
		const run = await runCli([dir, '--no-build', '--json', '--report', path.join(path.dirname(dir), `${path.basename(dir)}-report.md`)], {env: {DOCKWIZ_JOB_TOKEN: environCanary}, timeoutSeconds: 30});
		const report = check({why, args: ['--json'], exit: 0, finding, absent: [outsideCanary, environCanary, 'DOCKWIZ_JOB_TOKEN']}, run);
		const markdown = fs.readFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-report.md`), 'utf8');
		temps.push(path.join(path.dirname(dir), `${path.basename(dir)}-report.md`));
		expect(markdown.includes(outsideCanary) || markdown.includes(environCanary), 'the Markdown report holds outside content').toBe(false);
		const plain = await runCli([dir, '--no-build', '--yes', '--dry-run'], {env: {DOCKWIZ_JOB_TOKEN: environCanary}, timeoutSeconds: 30});
		expect(plain.code, plain.stderr).toBe(0);
		expect([outsideCanary, environCanary].filter(text => plain.stdout.includes(text) || plain.stderr.includes(text))).toEqual([]);
		return report;
	}

	it('requirements.txt that is a link to /proc/self/environ', async () => {
		const dir = flaskProject();
		fs.rmSync(path.join(dir, 'requirements.txt'));
		fs.symlinkSync('/proc/self/environ', path.join(dir, 'requirements.txt'));
		const report = await runHostile(dir, {rule: 'DW911', file: 'requirements.txt'}, 'requirements.txt -> /proc/self/environ');
		expect(report?.findings.find(f => f.rule === 'DW911')?.message).toMatch(/\/proc/);
		tried++;
	});

	it('requirements.txt that is a link to a file outside the project', async () => {
		const dir = flaskProject();
		fs.rmSync(path.join(dir, 'requirements.txt'));
		fs.symlinkSync(outsideFile(dir, 'requirements.txt'), path.join(dir, 'requirements.txt'));
		const report = await runHostile(dir, {rule: 'DW911', file: 'requirements.txt'}, 'requirements.txt -> outside');
		expect(report?.project.dependencies.packages).toEqual([]);
		tried++;
	});

	it('`-r ../outside.txt` to a file that exists outside, and a relative link through a folder', async () => {
		const dir = flaskProject();
		const outside = outsideFile(dir, 'outside.txt');
		fs.appendFileSync(path.join(dir, 'requirements.txt'), `-r ../${path.basename(outside)}\n-r deps/base.txt\n`);
		fs.symlinkSync(path.dirname(dir), path.join(dir, 'deps'));
		fs.writeFileSync(path.join(path.dirname(dir), 'base.txt'), `${outsideCanary}\n`);
		temps.push(path.join(path.dirname(dir), 'base.txt'));
		const report = await runHostile(dir, {rule: 'DW907', file: 'requirements.txt'}, '-r out of the project');
		expect(report?.findings.filter(f => f.rule === 'DW911').map(f => f.file)).toContain('deps/base.txt');
		expect(report?.project.dependencies.packages).toEqual(['flask']);
		tried++;
	});

	it('a FIFO named requirements.txt: never opened, no wait', async () => {
		const dir = flaskProject();
		fs.rmSync(path.join(dir, 'requirements.txt'));
		execFileSync('mkfifo', [path.join(dir, 'requirements.txt')]);
		const run = await runCli([dir, '--no-build', '--json'], {timeoutSeconds: 30});
		const report = check({why: 'requirements.txt is a FIFO', args: ['--json'], exit: 0, finding: {rule: 'DW901', file: 'requirements.txt'}}, run);
		expect(report?.findings.find(f => f.rule === 'DW901' && f.file === 'requirements.txt')?.message).toMatch(/not a regular file|pipe/);
		expect(run.seconds).toBeLessThan(20);
		tried++;
	});

	it('a Dockerfile, a Procfile and a start script that are links out of the project', async () => {
		const dir = flaskProject();
		fs.symlinkSync(outsideFile(dir, 'Dockerfile'), path.join(dir, 'Dockerfile'));
		fs.symlinkSync('/proc/self/environ', path.join(dir, 'Procfile'));
		fs.symlinkSync(outsideFile(dir, 'boot.sh'), path.join(dir, 'boot.sh'));
		fs.symlinkSync(outsideFile(dir, 'gunicorn.conf.py'), path.join(dir, 'gunicorn.conf.py'));
		const report = await runHostile(dir, {rule: 'DW911', file: 'Dockerfile'}, 'Dockerfile and friends -> outside');
		expect(report?.findings.filter(f => f.rule === 'DW911').map(f => f.file).sort()).toEqual(expect.arrayContaining(['Dockerfile', 'Procfile', 'gunicorn.conf.py']));
		tried++;
	});

	it('a poetry.lock that is a link out of the project is not copied by name', async () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'app.py'), flaskApp);
		fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.poetry]\nname = "x"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "*"\n');
		fs.symlinkSync(outsideFile(dir, 'poetry.lock'), path.join(dir, 'poetry.lock'));
		const report = check({why: 'poetry.lock -> outside', args: ['--json'], exit: 0, warning: 'does not copy "poetry\\.lock" \\(it is a link that points outside the project\\)', absent: [outsideCanary]}, await runCli([dir, '--no-build', '--json']));
		expect(report?.proposal.dockerfile).toMatch(/^COPY pyproject\.toml \.\/$/m);
		expect(report?.proposal.dockerfile).not.toMatch(/^COPY .*poetry\.lock/m);
		tried++;
	});

	it('a requirements/ folder that is a link out of the project', async () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'app.py'), flaskApp);
		const outside = tempDir();
		fs.writeFileSync(path.join(outside, 'base.txt'), `${outsideCanary}\n`);
		fs.symlinkSync(outside, path.join(dir, 'requirements'));
		const report = await runHostile(dir, {rule: 'DW908', file: 'requirements'}, 'requirements/ -> outside');
		expect(report?.project.dependencies.files).toEqual([]);
		tried++;
	});

	// Ignore-file injection: names that would be a comment, an exception or two lines.
	it('large files named "!important", "#notes" and with a line break become one inert exclusion each', async () => {
		const dir = flaskProject();
		const names = ['!important', '#notes.csv', 'line\nbreak.bin', 'data[1].bin'];
		for (const name of names) {
			fs.writeFileSync(path.join(dir, name), '');
			fs.truncateSync(path.join(dir, name), 6 * 1024 * 1024);
		}

		fs.writeFileSync(path.join(dir, 'important'), 'not junk\n');
		const report = check({why: 'hostile names', args: ['--json'], exit: 0, json: {wsgiTarget: 'app:app'}}, await runCli([dir, '--no-build', '--json']));
		const lines = (report?.proposal.dockerignore ?? '').split('\n');
		// No name became an exception, a line of its own, or a comment that hides nothing.
		expect(lines.filter(line => line.startsWith('!'))).toEqual(['!.env.example']);
		for (const bare of ['important', 'line', 'break.bin', 'notes.csv']) expect(lines, bare).not.toContain(bare);
		expect(lines).toEqual(expect.arrayContaining(['\\!important', '\\#notes.csv', 'line?break.bin', 'data\\[1\\].bin']));
		const walk = await walkContext(dir, report?.proposal.dockerignore ?? null);
		const sent = walk.included.map(entry => entry.path);
		expect(sent).toEqual(expect.arrayContaining(['app.py', 'important']));
		for (const name of names) expect(sent, JSON.stringify(name)).not.toContain(name);
		tried++;
	});

	it('a project .dockerignore that brings a secret back: the proposal still leaves it out', async () => {
		const dir = flaskProject();
		fs.writeFileSync(path.join(dir, '.env'), 'SECRET_KEY=CANARY-DOTENV-c1d2e3\n');
		fs.mkdirSync(path.join(dir, 'keys'));
		fs.writeFileSync(path.join(dir, 'keys', '!prod.pem'), '-----BEGIN PRIVATE KEY-----\nCANARY-PEM-f4e5d6\n-----END PRIVATE KEY-----\n');
		fs.writeFileSync(path.join(dir, '.dockerignore'), '*.pyc\n!.env\n!keys\n');
		const report = check({why: 'exceptions re-include secrets', args: ['--json'], exit: 0, finding: {rule: 'DW004'}, absent: ['CANARY-DOTENV-c1d2e3', 'CANARY-PEM-f4e5d6']}, await runCli([dir, '--no-build', '--json']));
		expect(report?.context.secrets).toEqual(expect.arrayContaining(['.env', 'keys/!prod.pem']));
		expect(report?.context.proposed?.secrets).toEqual([]);
		const walk = await walkContext(dir, report?.proposal.dockerignore ?? null);
		expect(walk.included.map(entry => entry.path)).not.toEqual(expect.arrayContaining(['.env']));
		expect(walk.included.map(entry => entry.path)).not.toContain('keys/!prod.pem');
		tried++;
	});

	it('an unreadable project folder', async () => {
		const dir = flaskProjectIn(kit.projectDir());
		fs.chmodSync(dir, 0o000);
		check({why: 'unreadable root', args: [], exit: 2, stderr: 'permission|cannot be read|not readable'}, await runCli([dir, '--no-build', '--json'], asNobody()));
		tried++;
	});
});

describe.concurrent('writes that cannot be done are refused before any file changes', () => {
	/** Everything in the folder, by name: kind and content. */
	const listing = (dir: string) =>
		fs
			.readdirSync(dir, {withFileTypes: true})
			.map(entry => `${entry.name}:${entry.isFile() ? fs.readFileSync(path.join(dir, entry.name), 'utf8') : entry.isDirectory() ? 'dir' : 'other'}`)
			.sort();

	it('a FIFO where the .dockerignore goes: exit 2, the Dockerfile untouched, no backup, no temp file', async () => {
		const dir = flaskProject();
		fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11\nCOPY . /app\n');
		execFileSync('mkfifo', [path.join(dir, '.dockerignore')]);
		const before = listing(dir);
		const run = await runCli([dir, '--yes', '--no-build', '--write'], {timeoutSeconds: 30});
		check({why: 'fifo destination', args: [], exit: 2, stderr: '\\.dockerignore is a named pipe \\(FIFO\\).*Remove it, or run with --dry-run'}, run);
		expect(listing(dir)).toEqual(before);
		tried++;
	});

	it('a read-only project folder (as an unprivileged user): exit 2 naming the folder and the fix', async () => {
		const dir = flaskProjectIn(kit.projectDir());
		fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11\nCOPY . /app\n');
		fs.chmodSync(dir, 0o555);
		const before = listing(dir);
		const run = await runCli([dir, '--yes', '--no-build', '--write'], asNobody());
		check({why: 'read-only folder', args: [], exit: 2, stderr: 'not writable \\(EACCES\\).*chmod u\\+w.*--dry-run'}, run);
		expect(listing(dir)).toEqual(before);
		tried++;
	});

	it('--report over a file dockwiz did not write keeps it as .bak; its own report is replaced', async () => {
		const dir = flaskProject();
		const notes = path.join(dir, 'notes.md');
		fs.writeFileSync(notes, '# my notes\n');
		const first = await runCli([dir, '--yes', '--no-build', '--report', notes]);
		expect(first.code, first.stderr).toBe(0);
		expect(fs.readFileSync(`${notes}.bak`, 'utf8')).toBe('# my notes\n');
		expect(fs.readFileSync(notes, 'utf8')).toMatch(/^# dockwiz report/);
		const second = await runCli([dir, '--yes', '--no-build', '--report', notes]);
		expect(second.code, second.stderr).toBe(0);
		expect(fs.readdirSync(dir).filter(name => name.startsWith('notes.md')).sort()).toEqual(['notes.md', 'notes.md.bak']);
		tried++;
	});
});

afterAll(() => {
	process.stderr.write(`[hardening] bad inputs tried: ${tried}\n`);
});
