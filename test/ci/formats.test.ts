import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {lintDockerfile, rules} from '../../source/advice/index.js';
import {problemCatalogue} from '../../source/analysis/problems.js';
import {checkBudgets} from '../../source/ci/budgets.js';
import {renderGithubAnnotations} from '../../source/ci/github-annotations.js';
import {renderDocument, workspacePrefix} from '../../source/ci/output.js';
import {renderSarif, ruleHelpUri} from '../../source/ci/sarif.js';
import type {DockwizReport, Finding} from '../../source/types.js';
import {makeReport} from '../advice/make-report.js';
import {ciReport} from './report-fixture.js';
import {sarifSchemaFile, sarifValidator} from './sarif-schema.js';
import path from 'node:path';

type SarifLog = {
	version: string;
	runs: Array<{
		tool: {driver: {name: string; version: string; rules: Array<{id: string; helpUri: string; shortDescription: {text: string}; defaultConfiguration: {level: string}}>}};
		results: Array<{ruleId: string; ruleIndex: number; level: string; message: {text: string}; locations: Array<{physicalLocation: {artifactLocation: {uri: string}; region?: {startLine: number}}}>}>;
		properties?: {budgets: unknown[]};
	}>;
};

const naive = 'FROM python:3.11\nCOPY . /app\nRUN apt-get update && apt-get install -y libpq5\nRUN pip install -r /app/requirements.txt\nCMD python app.py\n';

/** A report whose findings come from linting a real naive Dockerfile, plus a context finding with no line. */
function lintedReport(): DockwizReport {
	const findings = lintDockerfile(naive, makeReport()).map(finding => ({...finding, file: 'Dockerfile'}));
	const report = ciReport({findings: [...findings, {rule: 'DW002', severity: 'warning', line: null, message: 'No .dockerignore', fix: 'Add one', file: '.dockerignore'}]});
	return {...report, budgets: checkBudgets(report, {maxSizeBytes: 200e6}, true)};
}

describe('--format sarif', () => {
	const validator = sarifValidator();

	it('validates against the published SARIF 2.1.0 schema', () => {
		const log = JSON.parse(renderSarif(lintedReport())) as SarifLog;
		expect(validator.validate(log), validator.errors()).toBe(true);
		// The validator is not a yes-man: a log without its version, or with a level SARIF has no word for, fails.
		expect(validator.validate({...log, version: undefined})).toBe(false);
		const wrongLevel = structuredClone(log);
		wrongLevel.runs[0].results[0].level = 'fatal';
		expect(validator.validate(wrongLevel)).toBe(false);
		expect(fs.existsSync(sarifSchemaFile)).toBe(true);
	});

	it('gives each finding its rule id, level, help URI and file/line region', () => {
		const report = lintedReport();
		const log = JSON.parse(renderSarif(report, {version: '0.1.0'})) as SarifLog;
		const [run] = log.runs;
		expect(log.version).toBe('2.1.0');
		expect(run.tool.driver).toMatchObject({name: 'dockwiz', version: '0.1.0'});
		expect(run.results).toHaveLength(report.findings.length);
		const levels = {error: 'error', warning: 'warning', info: 'note'} as const;
		for (const [index, result] of run.results.entries()) {
			const finding = report.findings[index];
			expect(result.ruleId).toBe(finding.rule);
			expect(run.tool.driver.rules[result.ruleIndex].id).toBe(finding.rule);
			expect(result.level).toBe(levels[finding.severity]);
			expect(result.message.text).toContain(finding.message);
			const location = result.locations[0].physicalLocation;
			expect(location.artifactLocation.uri).toBe(finding.file ?? 'Dockerfile');
			expect(location.region?.startLine ?? null).toBe(finding.line);
		}

		const dl3009 = run.tool.driver.rules.find(rule => rule.id === 'DL3009');
		expect(dl3009).toMatchObject({helpUri: 'https://unpkg.com/dockwiz@0.1.0/docs/rules.md#dl3009', defaultConfiguration: {level: 'warning'}});
		// The help URI points at a heading the shipped catalogue really has.
		const catalogue = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
		for (const rule of run.tool.driver.rules) {
			if (rule.id in problemCatalogue) expect(catalogue).toContain(`| ${rule.id} |`);
			else if (rules.some(known => known.id === rule.id)) expect(catalogue).toContain(`## ${rule.id}\n`);
		}

		expect(run.properties?.budgets).toEqual(report.budgets);
	});

	it('describes every rule of the catalogue and every scan problem validly', () => {
		const findings: Finding[] = [
			...rules.map(rule => ({rule: rule.id, severity: rule.severity, line: 1, message: rule.title, fix: rule.fix})),
			...Object.entries(problemCatalogue).map(([id, what]) => ({rule: id, severity: 'info' as const, line: null, message: what, fix: 'See the catalogue', file: 'src/odd file.py'})),
		];
		const report = ciReport({findings});
		const log = JSON.parse(renderSarif(report)) as SarifLog;
		expect(validator.validate(log), validator.errors()).toBe(true);
		expect(log.runs[0].tool.driver.rules.map(rule => rule.id)).toEqual([...new Set(report.findings.map(finding => finding.rule))]);
		expect(log.runs[0].tool.driver.rules.length).toBeGreaterThanOrEqual(rules.length + Object.keys(problemCatalogue).length);
		// A path with a space is a URI reference with it encoded.
		expect(log.runs[0].results.find(result => result.ruleId === 'DW911')?.locations[0].physicalLocation.artifactLocation.uri).toBe('src/odd%20file.py');
	});

	it('puts paths under the project\'s folder in the checkout when it is not the root', () => {
		const log = JSON.parse(renderSarif(lintedReport(), {pathPrefix: 'services/shop/'})) as SarifLog;
		expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('services/shop/Dockerfile');
		expect(workspacePrefix('/w/repo/services/shop', '/w/repo', path.posix.relative)).toBe('services/shop/');
		expect(workspacePrefix('/w/repo', '/w/repo', path.posix.relative)).toBe('');
		expect(workspacePrefix('/tmp/elsewhere', '/w/repo', path.posix.relative)).toBe('');
		expect(workspacePrefix('/w/repo/x', undefined, path.posix.relative)).toBe('');
		expect(ruleHelpUri('DW001', '1.2.3')).toBe('https://unpkg.com/dockwiz@1.2.3/docs/rules.md#dw001');
	});
});

describe('--format github', () => {
	it('writes one workflow command per finding and per failed budget, escaped', () => {
		const report: DockwizReport = {
			...ciReport({findings: [
				{rule: 'DL3009', severity: 'warning', line: 3, message: 'Delete the apt-get lists', fix: 'End with `rm -rf /var/lib/apt/lists/*`', file: 'Dockerfile'},
				{rule: 'DW004', severity: 'error', line: null, message: 'Secrets: .env, 100%', fix: 'Exclude them,\nthen rebuild', file: '.dockerignore'},
				{rule: 'DW020', severity: 'info', line: 1, message: 'PYTHONDONTWRITEBYTECODE is not set', fix: 'Add it'},
			]}),
		};
		report.budgets = checkBudgets(report, {maxSizeBytes: 200e6, noRoot: false, smoke: false, noErrorFindings: false}, true);
		expect(renderGithubAnnotations(report, 'app/').split('\n')).toEqual([
			'::warning file=app/Dockerfile,line=3,title=DL3009 warning::Delete the apt-get lists. Fix: End with `rm -rf /var/lib/apt/lists/*`',
			'::error file=app/.dockerignore,title=DW004 error::Secrets: .env, 100%25. Fix: Exclude them,%0Athen rebuild',
			'::notice file=app/Dockerfile,line=1,title=DW020 info::PYTHONDONTWRITEBYTECODE is not set. Fix: Add it',
			// The sample scan's own problem, merged into the findings as the flow does.
			'::notice file=app/data/blob.bin,title=DW900 info::data/blob.bin is binary; skipped. Fix: Nothing to do',
			"::error title=dockwiz budget max-size::The image size of the project's image is 1.09 GB, over the budget of 200 MB",
			'',
		]);
		expect(renderGithubAnnotations({...ciReport(), findings: []})).toBe('');
	});
});

describe('--format markdown and json', () => {
	it('writes the Markdown report, and the JSON report with its budgets', () => {
		const report = lintedReport();
		const markdown = renderDocument('markdown', report, {date: '2026-12-01'});
		expect(markdown).toMatch(/^# dockwiz report: flask-demo\n/);
		expect(markdown).toContain('## Budgets');
		const json = JSON.parse(renderDocument('json', report, {date: '2026-12-01'})) as DockwizReport;
		expect(json.budgets?.map(budget => [budget.name, budget.ok])).toEqual([['max-size', false], ['no-root', false], ['no-error-findings', false], ['smoke', true]]);
		expect(Object.keys(json)).toEqual(['project', 'context', 'findings', 'proposal', 'builds', 'summary', 'budgets']);
	});
});
