import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {declaredPackageFolders, neededImportRoots} from '../../source/analysis/import-roots.js';
import {analyseModule} from '../../source/analysis/python-module.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {defaultChoices, propose} from '../../source/advice/index.js';

const startupFixtures = path.join(import.meta.dirname, '..', 'fixtures', 'startup');

function modulesOf(files: Record<string, string>) {
	const names = new Set(Object.keys(files));
	return Object.entries(files).map(([file, text]) => analyseModule(file, text, names));
}

describe('folders the project imports from besides its root', () => {
	it('finds src/ when a root module imports a package that lives only there', () => {
		const modules = modulesOf({
			'make_celery.py': 'from task_app import create_app\nimport os, json\nflask_app = create_app()\n',
			'src/task_app/__init__.py': 'from flask import Flask\ndef create_app():\n    return Flask(__name__)\n',
			'src/task_app/tasks.py': 'from celery import shared_task\n',
		});
		expect(modules[0].topImports).toEqual([{name: 'task_app', line: 1}, {name: 'os', line: 2}, {name: 'json', line: 2}]);
		expect(neededImportRoots(modules, [], [])).toEqual([{folder: 'src', packages: ['task_app'], evidence: {file: 'make_celery.py', line: 1, detail: 'imports task_app, which is in src/'}}]);
	});

	it('needs nothing when the package is also at the root, only in an undeclared folder, or imported by tests', () => {
		expect(neededImportRoots(modulesOf({'wsgi.py': 'from shop import app\n', 'shop/__init__.py': 'x = 1\n', 'src/shop/__init__.py': 'x = 1\n'}), [], [])).toEqual([]);
		expect(neededImportRoots(modulesOf({'wsgi.py': 'from shop import app\n', 'vendor/shop/__init__.py': 'x = 1\n'}), [], [])).toEqual([]);
		expect(neededImportRoots(modulesOf({'tests/test_app.py': 'from shop import app\n', 'src/shop/__init__.py': 'x = 1\n'}), [], [])).toEqual([]);
		expect(neededImportRoots(modulesOf({'wsgi.py': 'from shop import app\n', 'lib/shop/__init__.py': 'x = 1\n'}), [], ['lib'])).toMatchObject([{folder: 'lib', packages: ['shop']}]);
	});

	it('reads the package folder setuptools, poetry, hatch and setup.cfg declare', () => {
		expect(declaredPackageFolders({pyproject: '[tool.setuptools.packages.find]\nwhere = ["lib"]\n'})).toEqual(['lib']);
		expect(declaredPackageFolders({pyproject: '[tool.setuptools]\npackage-dir = {"" = "code"}\n'})).toEqual(['code']);
		expect(declaredPackageFolders({pyproject: '[tool.poetry]\npackages = [{include = "shop", from = "python"}]\n'})).toEqual(['python']);
		expect(declaredPackageFolders({pyproject: '[tool.hatch.build.targets.wheel]\npackages = ["pkgs/shop"]\n'})).toEqual(['pkgs']);
		expect(declaredPackageFolders({setupCfg: '[options]\npackage_dir =\n    = source\n', setupPy: 'setup(package_dir={"": "src"})'})).toEqual(['source', 'src']);
		expect(declaredPackageFolders({pyproject: '[tool.setuptools.packages.find]\nwhere = ["."]\n'})).toEqual([]);
	});

	it('a scan and its proposal add the declared folder to --pythonpath and keep /app as the working directory', async () => {
		const report = await scanProject(path.join(startupFixtures, 'declared-package-folder'));
		expect(report.startup?.importRoots).toEqual([{folder: 'lib', packages: ['ledger'], evidence: {file: 'serve.py', line: 3, detail: 'imports ledger, which is in lib/'}}]);
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "--pythonpath", "/app/lib", "serve:web_app"]');
		expect(proposal.dockerfile).not.toContain('--chdir');
		const change = proposal.changes.find(item => item.title.startsWith('Imports the app from lib/'));
		expect(change?.why).toContain('serve.py:3 imports ledger from lib/');
	});
});
