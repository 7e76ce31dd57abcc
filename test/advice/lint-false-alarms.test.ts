import {describe, expect, it} from 'vitest';
import {findingsFor, lintDockerfile} from '../../source/advice/lint.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {treesRemovedAfterEach} from '../analysis/tree.js';
import {makeReport} from './make-report.js';

const tree = treesRemovedAfterEach();
const report = makeReport({dependencies: {files: ['requirements.txt']}, sourceFiles: ['app.py', 'wsgi.py', 'run.py']});
const rules = (text: string, project = report) => lintDockerfile(text, project).map(finding => finding.rule);
const messages = (text: string, rule: string, project = report) => lintDockerfile(text, project).filter(finding => finding.rule === rule).map(finding => finding.message);

describe('lint false alarms seen on real projects', () => {
	it('DW008: a file copied into the folder WORKDIR made is there', () => {
		const text = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt /app\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app.py /app\nCMD ["gunicorn", "app:app"]\n';
		expect(rules(text)).not.toContain('DW008');
		// A folder made by an earlier `COPY . /srv` takes the file too; a new path is still a file name.
		expect(rules('FROM python:3.11-slim\nCOPY . /srv\nCOPY app.py /srv\nWORKDIR /srv\nCMD ["python", "app.py"]\n')).not.toContain('DW008');
		expect(messages('FROM python:3.11-slim\nWORKDIR /app\nCOPY app.py /srv/main\nCMD ["python", "app.py"]\n', 'DW008')[0]).toContain('app.py was never copied');
	});

	it('DW006: `python app.py` is the development server only when that file calls app.run', () => {
		const text = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n';
		expect(rules(text, makeReport({...report, devServerFiles: []}))).not.toContain('DW006');
		expect(messages(text, 'DW006', makeReport({...report, devServerFiles: ['app.py']}))).toEqual(["`python app.py` runs app.py, which starts Flask's development server (app.run)"]);
	});

	it('DW006: ENTRYPOINT ["python3"] with CMD ["run.py"] starts the development server of another module', () => {
		const text = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python3"]\nCMD ["run.py"]\n';
		const project = makeReport({...report, wsgiTarget: 'wsgi:app', devServerFiles: ['run.py']});
		expect(lintDockerfile(text, project).filter(finding => finding.rule === 'DW006').map(finding => [finding.line, finding.message])).toEqual([[5, "`python run.py` runs run.py, which starts Flask's development server (app.run)"]]);
	});

	it('DL3025: `CMD exec gunicorn ...` hands PID 1 to gunicorn, which gets the signals', () => {
		expect(rules('FROM python:3.11-slim\nCMD exec gunicorn --bind 0.0.0.0:8000 app:app\n')).not.toContain('DL3025');
		expect(rules('FROM python:3.11-slim\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n')).toContain('DL3025');
	});

	it('DW018: no CMD is not reported on a base image that may bring its own', () => {
		expect(rules('FROM tiangolo/uwsgi-nginx-flask:python3.11\nCOPY ./app /app\n')).not.toContain('DW018');
		expect(rules('FROM registry.example.com/team/flask-base:2\nCOPY . /app\n')).not.toContain('DW018');
		expect(rules('FROM python:3.11-slim\nCOPY . /app\n')).toContain('DW018');
		expect(rules('FROM python:3.11-slim AS base\nCMD ["gunicorn", "app:app"]\nFROM base\nCOPY . /app\n')).not.toContain('DW018');
	});

	it('DW018: an entrypoint script ending with exec "$@" and no CMD runs nothing', () => {
		const text = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["./docker-entrypoint.sh"]\n';
		const execs = makeReport({...report, startScripts: [{path: 'docker-entrypoint.sh', execsArguments: true}]});
		expect(lintDockerfile(text, execs).filter(finding => finding.rule === 'DW018').map(finding => finding.line)).toEqual([4]);
		expect(rules(text + 'CMD ["gunicorn", "app:app"]\n', execs)).not.toContain('DW018');
		expect(rules(text, makeReport({...report, startScripts: [{path: 'docker-entrypoint.sh', execsArguments: false}]}))).not.toContain('DW018');
	});

	it('reads the scripts and the app.run calls from the project', async () => {
		const root = await tree({
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			'run.py': 'from app import app\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
			'requirements.txt': 'flask\ngunicorn\n',
			'docker-entrypoint.sh': '#!/bin/sh\nset -e\nflask db upgrade\n\nexec "$@"\n# end\n',
			Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nENTRYPOINT ["/app/docker-entrypoint.sh"]\n',
		});
		const scanned = await scanProject(root);
		expect(scanned.devServerFiles).toEqual(['run.py']);
		expect(scanned.startScripts).toEqual([{path: 'docker-entrypoint.sh', execsArguments: true}]);
		const finding = findingsFor(scanned).find(item => item.rule === 'DW018');
		expect(finding?.message).toContain('ENTRYPOINT runs docker-entrypoint.sh, which ends with `exec "$@"`, but there is no CMD');
	});
});
