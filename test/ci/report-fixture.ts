// A DockwizReport for the CI tests: the sample demo run assembled as the flow assembles it.

import {assembleReport} from '../../source/report/assemble.js';
import type {DockwizReport, Finding, Measurement} from '../../source/types.js';
import {sampleFindings, sampleMeasurement, sampleProject, sampleProposal} from '../report/sample.js';

export function ciReport(options: {measurement?: Measurement | null; findings?: Finding[]} = {}): DockwizReport {
	return assembleReport({
		report: sampleProject(),
		findings: options.findings ?? sampleFindings,
		proposal: sampleProposal(),
		measurement: options.measurement === undefined ? sampleMeasurement() : options.measurement,
	});
}
