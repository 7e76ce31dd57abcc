import {describe, expect, it} from 'vitest';
import {findingsFor} from '../../source/advice/lint.js';
import {pinProblems} from '../../source/advice/incompatible-pins.js';
import type {PythonPackage} from '../../source/types.js';
import {makeReport} from './make-report.js';

const requirements = (...lines: string[]): PythonPackage[] =>
	lines.map((text, index) => {
		const [, name, spec] = /^([\w.-]+)(.*)$/.exec(text) ?? ['', text, ''];
		return {name: name.toLowerCase(), spec, extras: [], file: 'requirements.txt', line: index + 1};
	});
const problemsFor = (packages: PythonPackage[], python = '3.11', locked?: Record<string, string>) =>
	pinProblems(makeReport({dependencies: {packages, ...(locked ? {locked} : {})}}), python).map(problem => `${problem.pkg.name}->${problem.incompatibility.dependency?.name ?? '(build)'}`);

describe('DW030: pins that cannot build or import today', () => {
	it('reports Flask 1.1.2 with its dependencies unbounded, once per dependency', () => {
		expect(problemsFor(requirements('flask==1.1.2'))).toEqual(['flask->jinja2', 'flask->itsdangerous', 'flask->werkzeug']);
	});

	it('is satisfied by the bounds Flask 1.1.4 itself sets, and then asks MarkupSafe to be bounded for Jinja2 2.x', () => {
		expect(problemsFor(requirements('flask==1.1.2', 'jinja2<3.0', 'itsdangerous<2.0', 'werkzeug<2.0'))).toEqual(['jinja2->markupsafe']);
		expect(problemsFor(requirements('flask==1.1.2', 'jinja2<3.0', 'itsdangerous<2.0', 'werkzeug<2.0', 'markupsafe==2.0.1'))).toEqual([]);
		expect(problemsFor(requirements('flask==1.1.4'))).toEqual(['flask->werkzeug']);
	});

	it('reports Flask 2.0 to 2.2 with Werkzeug unbounded (url_quote), not Flask 2.3', () => {
		expect(problemsFor(requirements('flask==2.0.3'))).toEqual(['flask->werkzeug']);
		expect(problemsFor(requirements('flask~=2.2.0'))).toEqual(['flask->werkzeug']);
		expect(problemsFor(requirements('flask~=2.2'))).toEqual([]);
		expect(problemsFor(requirements('flask==2.0.3', 'werkzeug==2.0.3'))).toEqual([]);
		expect(problemsFor(requirements('flask==2.3.3'))).toEqual([]);
		expect(problemsFor(requirements('flask'))).toEqual([]);
	});

	it('reads the release a lock pins for the dependency', () => {
		expect(problemsFor(requirements('flask==2.0.3'), '3.11', {werkzeug: '2.0.3', flask: '2.0.3'})).toEqual([]);
		expect(problemsFor(requirements('flask>=2'), '3.11', {werkzeug: '3.0.1', flask: '2.0.3'})).toEqual(['flask->werkzeug']);
	});

	it('reports old MarkupSafe on Python 3.10 and later only, and PyYAML only where it compiles', () => {
		expect(problemsFor(requirements('markupsafe==1.1.1'), '3.11')).toEqual(['markupsafe->(build)']);
		expect(problemsFor(requirements('pyyaml==5.4.1'), '3.11')).toEqual(['pyyaml->(build)']);
		expect(problemsFor(requirements('pyyaml==5.4.1'), '3.9')).toEqual([]);
		expect(problemsFor(requirements('pyyaml==6.0.1'), '3.12')).toEqual([]);
	});

	it('knows the extensions that broke with Werkzeug 2.1/3.0, SQLAlchemy 2.0 and Flask 2.2', () => {
		expect(problemsFor(requirements('flask-login==0.5.0'))).toEqual(['flask-login->werkzeug']);
		expect(problemsFor(requirements('flask-sqlalchemy==2.5.1'))).toEqual(['flask-sqlalchemy->sqlalchemy']);
		expect(problemsFor(requirements('flask-sqlalchemy==2.5.1', 'sqlalchemy==1.4.52'))).toEqual([]);
		expect(problemsFor(requirements('flask-jwt'))).toEqual(['flask-jwt->werkzeug']);
		expect(problemsFor(requirements('flask-restful==0.3.9'))).toEqual(['flask-restful->flask']);
	});

	it('is a finding before the build, on the requirement line, with the fix', () => {
		const findings = findingsFor(makeReport({dependencies: {packages: requirements('gunicorn==20.1.0', 'flask==2.0.1')}})).filter(finding => finding.rule === 'DW030');
		expect(findings).toEqual([
			{
				rule: 'DW030',
				severity: 'error',
				line: 2,
				file: 'requirements.txt',
				message: "flask==2.0.1: Flask before 2.3 imports url_quote from werkzeug.urls, which Werkzeug 3.0 removed: `ImportError: cannot import name 'url_quote' from 'werkzeug.urls'` (werkzeug is not pinned)",
				fix: 'Pin Werkzeug<3.0, or upgrade Flask to 2.3 or later, in requirements.txt.',
			},
		]);
	});
});
