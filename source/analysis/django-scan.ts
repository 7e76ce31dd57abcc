// The scan's Django step: reads the project's files for django-project.ts, and turns what it
// found into the report's start-up facts (the variables the settings need, `migrate` as the
// project's database set-up command).
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {DjangoFacts, Finding, InitCommand, PythonPackage} from '../types.js';
import type {DockerfileFacts} from './dockerfile-facts.js';
import {readDjangoProject, type DjangoProject} from './django-project.js';
import {readProjectText} from './project-files.js';
import type {ModuleFacts} from './python-module.js';
import {requiredEnvironment, type RequiredEnv} from './required-env.js';

export type DjangoScan = DjangoProject & {requiredEnv: RequiredEnv[]; firstMigration: string | undefined};

/** The first numbered migration of each app that has migrations (the file walk skips migrations/). */
async function firstMigrations(root: string, modules: ModuleFacts[]): Promise<string[]> {
	const folders = [...new Set(modules.map(module => path.posix.dirname(module.file)))];
	const found = await Promise.all(folders.map(async folder => {
		const relative = folder === '.' ? 'migrations' : `${folder}/migrations`;
		try {
			const entries = await readdir(path.join(root, relative), {withFileTypes: true});
			const first = entries.filter(entry => entry.isFile() && /^\d{4}_\w+\.py$/.test(entry.name)).map(entry => entry.name).sort()[0];
			return first ? [`${relative}/${first}`] : [];
		} catch {
			return [];
		}
	}));
	return found.flat().sort();
}

export async function scanDjango(root: string, modules: ModuleFacts[], dockerfile: DockerfileFacts | null, packages: PythonPackage[], problems: Finding[]): Promise<DjangoScan | null> {
	const command = [dockerfile?.entrypoint?.command, dockerfile?.cmd?.command].filter(Boolean).join(' ');
	const procfile = await readProjectText(root, 'Procfile', problems);
	const web = procfile?.split(/\r?\n/).find(line => /^web\s*:/.test(line)) ?? '';
	const migrations = await firstMigrations(root, modules);
	const project = await readDjangoProject({
		pythonFiles: modules.map(module => module.file),
		read: file => readProjectText(root, file, problems),
		dockerfileEnv: dockerfile?.env ?? [],
		dockerfileCommand: `${command} ${web}`.trim() || null,
		packages,
		migrationFolders: migrations.map(file => path.posix.dirname(file)),
	});
	if (!project) return null;
	// os.environ["X"] reads the settings module and the modules it imports make; then the
	// django-environ/decouple reads the settings parse found (env("X") without a default).
	const fromCode = project.facts.settingsModule ? requiredEnvironment(modules, project.facts.settingsModule) : [];
	const requiredEnv = [...fromCode];
	for (const read of project.requiredReads) {
		if (!requiredEnv.some(item => item.name === read.name)) requiredEnv.push(read);
	}

	for (const item of fromCode) {
		if (!project.facts.buildEnv.includes(item.name)) project.facts.buildEnv.push(item.name);
	}

	return {...project, requiredEnv, firstMigration: migrations[0]};
}

/** `python manage.py migrate`, named once for all the apps that have migrations (never run at start by the proposal). */
export function djangoInitCommands(facts: DjangoFacts, firstMigration: string | undefined): InitCommand[] {
	if (!facts.manage || !firstMigration) return [];
	const shown = facts.migrations.slice(0, 3).join(', ');
	return [{name: 'migrate', runner: 'script', script: facts.manage, evidence: {file: firstMigration, line: 1, detail: `is a migration${facts.migrations.length > 1 ? ` (apps with migrations: ${shown}${facts.migrations.length > 3 ? '...' : ''})` : ''}`}}];
}
