import {defaultPython} from '../analysis/python-version.js';
import {defaultPort} from '../analysis/defaults.js';
import type {Options, ProjectReport, ProposalChoices} from '../types.js';

export const defaultWsgiTarget = 'app:app';

/**
 * The proposal's starting choices: the options win over what the scan found. `builders`: what
 * the engine offers, when one answered; unknown (no engine, --no-build) counts as BuildKit,
 * the builder `docker build` uses by default since Docker 23.
 */
export function defaultChoices(report: ProjectReport, options: Pick<Options, 'base' | 'python'>, builders: string[] | null = null): ProposalChoices {
	const detected = /^3\.\d{1,2}$/.test(report.python.version) ? report.python.version : (/^(3\.\d{1,2})\./.exec(report.python.version)?.[1] ?? defaultPython.version);
	return {
		flavor: options.base,
		python: options.python ?? detected,
		port: report.port > 0 && report.port < 65_536 ? report.port : defaultPort,
		wsgiTarget: report.wsgiTarget ?? report.wsgiCandidates[0]?.target ?? defaultWsgiTarget,
		cacheMounts: builders === null || builders.includes('buildkit'),
	};
}
