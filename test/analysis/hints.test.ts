import {afterEach, describe, expect, it} from 'vitest';
import {commandWords, portInAddress, readCommand} from '../../source/analysis/command-line.js';
import {readDockerfile} from '../../source/analysis/dockerfile-facts.js';
import {readHints} from '../../source/analysis/hints.js';
import {makeTree, removeTree} from './tree.js';

const roots: string[] = [];
afterEach(async () => {
	await Promise.all(roots.splice(0).map(removeTree));
});

describe('readCommand', () => {
	it.each([
		['gunicorn app:app', {server: 'gunicorn', target: 'app:app', port: null, chdir: null}],
		['gunicorn -w 4 --bind=0.0.0.0:8080 "myapp:create_app()"', {server: 'gunicorn', target: 'myapp:create_app()', port: 8080, chdir: null}],
		['gunicorn --chdir src -b :$PORT wsgi:application', {server: 'gunicorn', target: 'wsgi:application', port: null, chdir: 'src'}],
		['gunicorn -b 0.0.0.0:${PORT:-5000} wsgi', {server: 'gunicorn', target: 'wsgi', port: 5000, chdir: null}],
		['python -m gunicorn app:app', {server: 'gunicorn', target: 'app:app', port: null, chdir: null}],
		['sh -c "pip list && exec gunicorn app:app -b 0.0.0.0:9000"', {server: 'gunicorn', target: 'app:app', port: 9000, chdir: null}],
		['waitress-serve --port=8081 --call pkg:create_app', {server: 'waitress', target: 'pkg:create_app', port: 8081, factory: true}],
		['uwsgi --http :9090 --wsgi-file app.py --callable app', {server: 'uwsgi', target: 'app.py:app', port: 9090}],
		['flask --app hello run --port 5001', {server: 'flask', target: 'hello', port: 5001}],
		['python3 app.py', {server: 'python', target: 'app.py', port: null}],
		['npm start', {server: null, target: null}],
	])('%s', (command, expected) => {
		expect(readCommand(command)).toMatchObject(expected);
	});

	it('splits words with quotes', () => {
		expect(commandWords(`a "b c" 'd e' f`)).toEqual(['a', 'b c', 'd e', 'f']);
	});

	it.each([
		['0.0.0.0:8000', 8000],
		[':5000', 5000],
		['[::]:8080', 8080],
		['${PORT:-7000}', 7000],
		['$PORT', null],
		['unix:/tmp/sock', null],
		['99999', null],
	])('port of %s is %s', (address, port) => {
		expect(portInAddress(address)).toBe(port);
	});
});

describe('readDockerfile', () => {
	it('reads bases with ARG defaults, ENV in both forms, EXPOSE, and the last CMD across continuations', () => {
		const facts = readDockerfile([
			'\uFEFFARG PYTHON_VERSION=3.12',
			'FROM --platform=linux/amd64 python:${PYTHON_VERSION}-slim AS build',
			'ENV FLASK_APP=app.py PORT="5000"',
			'ENV LEGACY value with spaces',
			'# a comment',
			'EXPOSE 5000/tcp 5001',
			'CMD ["python", "app.py"]',
			'CMD gunicorn \\',
			'  # inner comment',
			'  -b 0.0.0.0:5000 app:app',
		].join('\r\n'));
		expect(facts.from).toEqual([{image: 'python:3.12-slim', line: 2}]);
		expect(facts.env).toEqual([
			{name: 'FLASK_APP', value: 'app.py', line: 3},
			{name: 'PORT', value: '5000', line: 3},
			{name: 'LEGACY', value: 'value with spaces', line: 4},
		]);
		expect(facts.expose.map(e => e.port)).toEqual([5000, 5001]);
		expect(facts.cmd).toEqual({command: 'gunicorn -b 0.0.0.0:5000 app:app', line: 8});
	});
});

describe('readHints', () => {
	it('reads FLASK_APP and PORT only from env files, and the Procfile, gunicorn and uwsgi configuration', async () => {
		const root = await makeTree({
			'.flaskenv': 'FLASK_APP="hello:create_app()"\n',
			'.env': 'DATABASE_URL=postgres://user:pw@host/db\nexport PORT=5055\n',
			Procfile: 'release: flask db upgrade\nweb: gunicorn hello:app --workers 2\n',
			'gunicorn.conf.py': 'import os\nwsgi_app = "hello:app"\nbind = f"0.0.0.0:{os.environ.get(\'PORT\', 8001)}"\n',
			'uwsgi.ini': '[uwsgi]\nmodule = hello\ncallable = app\nhttp-socket = :9001\n',
		});
		roots.push(root);
		const hints = await readHints(root, null, []);
		expect(hints.targets.map(t => [t.target, t.evidence.file, t.weight])).toEqual([
			['hello:create_app()', '.flaskenv', 45],
			['hello:app', 'Procfile', 60],
			['hello:app', 'gunicorn.conf.py', 55],
			['hello:app', 'uwsgi.ini', 55],
		]);
		expect(hints.ports.map(p => [p.port, p.evidence.file])).toEqual([[5055, '.env'], [8001, 'gunicorn.conf.py'], [9001, 'uwsgi.ini']]);
		expect(JSON.stringify(hints)).not.toContain('postgres://');
	});
});
