import {describe, expect, it} from 'vitest';
import {readLockFile, servesMinor} from '../../source/analysis/lock-files.js';
import {newestInstallable, wheelBlockers} from '../../source/analysis/python-wheels.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {compareReleases, onlyBelow, parseRelease, pinnedRelease} from '../../source/analysis/version-spec.js';
import type {PythonPackage} from '../../source/types.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();
const none = {lock: null, locked: new Map<string, string>(), packages: [] as PythonPackage[]};

const wheel = (name: string, release: string, tag: string) => `{ url = "https://files.example/${name}-${release}-${tag}-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:00" }`;
const uvLock = (requires: string, packages: string[]) => [`version = 1`, `requires-python = "${requires}"`, '', ...packages].join('\n');
const uvPackage = (name: string, release: string, wheels: string[]) => `[[package]]\nname = "${name}"\nversion = "${release}"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://files.example/${name}-${release}.tar.gz", hash = "sha256:00" }\nwheels = [\n    ${wheels.join(',\n    ')},\n]\n`;

describe('version specifiers', () => {
	it.each([
		['==2.9.9', '2.9.10', true],
		['==2.9.10', '2.9.10', false],
		['<2.9', '2.9', true],
		['<=2.9.1', '2.9.2', true],
		['~=2.8', '3.0', true],
		['~=2.8', '2.9', false],
		['^1.1', '2.0', true],
		['^0.4', '0.5', true],
		['~1.2.3', '1.3', true],
		['==1.1.*', '1.2', true],
		['>=2.8', '2.9', false],
		['>=2.8,<2.9', '2.9', true],
		['', '1.0', false],
	])('%s is only below %s: %s', (spec, release, expected) => {
		expect(onlyBelow(spec, release)).toBe(expected);
	});

	it('parses, compares and reads exact pins', () => {
		expect(compareReleases(parseRelease('2.9.10') ?? [], parseRelease('2.9.9') ?? [])).toBeGreaterThan(0);
		expect(compareReleases([1, 0], [1])).toBe(0);
		expect([pinnedRelease('==2.9.9'), pinnedRelease('2.9.9'), pinnedRelease('>=2.9'), pinnedRelease('==2.*')]).toEqual(['2.9.9', '2.9.9', null, null]);
	});
});

describe('lock files', () => {
	it('reads the Pythons each locked release has Linux wheels for, from uv.lock', async () => {
		const root = await tree({
			'uv.lock': uvLock('>=3.12', [
				uvPackage('psycopg2-binary', '2.9.9', [wheel('psycopg2_binary', '2.9.9', 'cp311-cp311'), wheel('psycopg2_binary', '2.9.9', 'cp312-cp312')]),
				uvPackage('cryptography', '42.0.5', [wheel('cryptography', '42.0.5', 'cp39-abi3')]),
				uvPackage('flask', '3.0.3', ['{ url = "https://files.example/flask-3.0.3-py3-none-any.whl", hash = "sha256:00" }']),
				uvPackage('pywin32', '306', ['{ url = "https://files.example/pywin32-306-cp312-cp312-win_amd64.whl", hash = "sha256:00" }']),
			]),
		});
		const lock = await readLockFile(root, []);
		const byName = new Map(lock?.packages.map(item => [item.name, item]));
		expect(lock?.file).toBe('uv.lock');
		expect(servesMinor(byName.get('psycopg2-binary')?.wheels ?? null, '3.12')).toBe(true);
		expect(servesMinor(byName.get('psycopg2-binary')?.wheels ?? null, '3.13')).toBe(false);
		expect(servesMinor(byName.get('cryptography')?.wheels ?? null, '3.14')).toBe(true);
		expect(servesMinor(byName.get('flask')?.wheels ?? null, '3.14')).toBe(true);
		// Windows wheels say nothing about Linux.
		expect(byName.get('pywin32')?.wheels).toBeNull();
	});

	it('reads poetry.lock files in both layouts, and python-versions upper bounds', async () => {
		const modern = '[[package]]\nname = "greenlet"\nversion = "2.0.2"\npython-versions = ">=2.7,<3.13"\nfiles = [\n    {file = "greenlet-2.0.2-cp311-cp311-manylinux_2_17_x86_64.whl", hash = "sha256:00"},\n]\n\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\n';
		const legacy = '[[package]]\nname = "greenlet"\nversion = "2.0.2"\npython-versions = ">=2.7"\n\n[metadata]\npython-versions = "^3.11"\n\n[metadata.files]\ngreenlet = [\n    {file = "greenlet-2.0.2-cp311-cp311-manylinux_2_17_x86_64.whl", hash = "sha256:00"},\n]\n';
		for (const text of [modern, legacy]) {
			const lock = await readLockFile(await tree({'poetry.lock': text}), []);
			expect(lock?.packages[0]).toMatchObject({name: 'greenlet', release: '2.0.2'});
			expect(servesMinor(lock?.packages[0].wheels ?? null, '3.11')).toBe(true);
			expect(servesMinor(lock?.packages[0].wheels ?? null, '3.12')).toBe(false);
		}

		expect((await readLockFile(await tree({'poetry.lock': modern}), []))?.packages[0].python).toBe('>=2.7,<3.13');
	});

	it('reports a lock that is not TOML', async () => {
		const problems: never[] = [];
		expect(await readLockFile(await tree({'uv.lock': 'version = [\n'}), problems)).toBeNull();
		expect(problems).toMatchObject([{rule: 'DW905', file: 'uv.lock'}]);
	});
});

describe('the Python a range picks', () => {
	it('picks the newest minor when nothing is pinned', () => {
		expect(newestInstallable('>=3.12', none)).toEqual({minor: '3.14', note: ''});
		expect(newestInstallable('<3.8', none)).toBeNull();
	});

	it('steps down to the newest minor the exact pins have wheels for, and says why', () => {
		const packages: PythonPackage[] = [{name: 'psycopg2-binary', spec: '==2.9.9', extras: [], file: 'requirements.txt'}];
		expect(newestInstallable('>=3.10', {...none, packages})).toEqual({minor: '3.12', note: '3.12, not 3.14 or 3.13: psycopg2-binary 2.9.9 has no wheels for them'});
		expect(newestInstallable('~=3.10', {...none, locked: new Map([['numpy', '1.26.4']])})?.minor).toBe('3.12');
		expect(wheelBlockers('3.11', {...none, packages})).toEqual([]);
	});

	it('ignores a pin that blocks every candidate (it says nothing about the choice)', () => {
		const packages: PythonPackage[] = [{name: 'lxml', spec: '==4.5.0', extras: [], file: 'requirements.txt'}];
		expect(newestInstallable('>=3.12', {...none, packages})).toEqual({minor: '3.14', note: ''});
	});

	it('scans a uv project with ^3.12 into the Python its lock has wheels for', async () => {
		const root = await tree({
			'pyproject.toml': '[project]\nname = "shop"\nversion = "1"\nrequires-python = ">=3.12"\ndependencies = ["flask>=3", "pydantic-core==2.14.1"]\n',
			'uv.lock': uvLock('>=3.12', [
				uvPackage('pydantic-core', '2.14.1', [wheel('pydantic_core', '2.14.1', 'cp312-cp312')]),
				uvPackage('flask', '3.0.3', ['{ url = "https://files.example/flask-3.0.3-py3-none-any.whl", hash = "sha256:00" }']),
			]),
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
		});
		const report = await scanProject(root);
		expect(report.python).toEqual({version: '3.12', source: 'pyproject.toml (requires-python >=3.12; 3.12, not 3.14 or 3.13: pydantic-core 2.14.1 has no wheels for them)'});
	});

	it('honours a locked package that requires an older Python', async () => {
		const root = await tree({
			'pyproject.toml': '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3"\n',
			'poetry.lock': '[[package]]\nname = "oldlib"\nversion = "1.0"\npython-versions = ">=3.8,<3.13"\nfiles = []\n\n[metadata]\npython-versions = "^3.11"\n',
		});
		const report = await scanProject(root);
		expect(report.python.version).toBe('3.12');
		expect(report.python.source).toContain('oldlib 1.0 requires Python >=3.8,<3.13');
	});
});
