import {describe, expect, it} from 'vitest';
import {readDependencies} from '../../source/analysis/dependencies.js';
import {nativeNeeds} from '../../source/analysis/native-needs.js';
import {onlyBelow} from '../../source/analysis/version-spec.js';
import {parseRequirement} from '../../source/analysis/requirement.js';
import type {Finding, PythonPackage} from '../../source/types.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();

describe('parseRequirement', () => {
	it.each([
		['Flask', {name: 'flask', spec: '', extras: []}],
		['Flask_Login >= 0.6 , <1', {name: 'flask-login', spec: '>=0.6,<1', extras: []}],
		['uvicorn[standard,watch]==0.30.1', {name: 'uvicorn', spec: '==0.30.1', extras: ['standard', 'watch']}],
		['pywin32; sys_platform == "win32"', {name: 'pywin32', spec: '', extras: [], marker: 'sys_platform == "win32"'}],
		['requests (>=2.0)', {name: 'requests', spec: '>=2.0', extras: []}],
		['pkg @ https://example.com/pkg-1.0.tar.gz ; python_version < "3.12"', {name: 'pkg', spec: '', extras: [], url: 'https://example.com/pkg-1.0.tar.gz', marker: 'python_version < "3.12"'}],
		['git+https://github.com/o/r.git@main#egg=my_lib', {name: 'my-lib', spec: '', extras: [], url: 'git+https://github.com/o/r.git@main#egg=my_lib'}],
		['./vendor/thing', {name: 'thing', spec: '', extras: [], url: './vendor/thing'}],
		['.', {name: '.', spec: '', extras: [], url: '.'}],
	])('%s', (text, expected) => {
		expect(parseRequirement(text)).toEqual(expected);
	});

	it.each(['this is not valid', 'flask >= ', '[extras]', 'name @ '])('rejects %j', text => {
		expect(parseRequirement(text)).toBeNull();
	});
});

describe('readDependencies', () => {
	it('follows -r includes once, reads constraints as files only, and reports bad lines with their line', async () => {
		const root = await tree({
			'requirements.txt': 'flask\n-r dev.txt\n--constraint c.txt\n-r ../outside.txt\n=== nope\n',
			'dev.txt': 'pytest\n-r requirements.txt\n',
			'c.txt': 'werkzeug<4\n',
		});
		const problems: Finding[] = [];
		const deps = await readDependencies(root, problems);
		expect(deps.manager).toBe('pip');
		expect(deps.files).toEqual(['requirements.txt', 'dev.txt', 'c.txt']);
		expect(deps.packages.map(p => [p.name, p.file, p.line])).toEqual([['flask', 'requirements.txt', 1], ['pytest', 'dev.txt', 1]]);
		expect(problems.map(p => [p.rule, p.file, p.line])).toEqual([['DW907', 'requirements.txt', 4], ['DW906', 'requirements.txt', 5]]);
	});

	it('prefers a lock file\'s manager, and reads Poetry tables and Pipfile versions', async () => {
		const poetry = await tree({
			'pyproject.toml': '[tool.poetry.dependencies]\npython = ">=3.10,<3.13"\nflask = {version = "^3", extras = ["async"]}\nmylib = {git = "https://github.com/o/mylib.git"}\n',
			'poetry.lock': '',
			'requirements.txt': 'flask\n',
		});
		const deps = await readDependencies(poetry, []);
		expect(deps.manager).toBe('poetry');
		expect(deps.files).toEqual(['pyproject.toml', 'poetry.lock']);
		expect(deps.packages.map(p => [p.name, p.spec, p.extras, p.url])).toEqual([
			['flask', '^3', ['async'], undefined],
			['mylib', '', [], 'git+https://github.com/o/mylib.git'],
		]);
		expect(deps.pythonConstraints.map(c => c.spec)).toEqual(['>=3.10,<3.13']);

		const pipenv = await tree({Pipfile: '[packages]\nflask = "*"\n\n[requires]\npython_version = "3.12"\n'});
		const pipenvDeps = await readDependencies(pipenv, []);
		expect(pipenvDeps.manager).toBe('pipenv');
		expect(pipenvDeps.pythonConstraints[0]).toMatchObject({spec: '3.12', file: 'Pipfile', line: 5});
	});

	it('names setup.py projects and projects with nothing', async () => {
		expect((await readDependencies(await tree({'setup.py': 'setup()'}), [])).manager).toBe('pyproject');
		expect((await readDependencies(await tree({'pdm.lock': '', 'pyproject.toml': '[project]\nname="x"\n'}), [])).manager).toBe('pdm');
		expect((await readDependencies(await tree({'a.txt': ''}), [])).manager).toBe('none');
	});

	it('turns malformed TOML and JSON into findings with the line', async () => {
		const root = await tree({'pyproject.toml': '[project]\nname = "x"\ndependencies = [\n', 'Pipfile.lock': '{nope'});
		const problems: Finding[] = [];
		const deps = await readDependencies(root, problems);
		expect(deps.packages).toEqual([]);
		// Files are read in parallel; scanProject sorts its problems, this reader does not.
		expect(problems.map(p => [p.rule, p.file, p.line !== null]).sort()).toEqual([['DW905', 'pyproject.toml', true], ['DW909', 'Pipfile.lock', false]]);
	});
});

describe('nativeNeeds', () => {
	const pkg = (name: string, spec = '', extras: string[] = [], more: Partial<PythonPackage> = {}): PythonPackage => ({name, spec, extras, file: 'requirements.txt', ...more});

	it('flags source-only and system-library packages, not their wheel twins', () => {
		const needs = nativeNeeds([
			pkg('psycopg2'),
			pkg('psycopg2-binary'),
			pkg('psycopg', '', ['binary']),
			pkg('psycopg'),
			pkg('mysqlclient'),
			pkg('lxml', '==5.2.1'),
			pkg('lxml-old', '==4.6.3'),
			pkg('cryptography', '==42.0.0'),
			pkg('pyodbc', '', [], {marker: 'sys_platform == "win32"'}),
			pkg('internal', '', [], {url: 'git+https://example.com/internal.git'}),
		]);
		expect(needs.map(n => [n.package, n.buildPackages.join(' '), n.runtimePackages.join(' ')])).toEqual([
			['psycopg2', 'build-essential libpq-dev', 'libpq5'],
			['psycopg', '', 'libpq5'],
			['mysqlclient', 'build-essential pkg-config default-libmysqlclient-dev', 'libmariadb3'],
			['internal', 'git', ''],
		]);
	});

	it.each([
		['==4.6.3', true],
		['<4.9', true],
		['<=4.8', true],
		['>=4.6', false],
		['==4.9.0', false],
		['', false],
	])('lxml %s is older than 4.9: %s', (spec, expected) => {
		expect(onlyBelow(spec, '4.9')).toBe(expected);
	});
});
