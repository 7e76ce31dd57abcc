// A canary credential planted in many places of a project (a Dockerfile's ENV and ARG, a URL
// password in requirements options, a Procfile command, .env, a Python comment, pyproject, a
// file outside reached by a link) never appears in any output: the JSON report, the plain
// summary, the Markdown report, the wizard's screens (the proposal's diff too), the
// progress lines. Generated projects (fast-check) for the pure pipeline; the built CLI once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultChoices, findingsFor, propose} from '../../source/advice/index.js';
import {auditContext, scanProject} from '../../source/analysis/index.js';
import {App} from '../../source/ui/app.js';
import {assembleReport} from '../../source/report/assemble.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {renderPlainSummary} from '../../source/report/plain.js';
import type {Options} from '../../source/types.js';
import {FindingsScreen} from '../../source/ui/screens/findings-screen.js';
import {ProposalScreen} from '../../source/ui/screens/proposal-screen.js';
import {createWork} from '../../source/work.js';
import {ensureBuilt, removeBuiltCopy, runCli} from './run-cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-canary-'));
let projects = 0;

afterAll(() => {
	removeBuiltCopy();
	fs.rmSync(work, {recursive: true, force: true});
});

/** Where a canary can hide, each as the file text that plants it. */
const places = {
	dockerfileEnvUrl: (c: string) => ({Dockerfile: `FROM python:3.11\nWORKDIR /app\nENV DATABASE_URL=postgres://app:${c}@db:5432/app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n`}),
	dockerfileArg: (c: string) => ({Dockerfile: `FROM python:3.11\nARG GITHUB_TOKEN=${c}\nENV API_KEY ${c}\nWORKDIR /app\nCOPY . .\nRUN pip install --index-url https://me:${c}@pypi.example/simple -r requirements.txt\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n`}),
	requirementsIndex: (c: string) => ({'requirements.txt': `--index-url https://user:${c}@pypi.example/simple\nflask\ngunicorn\n-r https://user:${c}@pypi.example/extra.txt\nbroken @@ https://x:${c}@h/p.whl\n`}),
	procfile: (c: string) => ({Procfile: `web: API_TOKEN=${c} gunicorn --bind 0.0.0.0:$PORT app:app --env SECRET_KEY=${c}\n`}),
	dotenv: (c: string) => ({'.env': `FLASK_APP=${c}\nPORT=${c}\nSECRET_KEY=${c}\nexport DATABASE_URL=postgres://u:${c}@h/db\n`}),
	pythonComment: (c: string) => ({'app.py': `from flask import Flask\n\napp = Flask(__name__)  # password=${c}\napp.config["SQLALCHEMY_DATABASE_URI"] = "postgres://u:${c}@h/db"\n\n\n@app.route('/')\ndef index():\n    return 'hi'\n\n\nif __name__ == '__main__':\n    app.run(port=5000)\n`}),
	pyproject: (c: string) => ({'pyproject.toml': `[project]\nname = "x"\nrequires-python = ">=3.10"\ndependencies = ["flask", "private @ https://u:${c}@git.example/p.tar.gz", "not a requirement token=${c}"]\n`}),
	gunicornConf: (c: string) => ({'gunicorn.conf.py': `wsgi_app = "app:app"\nbind = "0.0.0.0:8000"  # token=${c}\n`}),
	startScript: (c: string) => ({'boot.sh': `#!/bin/sh\nexec gunicorn --bind 0.0.0.0:8000 app:app --env DB_PASSWORD=${c}\n`, Procfile: 'web: sh boot.sh\n'}),
	outsideLink: (c: string) => ({'@outside': `${c}\n`}),
} as const;

type Place = keyof typeof places;

const base: Record<string, string> = {
	'app.py': "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'hi'\n",
	'requirements.txt': 'flask\ngunicorn\n',
};

/** A project with the canary in the given places; `@outside` is a file outside, linked as requirements-extra.txt and secret.txt. */
function makeProject(canary: string, chosen: Place[]): string {
	const dir = path.join(work, `p${projects++}`);
	const files: Record<string, string> = {...base};
	for (const place of chosen) Object.assign(files, places[place](canary));
	fs.mkdirSync(dir, {recursive: true});
	for (const [name, text] of Object.entries(files)) {
		if (name === '@outside') {
			const outside = path.join(work, `outside-${projects}.txt`);
			fs.writeFileSync(outside, text);
			fs.symlinkSync(outside, path.join(dir, 'secret.txt'));
			fs.symlinkSync(outside, path.join(dir, 'runtime.txt'));
			fs.appendFileSync(path.join(dir, 'requirements.txt'), '-r secret.txt\n');
			continue;
		}

		fs.writeFileSync(path.join(dir, name), text);
	}

	return dir;
}

const options: Options = {dir: '', demo: false, yes: true, json: false, build: false, write: false, dryRun: true, base: 'slim', python: undefined, runs: 1, network: undefined, keepImages: false, report: undefined, mode: 'tui'};

/** Every text the pure pipeline shows: progress, JSON, plain, Markdown, findings and proposal screens (all tabs). */
async function outputsOf(dir: string): Promise<Record<string, string>> {
	const progress: string[] = [];
	const report = await scanProject(dir, message => progress.push(message));
	const choices = defaultChoices(report, options);
	const findings = findingsFor(report);
	const proposal = propose(report, choices);
	const proposed = await auditContext(dir, proposal.dockerignore);
	const assembled = assembleReport({report, findings, proposal, proposedContext: proposed, measurement: null});
	const findingsScreen = render(<FindingsScreen report={report} findings={findings} wsgiTarget={choices.wsgiTarget} width={160} height={60} isActive={false} onChooseTarget={() => undefined} onContinue={() => undefined} onQuit={() => undefined} />);
	const proposalScreen = render(<ProposalScreen proposal={proposal} choices={choices} detectedPort={report.port} existing={{dockerfile: report.dockerfile !== null, dockerignore: report.dockerignore !== null}} build={false} dryRun={false} width={160} height={80} isActive onChoose={() => undefined} onBuild={() => undefined} onWrite={() => undefined} onBack={() => undefined} onQuit={() => undefined} />);
	// Dockerfile, .dockerignore, changes, then the diff, which quotes the existing Dockerfile.
	for (let tab = 0; tab < 3; tab++) {
		await new Promise(resolve => setTimeout(resolve, 5));
		proposalScreen.stdin.write('\t');
	}

	await new Promise(resolve => setTimeout(resolve, 5));
	const screens = {findings: findingsScreen.frames.join('\n'), proposal: proposalScreen.frames.join('\n')};
	findingsScreen.unmount();
	proposalScreen.unmount();
	return {
		progress: progress.join('\n'),
		json: JSON.stringify(assembled),
		plain: renderPlainSummary(assembled),
		markdown: renderMarkdown(assembled, {date: '2026-01-01'}),
		findingsScreen: screens.findings,
		proposalScreen: screens.proposal,
		evidence: JSON.stringify({wsgiCandidates: report.wsgiCandidates, frameworkEvidence: report.frameworkEvidence, portSource: report.portSource, python: report.python, problems: report.problems}),
	};
}

function leaksOf(outputs: Record<string, string>, canary: string): string[] {
	return Object.entries(outputs).filter(([, text]) => text.includes(canary)).map(([name]) => name);
}

describe('a canary credential planted anywhere in a project', () => {
	const canary = fc.stringMatching(/^[A-Za-z0-9]{16,28}$/).map(tail => `Cnry${tail}`);
	const chosen = fc.uniqueArray(fc.constantFrom(...(Object.keys(places) as Place[])), {minLength: 1, maxLength: Object.keys(places).length});

	it('never reaches an output of the scan, the advice or the renderers', async () => {
		await fc.assert(fc.asyncProperty(canary, chosen, async (secret, where) => {
			const outputs = await outputsOf(makeProject(secret, where));
			expect(outputs.proposalScreen.length).toBeGreaterThan(0);
			expect(leaksOf(outputs, secret), `planted in ${where.join(', ')}`).toEqual([]);
		}), {numRuns: 30, seed: 19});
	}, 120_000);

	it('the diff tab is shown and masks the existing Dockerfile\'s credential', async () => {
		const secret = 'CnryDiffTab0123456789ab';
		const outputs = await outputsOf(makeProject(secret, ['dockerfileEnvUrl']));
		expect(outputs.proposalScreen).toContain('postgres://app:***@db');
		expect(leaksOf(outputs, secret)).toEqual([]);
	});
});

describe('the built CLI and the wizard on a project with every canary', () => {
	const secret = 'CnryEverywhere9f8e7d6c5b4a';
	let dir: string;

	beforeAll(() => {
		dir = makeProject(secret, Object.keys(places) as Place[]);
		ensureBuilt();
	}, 320_000);

	it('JSON, its progress lines, the Markdown report and the plain output hold no canary', async () => {
		const reportFile = path.join(work, 'canary-report.md');
		const json = await runCli([dir, '--no-build', '--json', '--report', reportFile]);
		expect(json.code, json.stderr).toBe(0);
		const plain = await runCli([dir, '--no-build', '--yes', '--dry-run']);
		expect(plain.code, plain.stderr).toBe(0);
		const outputs = {jsonStdout: json.stdout, jsonStderr: json.stderr, markdown: fs.readFileSync(reportFile, 'utf8'), plainStdout: plain.stdout, plainStderr: plain.stderr};
		expect(leaksOf(outputs, secret)).toEqual([]);
		// The masked places still say what they are about.
		expect(json.stdout).toMatch(/DW911/);
		expect(json.stdout).toMatch(/DW012/);
	});

	it('the wizard\'s frames hold none, from scan to summary', async () => {
		let exitCode: number | null = null;
		const app = render(<App options={{...options, dir}} work={createWork({...options, dir})} color={false} onExit={code => {
			exitCode = code;
		}} />);
		const started = Date.now();
		while (exitCode === null && Date.now() - started < 20_000) await new Promise(resolve => setTimeout(resolve, 100));
		const frames = app.frames.join('\n');
		app.unmount();
		expect(exitCode).toBe(0);
		expect(app.frames.length).toBeGreaterThan(3);
		expect(frames.includes(secret)).toBe(false);
	}, 30_000);
});
