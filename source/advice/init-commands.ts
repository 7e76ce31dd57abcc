// The app's one-time database set-up commands (init-db, create_db, db upgrade) that nothing in the
// image runs: a fresh container answers 500 "no such table" until one runs. They are named, never
// run at every start: the Flask tutorial's init-db drops its tables, so it would wipe the data on
// each restart.
import path from 'node:path/posix';
import type {InitCommand, ProjectReport} from '../types.js';

/** The word as the shell writes it: `create_db` and `create-db` both count as `create_db` being run. */
function mentions(text: string, name: string): boolean {
	const words = name.split(/\s+/).map(word => word.replaceAll(/[-_]/g, '[-_]'));
	return new RegExp(`(^|[\\s"'])${words.join('\\s+')}($|[\\s"';&|])`, 'm').test(text);
}

/** Whether a Dockerfile text (its RUN/CMD/ENTRYPOINT, or the start script it names) runs the command. */
export function runsCommand(report: ProjectReport, dockerfileText: string, command: InitCommand): boolean {
	const code = dockerfileText.split(/\r?\n/).filter(line => !/^\s*#/.test(line)).join('\n');
	if (mentions(code, command.name)) {
		return true;
	}

	const script = report.startup?.startScript;
	const scriptSteps = script && code.includes(path.basename(script.file)) ? script.steps.map(step => step.command).join('\n') : '';
	const release = (report.startup?.releaseSteps ?? []).map(step => step.command).join('\n');
	return mentions(scriptSteps, command.name) || mentions(release, command.name);
}

/** `flask --app flaskr init-db`: the module alone when Flask finds the app by itself (app, application, create_app). */
export function commandLine(command: InitCommand, wsgiTarget: string | null): string {
	if (command.runner === 'script') {
		return `python ${command.script ?? 'manage.py'} ${command.name}`;
	}

	const [module, attribute = 'app'] = (wsgiTarget ?? '').split(':');
	const discovered = /^(app|application|create_app\(\)|make_app\(\))$/.test(attribute);
	const app = wsgiTarget ? (discovered ? module : `'${wsgiTarget}'`) : '';
	return `flask${app ? ` --app ${app}` : ''} ${command.name}`;
}

/** The set-up commands a Dockerfile's text does not run. */
export function commandsNotRun(report: ProjectReport, dockerfileText: string): InitCommand[] {
	const commands = report.startup?.initCommands ?? [];
	// One set-up command that runs is the app's own set-up (Flasky's `deploy` runs the migrations itself): the others are alternatives.
	return commands.some(command => runsCommand(report, dockerfileText, command)) ? [] : commands.filter(command => !runsCommand(report, dockerfileText, command));
}
