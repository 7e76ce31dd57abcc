import {describe, expect, it} from 'vitest';
import {assembleReport} from '../../source/report/assemble.js';
import {sampleFindings, sampleMeasurement, sampleProject, sampleProposal, secretValue} from './sample.js';

describe('assembleReport', () => {
	it('has exactly the top-level keys of the JSON contract', () => {
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement: sampleMeasurement()});
		expect(Object.keys(report)).toEqual(['project', 'context', 'findings', 'proposal', 'builds', 'summary']);
		expect(Object.keys(report.project)).toEqual(['root', 'framework', 'frameworkEvidence', 'wsgiTarget', 'asgiTarget', 'python', 'dependencies', 'server', 'port']);
		expect(Object.keys(report.proposal)).toEqual(['dockerfile', 'dockerignore', 'changes', 'warnings']);
	});

	it('lists packages by name, once each', () => {
		const report = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement: null});
		expect(report.project.dependencies).toEqual({manager: 'pip', files: ['requirements.txt'], packages: ['flask']});
	});

	it('never carries a secret value or the scanned file texts into the JSON', () => {
		const project = sampleProject();
		project.problems = [];
		project.dockerfile = {path: 'Dockerfile', text: `FROM python:3.11\nENV TOKEN=${secretValue}\n`};
		const json = JSON.stringify(assembleReport({report: project, findings: sampleFindings, proposal: sampleProposal(), measurement: sampleMeasurement()}));
		expect(json).not.toContain(secretValue);
		expect(json).not.toContain('SECRET_KEY');
		expect(json).not.toContain('ENV TOKEN');
		// The secret file is named so the user can act on it.
		expect(json).toContain('"secrets":[".env"]');
	});

	it('keeps the proposal texts, the builds and the summary', () => {
		const measurement = sampleMeasurement();
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement});
		expect(report.proposal.dockerfile).toContain('FROM python:3.11-slim');
		expect(report.proposal.changes).toHaveLength(2);
		expect(report.builds).toEqual(measurement.builds);
		expect(report.summary).toEqual(measurement.summary);
	});

	it('has null builds and summary with --no-build', () => {
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement: null});
		expect(report.builds).toBeNull();
		expect(report.summary).toBeNull();
	});

	it('adds the proposed context audit only when given', () => {
		const proposedContext = {bytes: 4_200, files: 5, ignoredBytes: 31_395_800, ignoredFiles: 3_407, largest: [{path: 'app.py', bytes: 300}], secrets: []};
		const withAudit = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), proposedContext, measurement: null});
		expect(withAudit.context.proposed).toEqual(proposedContext);
		expect(withAudit.context.bytes).toBe(31_400_000);
		const without = assembleReport({report: sampleProject(), findings: [], proposal: sampleProposal(), measurement: null});
		expect('proposed' in without.context).toBe(false);
	});

	it('appends the problems met while reading to the findings, each once', () => {
		const project = sampleProject();
		const report = assembleReport({report: project, findings: [...sampleFindings, project.problems[0]], proposal: sampleProposal(), measurement: null});
		expect(report.findings.map(finding => finding.rule)).toEqual(['DW001', 'DW010', 'DW900']);
	});

	it('does not share objects with its input', () => {
		const measurement = sampleMeasurement();
		const report = assembleReport({report: sampleProject(), findings: sampleFindings, proposal: sampleProposal(), measurement});
		measurement.builds.after.sizeBytes = 1;
		expect(report.builds?.after.sizeBytes).toBe(128_000_000);
	});
});
