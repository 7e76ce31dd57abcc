import type {Rule} from '../rule.js';
import {commandLine, commandsNotRun} from '../init-commands.js';

export const dw032: Rule = {
	id: 'DW032',
	severity: 'warning',
	title: 'The app\'s database set-up command is never run',
	why: 'The tables are made only by a CLI command the app defines (`flask init-db`, `flask db upgrade`). A fresh container has none: the first request that reads the database answers 500 "no such table".',
	fix: 'Run the command once against the database the container uses (docker exec CONTAINER flask --app APP init-db), or from an entrypoint when it is safe to repeat (`flask db upgrade` is; an init-db that drops its tables is not).',
	scope: 'context',
	example: {
		language: 'python',
		bad: [
			'# db.py',
			'import sqlite3',
			'',
			'import click',
			'from flask import current_app',
			'',
			'',
			'@click.command("init-db")',
			'def init_db_command():',
			'    db = sqlite3.connect(current_app.config["DATABASE"])',
			'    db.executescript("DROP TABLE IF EXISTS post; CREATE TABLE post (body TEXT);")',
			'',
			'',
			'def init_app(app):',
			'    app.cli.add_command(init_db_command)',
			'',
		].join('\n'),
		good: [
			'# db.py',
			'import sqlite3',
			'',
			'from flask import current_app',
			'',
			'',
			'def get_db():',
			'    db = sqlite3.connect(current_app.config["DATABASE"])',
			'    # Safe to repeat: made on first use, never dropped.',
			'    db.execute("CREATE TABLE IF NOT EXISTS post (body TEXT)")',
			'    return db',
			'',
		].join('\n'),
	},
	check({report, text}) {
		const target = report.wsgiTarget;
		return commandsNotRun(report, text).map(command => ({
			line: command.evidence.line ?? null,
			file: command.evidence.file,
			message: `${command.evidence.file}${command.evidence.line ? `:${command.evidence.line}` : ''} ${command.evidence.detail}, and nothing in the image runs \`${command.name}\`: a fresh container has no tables until \`${commandLine(command, target)}\` runs.`,
			fix: `Run it once against the database the container uses (docker exec CONTAINER ${commandLine(command, target)}), or add it to an entrypoint only if it is safe to repeat.`,
		}));
	},
};
