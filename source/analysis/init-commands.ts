// One-time set-up commands the app defines for itself: the Flask tutorial's `init-db` (a click
// command registered with app.cli.add_command), `initdb`, `create_db` on a FlaskGroup, Flasky's
// `deploy`, and Flask-Migrate's `db upgrade` when a migrations/ folder exists. A fresh container
// has no tables until one runs; none of them may run at every start (init-db drops its tables).
import type {Evidence, InitCommand} from '../types.js';
import type {ModuleFacts} from './python-module.js';

const initNames = /^(init|initdb|init[-_]?db|init[-_]database|create[-_]?db|create[-_]?database|create[-_]?all|create[-_]?tables|setup[-_]?db|db[-_]init|deploy)$/i;

/** The app's database set-up commands, each with how it is run (`flask init-db`, `python manage.py create_db`, `flask db upgrade`). */
export function initCommands(modules: ModuleFacts[], hasMigrations: boolean): InitCommand[] {
	const added = new Set(modules.flatMap(module => module.addedCommands));
	const found: InitCommand[] = [];
	for (const module of modules) {
		for (const command of module.cliCommands) {
			// A bare @click.command reaches `flask` only through add_command.
			if (!initNames.test(command.name) || (command.via === 'click' && !added.has(command.function ?? ''))) {
				continue;
			}

			const evidence: Evidence = {file: module.file, line: command.line, detail: `defines the ${command.name} command`};
			if (command.via === 'flask-group' && module.flaskGroup) {
				found.push({name: command.name, runner: 'script', script: module.file, evidence});
			} else if (command.via !== 'flask-group') {
				found.push({name: command.name, runner: 'flask', evidence});
			}
		}
	}

	const migrate = modules.find(module => module.topImports.some(item => item.name === 'flask_migrate'));
	if (hasMigrations && migrate) {
		const line = migrate.topImports.find(item => item.name === 'flask_migrate')?.line;
		found.push({name: 'db upgrade', runner: 'flask', evidence: {file: migrate.file, line, detail: 'uses Flask-Migrate and the project has migrations/'}});
	}

	return found;
}
