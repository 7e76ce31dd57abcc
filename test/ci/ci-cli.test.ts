// The CLI as users run it in CI, without an engine (--no-build): exit codes, the config file
// and the documents on stdout.
import {cpSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, removeBuiltCopy, runCli, stackTraceIn} from '../hardening/run-cli.js';
import {treesRemovedAfterEach} from '../analysis/tree.js';
import {sarifValidator} from './sarif-schema.js';

const tree = treesRemovedAfterEach();

const project = {
	'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n',
	'requirements.txt': 'flask\ngunicorn\n',
	'.dockerignore': '.git\n.venv\n__pycache__\n',
	// DL3009 and DL3015 on line 4 (DL3008 suppressed inline); the rest is clean.
	Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y libpq5\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nUSER 10001\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
};

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => removeBuiltCopy());

describe('dockwiz --ci without building', () => {
	it('passes (exit 0) when no finding is an error, and says which budgets it checked', async () => {
		const run = await runCli(['--ci', '--no-build'], {cwd: await tree(project)});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('Budgets (1): all pass\n  PASS no-error-findings  No finding of error severity');
		expect(run.stdout).not.toContain('DL3008');
	});

	it('fails (exit 3) on a finding the config re-grades as an error, naming the budget; a budget it cannot measure fails too', async () => {
		const root = await tree({...project, '.dockwiz.toml': '[override]\nerror = ["DL3009"]\n[budgets]\nmax-size = "200MB"\n'});
		const run = await runCli(['--ci', '--no-build'], {cwd: root});
		expect(run.code, run.stderr).toBe(3);
		expect(run.stdout).toContain('dockwiz: settings from .dockwiz.toml');
		expect(run.stdout).toContain('dockwiz: budget no-error-findings failed: 1 finding(s) of error severity: DL3009');
		expect(run.stdout).toContain('dockwiz: budget max-size failed: not measured: nothing was built (--no-build, or measuring stopped)');
		expect(run.stdout).toContain('  FAIL max-size');
	});

	it('stops on a bad config with exit 2, naming the file and the key, before any work', async () => {
		const root = await tree({...project, 'pyproject.toml': '[project]\nname = "shop"\n\n[tool.dockwiz.budgets]\nmax-size = "huge"\n'});
		const run = await runCli(['--ci', '--no-build'], {cwd: root});
		expect(run.code).toBe(2);
		expect(run.stderr).toBe('dockwiz: pyproject.toml: tool.dockwiz.budgets.max-size = "huge" is not a size. Give one with its unit, e.g. max-size = "200MB".\n');
		expect(stackTraceIn(run.stderr + run.stdout)).toBeNull();
		expect(run.stdout).toBe('');
	});

	it('writes SARIF alone on stdout, valid against the SARIF 2.1.0 schema; progress goes to stderr', async () => {
		const run = await runCli(['--ci', '--no-build', '--format', 'sarif'], {cwd: await tree(project)});
		expect(run.code, run.stderr).toBe(0);
		const log = JSON.parse(run.stdout) as {runs: Array<{results: Array<{ruleId: string; locations: Array<{physicalLocation: {region?: {startLine: number}}}>}>}>};
		const validator = sarifValidator();
		expect(validator.validate(log), validator.errors()).toBe(true);
		expect(log.runs[0].results.map(result => `${result.ruleId}@${result.locations[0].physicalLocation.region?.startLine}`)).toEqual(['DL3009@4', 'DL3015@4']);
		expect(run.stderr).toContain('dockwiz: scanning');
	});

	it('writes GitHub annotations, paths relative to the checkout', async () => {
		const root = await tree({'services/shop/.keep': ''});
		const shop = `${root}/services/shop`;
		const files = await tree(project);
		// The project in a subfolder of the checkout.
		cpSync(files, shop, {recursive: true});
		const run = await runCli(['--ci', '--no-build', '--format', 'github', shop], {env: {GITHUB_WORKSPACE: root}});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout.split('\n').filter(Boolean)).toEqual([
			'::warning file=services/shop/Dockerfile,line=4,title=DL3009 warning::Delete the apt-get lists after installing something. Fix: End the same RUN with `&& rm -rf /var/lib/apt/lists/*` (or keep the lists in a BuildKit cache mount: `RUN --mount=type=cache,target=/var/lib/apt,sharing=locked`).',
			'::warning file=services/shop/Dockerfile,line=4,title=DL3015 warning::Avoid additional packages by specifying `--no-install-recommends`. Fix: Add `--no-install-recommends` to `apt-get install`.',
		]);
	});

	it('refuses flags that contradict --ci with exit 2', async () => {
		const run = await runCli(['--ci', '--write', '--no-build'], {cwd: await tree(project)});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('--ci never writes the project\'s files');
	});
});
