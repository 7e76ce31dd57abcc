import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {examplesOf, findingsFor, lintDockerfile, renderRulesDoc, rules} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import {makeReport} from './make-report.js';

// The catalogue's examples run against a Flask app with one package that compiles on musl.
const exampleReport = makeReport({
	dependencies: {packages: [
		{name: 'flask', spec: '', extras: [], file: 'requirements.txt'},
		{name: 'psycopg2', spec: '==2.9.9', extras: [], file: 'requirements.txt'},
	]},
});

// Rules about Django's settings lint their examples as part of a startproject-style Django project.
const djangoExampleReport = makeReport({
	framework: 'django',
	wsgiTarget: 'mysite.wsgi:application',
	dependencies: {packages: [{name: 'django', spec: '', extras: [], file: 'requirements.txt'}]},
	django: {
		manage: 'manage.py', base: '', settingsModule: 'mysite.settings', settingsSource: 'manage.py:9', settingsFiles: ['mysite/settings.py'],
		wsgiApplication: 'mysite.wsgi.application', asgiApplication: null, staticRoot: 'BASE_DIR / "staticfiles"', staticRootFolder: 'staticfiles', staticUrl: '/static/',
		whitenoise: true, channels: false, collectstatic: true, buildEnv: ['DJANGO_SECRET_KEY'], allowedHostsEnv: null, allowedHostsAdmitLocal: true, migrations: [], evidence: [],
	},
});
// DW047's: a FastAPI project whose main.py starts uvicorn with reload=True when run as a script.
const reloadExampleReport = makeReport({
	framework: 'fastapi',
	wsgiTarget: null,
	asgiTarget: 'main:app',
	dependencies: {packages: [{name: 'fastapi', spec: '', extras: [], file: 'requirements.txt'}, {name: 'uvicorn', spec: '', extras: [], file: 'requirements.txt'}]},
	asgi: {server: 'uvicorn', evidence: [], workers: null, reload: false, scriptReloads: [{file: 'main.py', line: 12, detail: 'uvicorn.run("main:app", reload=True)'}]},
});
const reportFor = (rule: (typeof rules)[number]) => (rule.example.project === 'django' ? djangoExampleReport : rule.example.project === 'fastapi-reload' ? reloadExampleReport : exampleReport);

const dockerfileRules = rules.filter(rule => rule.scope === 'dockerfile');
const contextRules = rules.filter(rule => rule.scope === 'context');

/** Each example of each rule, numbered as the catalogue lists them. */
function cases(list: typeof rules, kind: 'bad' | 'good') {
	return list.flatMap(rule => examplesOf(rule)[kind].map((text, index) => [`${rule.id} ${kind} #${index + 1}`, rule, text] as const));
}

// Context rules' examples are .dockerignore files: they run against a real project on disk,
// scanned as dockwiz scans, with the things a build context should not carry.
const contextProject = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-rule-examples-'));
afterAll(() => fs.rmSync(contextProject, {recursive: true, force: true}));
const projectFiles: Record<string, string> = {
	'app.py': "from flask import Flask\n\napp = Flask(__name__)\n",
	'requirements.txt': 'flask\n',
	'Dockerfile': 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
	'.git/HEAD': 'ref: refs/heads/main\n',
	'.venv/pyvenv.cfg': 'home = /usr/bin\n',
	'__pycache__/app.cpython-311.pyc': 'compiled',
	'.env': 'SECRET_KEY=example\n',
};
for (const [file, content] of Object.entries(projectFiles)) {
	fs.mkdirSync(path.dirname(path.join(contextProject, file)), {recursive: true});
	fs.writeFileSync(path.join(contextProject, file), content);
}

// DW002's bad example is the absence of the file, written as this line in the catalogue.
const noDockerignore = '(no .dockerignore in the project)\n';

// An example in another language names the project file it stands for on its first line
// (`# requirements.txt`): it replaces that file for the scan, and the file is put back after.
async function otherFileFindings(rule: (typeof rules)[number], relative: string, text: string) {
	const file = path.join(contextProject, relative);
	const original = projectFiles[relative];
	fs.writeFileSync(file, text);
	try {
		return findingsFor(await scanProject(contextProject)).filter(finding => finding.rule === rule.id);
	} finally {
		if (original === undefined) fs.rmSync(file, {force: true});
		else fs.writeFileSync(file, original);
	}
}

async function contextFindings(rule: (typeof rules)[number], text: string) {
	const named = rule.example.language ? /^# (\S+)\n/.exec(text)?.[1] : undefined;
	if (named) return otherFileFindings(rule, named, text);
	const file = path.join(contextProject, '.dockerignore');
	if (text === noDockerignore) fs.rmSync(file, {force: true});
	else fs.writeFileSync(file, text);
	return findingsFor(await scanProject(contextProject)).filter(finding => finding.rule === rule.id);
}

describe('the rule catalogue', () => {
	it('has at least 20 rules with unique ids in hadolint or dockwiz form', () => {
		expect(rules.length).toBeGreaterThanOrEqual(20);
		const ids = rules.map(rule => rule.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) {
			expect(id).toMatch(/^(DL\d{4}|DW\d{3})$/);
		}
	});

	it('gives every rule a title, a reason, a fix and both examples', () => {
		for (const rule of rules) {
			expect(rule.title.length, rule.id).toBeGreaterThan(10);
			expect(rule.why.length, rule.id).toBeGreaterThan(30);
			expect(rule.fix.length, rule.id).toBeGreaterThan(10);
			const {bad, good} = examplesOf(rule);
			expect(new Set([...bad, ...good]).size, `${rule.id}: every example differs`).toBe(bad.length + good.length);
		}
	});

	it.each(cases(dockerfileRules, 'bad'))('%s fires', (_name, rule, text) => {
		const bad = lintDockerfile(text, reportFor(rule), rule.exampleSettings).filter(finding => finding.rule === rule.id);
		expect(bad.length).toBeGreaterThan(0);
		expect(bad[0].severity).toBe(rule.severity);
	});

	it.each(cases(dockerfileRules, 'good'))('%s does not fire', (_name, rule, text) => {
		expect(lintDockerfile(text, reportFor(rule), rule.exampleSettings).filter(finding => finding.rule === rule.id)).toEqual([]);
	});

	// One at a time: they share the project folder.
	it.each(cases(contextRules, 'bad'))('%s fires on the project', async (_name, rule, text) => {
		const bad = await contextFindings(rule, text);
		expect(bad.length).toBeGreaterThan(0);
		expect(bad[0].severity).toBe(rule.severity);
	});

	it.each(cases(contextRules, 'good'))('%s does not fire on the project', async (_name, rule, text) => {
		expect(await contextFindings(rule, text)).toEqual([]);
	});

	it('keeps docs/rules.md in step with the rule modules (run scripts/gen-rules-doc.ts)', () => {
		const doc = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
		expect(doc, 'docs/rules.md is out of date: run `node --import tsx scripts/gen-rules-doc.ts`').toBe(renderRulesDoc(rules));
		for (const rule of rules) {
			expect(doc).toContain(`## ${rule.id}`);
		}
	});
});

describe('context rules', () => {
	it('DW002 reports a missing .dockerignore, and not an existing one', () => {
		expect(findingsFor(makeReport()).map(finding => finding.rule)).toContain('DW002');
		const withIgnore = makeReport({dockerignore: {path: '.dockerignore', text: '.git\n'}});
		expect(findingsFor(withIgnore).map(finding => finding.rule)).not.toContain('DW002');
	});

	it('DW003 names .git and virtualenvs sent in the context', () => {
		const report = makeReport({context: {largest: [{path: '.git/objects/pack/pack-1.pack', bytes: 9_000_000}, {path: '.venv/lib/python3.11/site-packages/x.so', bytes: 4_000_000}]}});
		const finding = findingsFor(report).find(item => item.rule === 'DW003');
		expect(finding?.message).toContain('.git');
		expect(finding?.message).toContain('.venv');
		expect(finding?.file).toBe('.dockerignore');
	});

	it('DW004 names the secrets in the context, as an error', () => {
		const finding = findingsFor(makeReport({context: {secrets: ['.env', 'certs/server.key']}})).find(item => item.rule === 'DW004');
		expect(finding?.severity).toBe('error');
		expect(finding?.message).toContain('.env');
		expect(finding?.message).toContain('certs/server.key');
	});

	it('findingsFor joins Dockerfile findings (with their file), context findings and scan problems, errors first', () => {
		const problem = {rule: 'DW900', severity: 'warning' as const, line: null, message: 'pyproject.toml is not valid TOML', fix: 'Fix the TOML syntax.', file: 'pyproject.toml'};
		const report = makeReport({
			dockerfile: {path: 'Dockerfile', text: fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'dockerfiles', 'article-naive.Dockerfile'), 'utf8')},
			problems: [problem],
		});
		const findings = findingsFor(report);
		expect(findings).toContainEqual(problem);
		expect(findings.find(finding => finding.rule === 'DW008')?.file).toBe('Dockerfile');
		expect(findings.map(finding => finding.rule)).toContain('DW002');
		const order = {error: 0, warning: 1, info: 2};
		const severities = findings.map(finding => order[finding.severity]);
		expect(severities).toEqual([...severities].sort((a, b) => a - b));
	});
});

describe('DW014 and the port', () => {
	it('compares EXPOSE with the port the command binds, else with the scanned port', () => {
		const report = makeReport({port: 5000, portSource: 'app.run(port=5000)'});
		const rulesFor = (text: string) => lintDockerfile(text, report).filter(finding => finding.rule === 'DW014');
		expect(rulesFor('FROM python:3.11-slim\nEXPOSE 9000\nCMD ["gunicorn", "-b", ":9000", "app:app"]\n')).toEqual([]);
		expect(rulesFor('FROM python:3.11-slim\nEXPOSE 9000\nCMD ["gunicorn", "--bind=0.0.0.0:9001", "app:app"]\n')[0].message).toContain('listens on 9001');
		expect(rulesFor('FROM python:3.11-slim\nEXPOSE 9000\nCMD ["python", "app.py"]\n')[0].message).toBe('EXPOSE 9000, but the app listens on 5000 (app.run(port=5000))');
	});
});

describe('DW022', () => {
	it('reports a COPY source the .dockerignore excludes, and not one it re-includes', () => {
		const dockerfile = {path: 'Dockerfile', text: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt ./\nCOPY app.py ./\n'};
		const excluded = findingsFor(makeReport({dockerfile, dockerignore: {path: '.dockerignore', text: '*.txt\n'}})).filter(finding => finding.rule === 'DW022');
		expect(excluded).toHaveLength(1);
		expect(excluded[0]).toMatchObject({severity: 'error', line: 3, file: 'Dockerfile'});
		expect(excluded[0].message).toContain('requirements.txt');
		const reincluded = findingsFor(makeReport({dockerfile, dockerignore: {path: '.dockerignore', text: '*.txt\n!requirements.txt\n'}}));
		expect(reincluded.map(finding => finding.rule)).not.toContain('DW022');
	});
});
