import {parse} from 'smol-toml';
import {describe, expect, it} from 'vitest';
import {addDependency, dependencyChangeFor} from '../../source/advice/dependency-change.js';
import {makeReport} from './make-report.js';

const pkg = (name: string, file = 'requirements.txt') => ({name, spec: '', extras: [], file});

describe('dependencyChangeFor', () => {
	it('adds the first candidate the project does not list, to its requirements file', () => {
		expect(dependencyChangeFor(makeReport())).toEqual({ok: true, file: 'requirements.txt', kind: 'requirements', packageName: 'six'});
		expect(dependencyChangeFor(makeReport({dependencies: {packages: [pkg('flask'), pkg('six')]}}))).toMatchObject({packageName: 'text-unidecode'});
	});

	it('picks the main requirements file, not a dev one', () => {
		expect(dependencyChangeFor(makeReport({dependencies: {files: ['requirements-dev.txt', 'requirements/base.txt']}}))).toMatchObject({file: 'requirements/base.txt'});
	});

	it('edits pyproject.toml for PEP 621, Poetry without a lock, and Pipfile without a lock', () => {
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'pyproject', files: ['pyproject.toml']}}))).toMatchObject({ok: true, kind: 'pep621', file: 'pyproject.toml'});
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'poetry', files: ['pyproject.toml']}}))).toMatchObject({ok: true, kind: 'poetry'});
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'pipenv', files: ['Pipfile']}}))).toMatchObject({ok: true, kind: 'pipfile', file: 'Pipfile'});
	});

	it('says why not when a lock file pins everything or nothing lists dependencies', () => {
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'poetry', files: ['pyproject.toml', 'poetry.lock']}}))).toEqual({ok: false, reason: expect.stringContaining('poetry.lock pins every package')});
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'pipenv', files: ['Pipfile', 'Pipfile.lock']}}))).toEqual({ok: false, reason: expect.stringContaining('Pipfile.lock')});
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'uv', files: ['pyproject.toml', 'uv.lock']}}))).toEqual({ok: false, reason: expect.stringContaining('uv.lock')});
		expect(dependencyChangeFor(makeReport({dependencies: {manager: 'none', files: [], packages: []}}))).toEqual({ok: false, reason: expect.stringContaining('no dependency file')});
	});
});

describe('addDependency', () => {
	it('appends a line to a requirements file, with or without a final newline', () => {
		expect(addDependency('requirements', 'flask\n', 'six')).toBe('flask\nsix\n');
		expect(addDependency('requirements', 'flask', 'six')).toBe('flask\nsix\n');
	});

	it('adds to a PEP 621 dependencies array, one-line or multi-line, and keeps the TOML valid', () => {
		const multi = '[project]\nname = "notes"\ndependencies = [\n    "flask>=2.2,<3",\n]\n\n[tool.x]\ndependencies = []\n';
		const edited = addDependency('pep621', multi, 'six')!;
		expect((parse(edited) as {project: {dependencies: string[]}}).project.dependencies).toEqual(['six', 'flask>=2.2,<3']);
		expect((parse(edited) as {tool: {x: {dependencies: string[]}}}).tool.x.dependencies).toEqual([]);
		const empty = addDependency('pep621', '[project]\nname = "a"\ndependencies = []\n', 'six')!;
		expect((parse(empty) as {project: {dependencies: string[]}}).project.dependencies).toEqual(['six']);
		const none = addDependency('pep621', '[project]\nname = "a"\n', 'six')!;
		expect((parse(none) as {project: {dependencies: string[]}}).project.dependencies).toEqual(['six']);
	});

	it('has no place when the dependencies are dynamic or the table is missing', () => {
		expect(addDependency('pep621', '[project]\nname = "a"\ndynamic = ["dependencies"]\n', 'six')).toBeNull();
		expect(addDependency('poetry', '[tool.poetry]\nname = "a"\n', 'six')).toBeNull();
	});

	it('adds a table entry for Poetry and Pipfile', () => {
		const poetry = addDependency('poetry', '[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^2.2"\n', 'six')!;
		expect((parse(poetry) as {tool: {poetry: {dependencies: Record<string, string>}}}).tool.poetry.dependencies).toEqual({python: '^3.11', flask: '^2.2', six: '*'});
		const pipfile = addDependency('pipfile', '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nflask = "*"\n', 'six')!;
		expect((parse(pipfile) as {packages: Record<string, string>}).packages).toEqual({flask: '*', six: '*'});
	});
});
