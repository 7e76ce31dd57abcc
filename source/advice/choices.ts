import {defaultPython} from '../analysis/python-version.js';
import {defaultPort} from '../analysis/defaults.js';
import type {Options, ProjectReport, ProposalChoices} from '../types.js';

export const defaultWsgiTarget = 'app:app';
/** What the FastAPI docs name their app: `uvicorn main:app`. */
export const defaultAsgiTarget = 'main:app';

/**
 * The proposal's starting choices: the options win over what the scan found. `builders`: what
 * the engine offers, when one answered; unknown (no engine, --no-build) counts as BuildKit,
 * the builder `docker build` uses by default since Docker 23.
 */
export function defaultChoices(report: ProjectReport, options: Pick<Options, 'base' | 'python' | 'port'>, builders: string[] | null = null): ProposalChoices {
	const detected = /^3\.\d{1,2}$/.test(report.python.version) ? report.python.version : (/^(3\.\d{1,2})\./.exec(report.python.version)?.[1] ?? defaultPython.version);
	return {
		flavor: options.base,
		python: options.python ?? detected,
		// The config's port, else the scan's.
		port: options.port ?? (report.port > 0 && report.port < 65_536 ? report.port : defaultPort),
		// An ASGI app's target travels in the same choice: it is what the server is given (FastAPI,
		// or Django with channels, which is served on its ASGI target).
		wsgiTarget: report.asgiTarget ?? report.wsgiTarget ?? report.wsgiCandidates[0]?.target ?? (report.framework === 'fastapi' ? defaultAsgiTarget : defaultWsgiTarget),
		cacheMounts: builders === null || builders.includes('buildkit'),
	};
}
