import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {excludedByMarkers, markerPythonSpec, oldestAllowed, pythonFromMarkers} from '../../source/analysis/python-markers.js';
import type {PythonPackage} from '../../source/types.js';

const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'python-markers-exclude');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-markers-'));
afterAll(() => fs.rmSync(work, {recursive: true, force: true}));

const pkg = (name: string, marker?: string): PythonPackage => ({name, spec: '', extras: [], file: 'requirements.txt', ...(marker ? {marker} : {})});
const exported = (marker: string) => ['flask', 'gunicorn', 'werkzeug'].map(name => pkg(name, marker));

describe('python_version markers', () => {
	it('reads the python_version clauses of a marker as a range', () => {
		expect(markerPythonSpec('python_version >= "3.12" and python_version < "4.0"')).toBe('>=3.12,<4.0');
		expect(markerPythonSpec('python_full_version >= "3.9.2" and sys_platform == "linux"')).toBe('>=3.9.2');
		// python_version is two parts: `> "3.11"` starts at 3.12, `<= "3.11"` ends with 3.11.
		expect(markerPythonSpec("python_version > '3.11'")).toBe('>=3.12');
		expect(markerPythonSpec('python_version <= "3.11"')).toBe('<3.12');
		expect(markerPythonSpec('sys_platform == "win32"')).toBeNull();
		expect(markerPythonSpec('python_version < "3.8" or python_version >= "3.12"')).toBeNull();
		expect(markerPythonSpec(undefined)).toBeNull();
	});

	it('counts the requirements pip would skip because they need a newer Python, not backports', () => {
		const packages = [...exported('python_version >= "3.12"'), pkg('tomli', 'python_version < "3.11"'), pkg('click')];
		expect(excludedByMarkers(packages, '3.11').map(item => item.name)).toEqual(['flask', 'gunicorn', 'werkzeug']);
		expect(excludedByMarkers(packages, '3.12')).toEqual([]);
		expect(excludedByMarkers(exported('python_version > "3.11"'), '3.11')).toHaveLength(3);
		expect(oldestAllowed(exported('python_version >= "3.12" and python_version < "4.0"'))).toBe('3.12');
	});

	it('takes markers on most requirements as the Python the project is made for: the oldest they allow', () => {
		expect(pythonFromMarkers(exported('python_version >= "3.12" and python_version < "4.0"'))).toEqual({
			version: '3.12',
			allowed: ['3.12', '3.13', '3.14'],
			source: 'requirements.txt markers (python_version >= 3.12)',
		});
		// Markers that allow every supported Python, a backport's, or markers on a minority say nothing.
		expect(pythonFromMarkers(exported('python_version >= "3.8"'))).toBeNull();
		expect(pythonFromMarkers([pkg('flask'), pkg('gunicorn'), pkg('tomli', 'python_version < "3.11"')])).toBeNull();
		expect(pythonFromMarkers([pkg('flask'), pkg('gunicorn'), pkg('werkzeug', 'python_version >= "3.12"')])).toBeNull();
	});

	it('picks Python 3.12 for the exported requirements of the fixture, and says why', async () => {
		const report = await scanProject(fixture);
		expect(report.python).toEqual({version: '3.12', source: 'requirements.txt markers (python_version >= 3.12)'});
		expect(report.dependencies.packages).toHaveLength(8);
	});

	it('does not take an existing FROM the markers exclude, and lets a declared version win', async () => {
		const project = path.join(work, 'with-dockerfile');
		fs.cpSync(fixture, project, {recursive: true});
		fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\n');
		expect((await scanProject(project)).python.version).toBe('3.12');
		fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM python:3.13-slim\nCOPY . .\nRUN pip install -r requirements.txt\n');
		expect((await scanProject(project)).python).toEqual({version: '3.13', source: 'Dockerfile (FROM python:3.13-slim)'});
		fs.writeFileSync(path.join(project, '.python-version'), '3.11\n');
		expect((await scanProject(project)).python).toEqual({version: '3.11', source: '.python-version'});
	});
});
