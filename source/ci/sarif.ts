// --format sarif: the findings as a SARIF 2.1.0 log, the format GitHub code scanning and other
// review tools read. Each result names its rule, level, file and line; each rule links to its
// entry in dockwiz's rule catalogue (docs/rules.md, shipped in the package). The budgets ride
// along in the run's property bag: they are not findings about a line.

import {rules} from '../advice/rules/index.js';
import {problemCatalogue} from '../analysis/problems.js';
import type {DockwizReport, Finding, Severity} from '../types.js';
import {dockwizVersion} from './version.js';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

const levelFor: Record<Severity, 'error' | 'warning' | 'note'> = {error: 'error', warning: 'warning', info: 'note'};

/** Where a rule is explained: its section of docs/rules.md in the published package of this version. */
export function ruleHelpUri(id: string, version = dockwizVersion()): string {
	const anchor = id.toLowerCase();
	return `https://unpkg.com/dockwiz@${version}/docs/rules.md#${anchor}`;
}

type SarifRule = {
	id: string;
	name: string;
	shortDescription: {text: string};
	fullDescription: {text: string};
	help: {text: string};
	helpUri: string;
	defaultConfiguration: {level: 'error' | 'warning' | 'note'};
};

function pascalName(title: string): string {
	return title.replaceAll(/`[^`]*`/g, ' ').split(/[^A-Za-z0-9]+/).filter(Boolean).slice(0, 8).map(word => word[0].toUpperCase() + word.slice(1)).join('');
}

function ruleFor(id: string, finding: Finding, version: string): SarifRule {
	const rule = rules.find(candidate => candidate.id === id);
	const problem = (problemCatalogue as Record<string, string>)[id];
	const title = rule?.title ?? problem ?? finding.message;
	return {
		id,
		name: pascalName(title) || id,
		shortDescription: {text: title},
		fullDescription: {text: rule?.why ?? title},
		help: {text: rule?.fix ?? finding.fix},
		helpUri: ruleHelpUri(id, version),
		// The rule's own grade; a result carries the project's (after its config's override).
		defaultConfiguration: {level: levelFor[rule?.severity ?? finding.severity]},
	};
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(file: string): string {
	return file.split('/').map(segment => encodeURIComponent(segment)).join('/');
}

export type SarifOptions = {
	/** The project's folder relative to the repository's root (`services/api/`), so paths resolve from there. */
	pathPrefix?: string;
	version?: string;
};

export function renderSarif(report: DockwizReport, options: SarifOptions = {}): string {
	const version = options.version ?? dockwizVersion();
	const prefix = options.pathPrefix ?? '';
	const ids = [...new Set(report.findings.map(finding => finding.rule))];
	const driverRules = ids.map(id => ruleFor(id, report.findings.find(finding => finding.rule === id)!, version));
	const results = report.findings.map(finding => ({
		ruleId: finding.rule,
		ruleIndex: ids.indexOf(finding.rule),
		level: levelFor[finding.severity],
		message: {text: `${finding.message}. Fix: ${finding.fix}`},
		locations: [{
			physicalLocation: {
				artifactLocation: {uri: uriOf(`${prefix}${finding.file ?? 'Dockerfile'}`), uriBaseId: '%SRCROOT%'},
				// A finding about a whole file (a missing .dockerignore) has no line: no region rather than a made-up one.
				...(finding.line === null ? {} : {region: {startLine: finding.line}}),
			},
		}],
	}));
	const log = {
		$schema: sarifSchemaUri,
		version: '2.1.0',
		runs: [{
			tool: {driver: {name: 'dockwiz', version, semanticVersion: version, informationUri: `https://www.npmjs.com/package/dockwiz/v/${version}`, rules: driverRules}},
			results,
			columnKind: 'utf16CodeUnits',
			...(report.budgets ? {properties: {budgets: report.budgets}} : {}),
		}],
	};
	return `${JSON.stringify(log, null, 2)}\n`;
}
