import {describe, expect, it} from 'vitest';
import {analyseModule, moduleName, portInRunArguments} from '../../source/analysis/python-module.js';
import {pythonLines} from '../../source/analysis/python-lines.js';

const analyse = (text: string, file = 'app.py', files: string[] = [file]) => analyseModule(file, text, new Set(files));

describe('pythonLines', () => {
	it('joins bracketed and continued lines, drops comments, keeps indentation', () => {
		const {lines, issues} = pythonLines('app = Flask(\n    __name__,  # the name\n)\nx = 1 + \\\n    2\n\ndef f():\n    return 1\n');
		expect(lines).toEqual([
			{line: 1, indent: 0, text: 'app = Flask(     __name__,   )'},
			{line: 4, indent: 0, text: 'x = 1 +      2'},
			{line: 7, indent: 0, text: 'def f():'},
			{line: 8, indent: 4, text: 'return 1'},
		]);
		expect(issues).toEqual([]);
	});

	it('never finds code inside strings, and counts lines across triple-quoted ones', () => {
		const {lines} = pythonLines('"""\napp = Flask(__name__)\n"""\nb = r"\\d(" \nc = 1\n');
		expect(lines.map(l => [l.line, l.text.slice(0, 3)])).toEqual([[1, '"""'], [4, 'b ='], [5, 'c =']]);
	});

	it('reports unclosed brackets and strings with their line, and goes on', () => {
		expect(pythonLines('x = [1,\ny = 2\n').issues).toEqual([{line: 1, message: "'[' is never closed"}]);
		expect(pythonLines('a = 1\nb = "abc\nc = 3\n').issues).toEqual([{line: 2, message: 'unterminated string'}]);
		expect(pythonLines('a = (1]\n').issues[0].message).toMatch(/does not match/);
	});

	it('reads CRLF sources', () => {
		expect(pythonLines('a = (1,\r\n 2)\r\nb = 2\r\n').lines.map(l => l.line)).toEqual([1, 3]);
	});
});

describe('analyseModule', () => {
	it('finds module-level Flask apps, chained and annotated ones, and aliases', () => {
		const facts = analyse('import flask\napp: flask.Flask = flask.Flask(__name__)\napplication = app\nwsgi = other = Flask(__name__)\n');
		expect(facts.instances.map(i => [i.name, i.via])).toEqual([
			['app', 'flask'],
			['application', 'alias'],
			['wsgi', 'flask'],
			['other', 'flask'],
		]);
		expect(facts.flaskImported).toBe(true);
	});

	it('finds factories, with the arguments they need', () => {
		const facts = analyse('from flask import Flask\n\ndef create_app(config_name, *, debug=False):\n    app = Flask(__name__)\n    return app\n\ndef build():\n    return Flask("x")\n\ndef helper():\n    return 1\n');
		expect(facts.factories).toEqual([
			{name: 'create_app', line: 3, requiredParams: ['config_name']},
			{name: 'build', line: 7, requiredParams: []},
		]);
		expect(facts.instances).toEqual([]);
	});

	it('does not take an app made inside a function, a blueprint, or a FastAPI app for a Flask app', () => {
		const facts = analyse('from flask import Blueprint, Flask\nbp = Blueprint("x", __name__)\n\ndef make():\n    app = Flask(__name__)\n');
		expect(facts.instances).toEqual([]);
		const fastapi = analyse('from fastapi import FastAPI\napp = FastAPI()\n', 'main.py');
		expect(fastapi.instances).toEqual([]);
		expect(fastapi.fastapi).toEqual([{file: 'main.py', line: 2, detail: 'app = FastAPI()'}]);
	});

	it('takes an app made by a factory call at module level', () => {
		const facts = analyse('from myapp import create_app\napp = create_app(os.getenv("CONFIG") or "default")\n', 'wsgi.py');
		expect(facts.instances.map(i => [i.name, i.via])).toEqual([['app', 'factory']]);
	});

	it('reads the port of app.run', () => {
		const facts = analyse('from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=5001, debug=True)\n');
		expect(facts.runCalls).toEqual([{line: 4, port: 5001}]);
		expect(portInRunArguments('port=int(os.environ.get("PORT", 8080))')).toBe(8080);
		expect(portInRunArguments('host="0.0.0.0", debug=True')).toBeNull();
		expect(portInRunArguments('port=PORT')).toBeNull();
	});

	it('spots Django', () => {
		const facts = analyse('import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "s")\nfrom django.core.wsgi import get_wsgi_application\n', 'mysite/wsgi.py');
		expect(facts.django.map(e => e.line)).toEqual([2, 3]);
	});
});

describe('moduleName', () => {
	it.each([
		['app.py', [], 'app', ''],
		['myapp/__init__.py', ['myapp/__init__.py'], 'myapp', ''],
		['myapp/web/app.py', ['myapp/__init__.py', 'myapp/web/__init__.py'], 'myapp.web.app', ''],
		['src/shop/__init__.py', ['src/shop/__init__.py'], 'shop', 'src'],
		['backend/server.py', [], 'server', 'backend'],
		['services/api/pkg/wsgi.py', ['services/api/pkg/__init__.py'], 'pkg.wsgi', 'services/api'],
	])('%s is %s from "%s"', (file, others, module, importRoot) => {
		expect(moduleName(file, new Set([file, ...others]))).toEqual({module, importRoot});
	});
});

describe('imports of the app', () => {
	it('records module-level from-imports with relative ones made absolute', () => {
		const facts = analyse('from . import app\nfrom .web import (app as application, db)\nfrom ..x import y\nfrom flask import Flask\n', 'pkg/sub/wsgi.py', ['pkg/__init__.py', 'pkg/sub/__init__.py']);
		expect(facts.imports.map(i => [i.local, i.from, i.name])).toEqual([
			['app', 'pkg.sub', 'app'],
			['application', 'pkg.sub.web', 'app'],
			['db', 'pkg.sub.web', 'db'],
			['y', 'pkg.x', 'y'],
			['Flask', 'flask', 'Flask'],
		]);
	});
});

describe('Dash apps', () => {
	it('serve their Flask server', () => {
		const facts = analyse('import dash\n\napp = dash.Dash(__name__)\nserver = app.server\n');
		expect(facts.flaskImported).toBe(true);
		expect(facts.instances.map(i => [i.name, i.line])).toEqual([['server', 4]]);
	});
});
