import {afterEach, describe, expect, it} from 'vitest';
import {localPackageNeeds, localRequirementFolder} from '../../source/analysis/local-package-needs.js';
import {scanProject} from '../../source/analysis/index.js';
import type {PythonPackage} from '../../source/types.js';
import {makeTree, removeTree} from './tree.js';

const roots: string[] = [];
afterEach(async () => {
	await Promise.all(roots.splice(0).map(async root => removeTree(root)));
});

async function tree(files: Record<string, string>): Promise<string> {
	const root = await makeTree(files);
	roots.push(root);
	return root;
}

const local = (name: string, url: string): PythonPackage => ({name, spec: '', extras: [], url, file: 'requirements.txt', line: 2});

describe('localRequirementFolder', () => {
	it('reads relative, file: and absolute paths, not names, URLs or archives', () => {
		expect(localRequirementFolder(local('fastsum', './fastsum'))).toBe('./fastsum');
		expect(localRequirementFolder(local('fastsum', 'file:./libs/fastsum/'))).toBe('./libs/fastsum');
		expect(localRequirementFolder(local('x', 'git+https://example.com/x.git'))).toBeNull();
		expect(localRequirementFolder(local('x', './dist/x-1.0-py3-none-any.whl'))).toBeNull();
		expect(localRequirementFolder({name: 'flask', spec: '', extras: [], file: 'requirements.txt'})).toBeNull();
	});
});

describe('localPackageNeeds', () => {
	it('a local package whose setup.py declares ext_modules needs a compiler and headers in the builder only', async () => {
		const root = await tree({'fastsum/setup.py': 'from setuptools import Extension, setup\nsetup(name="fastsum", ext_modules=[Extension("fastsum", ["fastsum.c"])])\n', 'fastsum/fastsum.c': ''});
		const needs = await localPackageNeeds(root, [local('fastsum', './fastsum')]);
		expect(needs).toEqual([{package: 'fastsum', reason: './fastsum is a local package with a C extension: pip compiles it at install', buildPackages: ['build-essential', 'python3-dev'], runtimePackages: []}]);
	});

	it('C sources one level down count too (pyproject-only packages)', async () => {
		const root = await tree({'libs/speed/pyproject.toml': '[project]\nname = "speed"\n', 'libs/speed/src/speed.c': ''});
		expect((await localPackageNeeds(root, [local('speed', './libs/speed')])).map(need => need.package)).toEqual(['speed']);
	});

	it('a pure-Python local package, a missing folder and a path outside the project need nothing', async () => {
		const root = await tree({'libs/pure/setup.py': 'from setuptools import setup\nsetup(name="pure")\n', 'libs/pure/pure.py': ''});
		const needs = await localPackageNeeds(root, [local('pure', './libs/pure'), local('gone', './missing'), local('outside', '../elsewhere')]);
		expect(needs).toEqual([]);
	});

	it('scanProject reports the need alongside the named packages\' needs', async () => {
		const root = await tree({
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			'requirements.txt': 'flask\npsycopg2==2.9.9\n./fastsum\n',
			'fastsum/setup.py': 'from setuptools import Extension, setup\nsetup(name="fastsum", ext_modules=[Extension("fastsum", ["fastsum.c"])])\n',
		});
		const report = await scanProject(root);
		expect(report.nativeNeeds.map(need => need.package)).toEqual(['psycopg2', 'fastsum']);
	});
});
