// Environment variables the app cannot start without (`os.environ["DBUSER"]` at import): the
// image must not carry their values, so the proposal names them and how to give them at run
// time, and dockwiz's own smoke test starts the container with placeholders for exactly these.
import type {Change, ProjectReport} from '../types.js';
import {djangoSmokeEnvironment} from './django-plan.js';

/** The value the smoke test gives each required variable: obviously not a real setting. */
export const smokePlaceholder = 'dockwiz-smoke-placeholder';

function names(report: ProjectReport): string[] {
	return (report.startup?.requiredEnv ?? []).map(item => item.name);
}

/**
 * What a test run of the image sets so that the import does not stop at a KeyError: a
 * placeholder for each required variable (PORT gets the app's port, since it is parsed as one).
 */
export function smokeEnvironment(report: ProjectReport): Record<string, string> {
	// A Django app also needs ALLOWED_HOSTS to admit the probe, and URLs its settings can parse.
	return {...Object.fromEntries(names(report).map(name => [name, name === 'PORT' ? String(report.port) : smokePlaceholder])), ...djangoSmokeEnvironment(report)};
}

function where(report: ProjectReport): string {
	return [...new Set((report.startup?.requiredEnv ?? []).map(item => `${item.evidence.file}:${item.evidence.line}`))].slice(0, 3).join(', ');
}

function runExample(list: string[]): string {
	return `docker run ${list.slice(0, 4).map(name => `-e ${name}=...`).join(' ')}${list.length > 4 ? ' ...' : ''}`;
}

export function requiredEnvWarnings(report: ProjectReport): string[] {
	const list = names(report);
	if (list.length === 0) return [];
	return [`The app reads ${list.join(', ')} without a default when it starts (${where(report)}): the container exits with KeyError unless ${list.length === 1 ? 'it is' : 'they are'} set. Give ${list.length === 1 ? 'it' : 'them'} at run time (${runExample(list)}, or the platform's settings); never bake ${list.length === 1 ? 'its value' : 'their values'} into the image.`];
}

export function requiredEnvChanges(report: ProjectReport): Change[] {
	const list = names(report);
	if (list.length === 0) return [];
	return [{
		title: `Set at run time, not in the image: ${list.join(', ')}`,
		why: `${where(report)} read${list.length === 1 ? 's' : ''} ${list.join(', ')} with os.environ[...] at import, so gunicorn stops with KeyError when ${list.length === 1 ? 'it is' : 'one is'} unset. The image carries no value (that would leak settings or secrets into every copy of it): pass them with ${runExample(list)} or the platform's environment settings. dockwiz's own smoke test gives each a placeholder (${smokePlaceholder}).`,
		impact: 'correctness',
	}];
}
