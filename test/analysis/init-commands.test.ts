import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {initCommands} from '../../source/analysis/init-commands.js';
import {analyseModule} from '../../source/analysis/python-module.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {defaultChoices, findingsFor, propose} from '../../source/advice/index.js';
import {commandLine, commandsNotRun} from '../../source/advice/init-commands.js';

const startupFixtures = path.join(import.meta.dirname, '..', 'fixtures', 'startup');

function modulesOf(files: Record<string, string>) {
	const names = new Set(Object.keys(files));
	return Object.entries(files).map(([file, text]) => analyseModule(file, text, names));
}

describe('database set-up commands the app defines', () => {
	it('finds init-db, initdb, create_db and deploy however they are registered, and db upgrade with migrations/', () => {
		const modules = modulesOf({
			'flaskr/db.py': 'import click\n\n@click.command("init-db")\ndef init_db_command():\n    pass\n\ndef init_app(app):\n    app.cli.add_command(init_db_command)\n',
			'shop/commands.py': 'import click\nfrom shop import app\n\n@app.cli.command()\n@click.option("--drop", is_flag=True)\ndef initdb(drop):\n    pass\n\n@app.cli.command()\ndef forge():\n    pass\n',
			'manage.py': 'from flask.cli import FlaskGroup\nfrom project import app\n\ncli = FlaskGroup(app)\n\n@cli.command("create_db")\ndef create_db():\n    pass\n',
			'flasky.py': 'from flask_migrate import Migrate\n\n@app.cli.command()\ndef deploy():\n    pass\n',
			// A bare click command that nothing registers never reaches `flask`.
			'tools.py': 'import click\n\n@click.command()\ndef init_db():\n    pass\n',
		});
		expect(initCommands(modules, true).map(command => [command.name, command.runner, command.evidence.file, command.evidence.line])).toEqual([
			['init-db', 'flask', 'flaskr/db.py', 3],
			['initdb', 'flask', 'shop/commands.py', 4],
			['create_db', 'script', 'manage.py', 6],
			['deploy', 'flask', 'flasky.py', 3],
			['db upgrade', 'flask', 'flasky.py', 1],
		]);
		expect(initCommands(modules, false).map(command => command.name)).not.toContain('db upgrade');
	});

	it('writes the command line as the app is found: the module alone, or the quoted target', () => {
		expect(commandLine({name: 'init-db', runner: 'flask', evidence: {file: 'x.py', detail: ''}}, 'flaskr:create_app()')).toBe('flask --app flaskr init-db');
		expect(commandLine({name: 'initdb', runner: 'flask', evidence: {file: 'x.py', detail: ''}}, 'wsgi:web')).toBe("flask --app 'wsgi:web' initdb");
		expect(commandLine({name: 'create_db', runner: 'script', script: 'manage.py', evidence: {file: 'manage.py', detail: ''}}, 'project:app')).toBe('python manage.py create_db');
	});

	it('a scan of the tutorial-like fixture names init-db in a DW032 finding, a change and a warning, and never runs it', async () => {
		const report = await scanProject(path.join(startupFixtures, 'init-db-command'));
		expect(report.startup?.initCommands).toEqual([{name: 'init-db', runner: 'flask', evidence: {file: 'notes/db.py', line: 19, detail: 'defines the init-db command'}}]);
		const finding = findingsFor(report).find(item => item.rule === 'DW032');
		expect(finding).toMatchObject({severity: 'warning', file: 'notes/db.py', line: 19});
		expect(finding?.message).toContain('`flask --app notes init-db`');
		expect(finding?.message).toMatch(/^notes\/db.py:19 defines the init-db command, and nothing in the image runs `init-db`/);
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		expect(proposal.dockerfile).not.toContain('init-db');
		expect(proposal.changes.map(change => change.title)).toContain('The image does not run `flask --app notes init-db`: run it once');
		expect(proposal.changes.find(change => change.title.includes('init-db'))?.why).toContain('would wipe the data on each restart');
		expect(proposal.warnings.join('\n')).toContain('docker exec CONTAINER flask --app notes init-db');
	});

	it('says nothing when the start script the Dockerfile names runs the command', async () => {
		const report = await scanProject(path.join(startupFixtures, 'entrypoint-steps'));
		expect(report.startup?.initCommands?.map(command => command.name)).toEqual(['init-db']);
		expect(commandsNotRun(report, report.dockerfile?.text ?? '')).toEqual([]);
		expect(commandsNotRun(report, 'FROM python:3.11\nCMD ["gunicorn", "app:app"]\n').map(command => command.name)).toEqual(['init-db']);
		expect(findingsFor(report).filter(item => item.rule === 'DW032')).toEqual([]);
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		expect(proposal.changes.some(change => change.title.startsWith('The image does not run'))).toBe(false);
		// One set-up command that runs covers the others (Flasky's boot.sh runs `flask deploy`, which migrates).
		const withMigrations = {...report, startup: {...report.startup!, initCommands: [...report.startup!.initCommands!, {name: 'db upgrade', runner: 'flask' as const, evidence: {file: 'app.py', line: 1, detail: ''}}]}};
		expect(commandsNotRun(withMigrations, report.dockerfile?.text ?? '')).toEqual([]);
	});
});
