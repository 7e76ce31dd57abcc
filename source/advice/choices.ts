import {defaultPython} from '../analysis/python-version.js';
import {defaultPort} from '../analysis/defaults.js';
import type {Options, ProjectReport, ProposalChoices} from '../types.js';

export const defaultWsgiTarget = 'app:app';

/** The proposal's starting choices: the options win over what the scan found. */
export function defaultChoices(report: ProjectReport, options: Pick<Options, 'base' | 'python'>): ProposalChoices {
	const detected = /^3\.\d{1,2}$/.test(report.python.version) ? report.python.version : (/^(3\.\d{1,2})\./.exec(report.python.version)?.[1] ?? defaultPython.version);
	return {
		flavor: options.base,
		python: options.python ?? detected,
		port: report.port > 0 && report.port < 65_536 ? report.port : defaultPort,
		// An app served over ASGI (Django with channels) is served on its ASGI target.
		wsgiTarget: report.asgiTarget ?? report.wsgiTarget ?? report.wsgiCandidates[0]?.target ?? defaultWsgiTarget,
	};
}
