import {describe, expect, it} from 'vitest';
import {factoryCallsIn, literalArguments} from '../../source/analysis/factory-arguments.js';
import {analyseModule} from '../../source/analysis/python-module.js';
import {rankWsgiCandidates} from '../../source/analysis/wsgi-target.js';
import {propose} from '../../source/advice/index.js';
import {makeReport} from '../advice/make-report.js';

function modules(files: Record<string, string>) {
	const names = new Set(Object.keys(files));
	return Object.entries(files).map(([file, text]) => analyseModule(file, text, names));
}

const factoryPackage = 'from flask import Flask\n\n\ndef create_app(config_name):\n    app = Flask(__name__)\n    app.config.from_object(config_name)\n    return app\n';

describe('literalArguments', () => {
	it.each([
		['"production"', 1, '"production"'],
		["'default'", 1, "'default'"],
		['os.getenv("FLASK_CONFIG") or "default"', 1, '"default"'],
		['os.environ.get("FLASK_CONFIG", "production")', 1, '"production"'],
		['getenv(\'APP_ENV\', \'dev\'), debug=False', 1, "'dev', debug=False"],
		['config_name="testing"', 1, 'config_name="testing"'],
		['"a, b"', 1, '"a, b"'],
	])('%s -> %s', (args, required, expected) => {
		expect(literalArguments(args, required)).toBe(expected);
	});

	it.each([
		['config', 1],
		['os.getenv("FLASK_CONFIG")', 1],
		['', 1],
		['*args', 0],
		['f"{name}"', 1],
		['"only-one"', 2],
	])('%s is not something gunicorn can pass', (args, required) => {
		expect(literalArguments(args, required)).toBeNull();
	});
});

describe('factoryCallsIn', () => {
	const names = /^(create_app|make_app)$/;
	it('finds calls with balanced parentheses, never a definition', () => {
		expect(factoryCallsIn('app = create_app(os.getenv("X") or "default")', 3, names)).toEqual([{name: 'create_app', line: 3, args: 'os.getenv("X") or "default"'}]);
		expect(factoryCallsIn('create_app(")").run()', 1, names)).toEqual([{name: 'create_app', line: 1, args: '")"'}]);
		expect(factoryCallsIn('def create_app(config_name):', 1, names)).toEqual([]);
		expect(factoryCallsIn('recreate_app("x")', 1, names)).toEqual([]);
	});
});

describe('a factory that needs arguments', () => {
	it('passes the literal the project calls it with, from run.py under __main__', () => {
		const ranked = rankWsgiCandidates(modules({
			'app/__init__.py': factoryPackage,
			'run.py': 'import os\nfrom app import create_app\n\nif __name__ == "__main__":\n    create_app(os.getenv("FLASK_CONFIG") or "default").run()\n',
		}), []);
		expect(ranked[0]).toMatchObject({target: 'app:create_app("default")', kind: 'factory'});
		expect(ranked[0].needsArguments).toBeUndefined();
		expect(ranked[0].evidence.at(-1)).toMatchObject({file: 'run.py', line: 5, detail: expect.stringMatching(/calls create_app\("default"\).*needs config_name/)});
	});

	it('prefers the app variable a wsgi.py makes with the factory', () => {
		const ranked = rankWsgiCandidates(modules({
			'app/__init__.py': factoryPackage,
			'wsgi.py': 'from app import create_app\n\napp = create_app("production")\n',
		}), []);
		expect(ranked[0].target).toBe('wsgi:app');
		expect(ranked.map(c => c.target)).toContain('app:create_app("production")');
	});

	it('takes the wsgi.py call before a manage.py one', () => {
		const ranked = rankWsgiCandidates(modules({
			'app/__init__.py': factoryPackage,
			'manage.py': 'from app import create_app\n\ndef main():\n    create_app("development").run()\n',
			'wsgi.py': 'from app import create_app\n\ndef application(environ, start_response):\n    return create_app("production")(environ, start_response)\n',
		}), []);
		expect(ranked.find(c => c.kind === 'factory')?.target).toBe('app:create_app("production")');
	});

	it('marks the parameters when the project never calls it with literals', () => {
		const ranked = rankWsgiCandidates(modules({
			'app/__init__.py': factoryPackage,
			'run.py': 'from app import create_app\nfrom config import current\n\nif __name__ == "__main__":\n    create_app(current).run()\n',
		}), []);
		expect(ranked[0]).toMatchObject({target: 'app:create_app()', needsArguments: ['config_name']});
	});

	it('leaves a factory without required parameters alone', () => {
		const ranked = rankWsgiCandidates(modules({'app/__init__.py': 'from flask import Flask\n\ndef create_app(config_name="default"):\n    return Flask(__name__)\n'}), []);
		expect(ranked[0]).toMatchObject({target: 'app:create_app()'});
		expect(ranked[0].needsArguments).toBeUndefined();
	});

	it('the proposal warns with the fix when the served factory needs arguments', () => {
		const candidate = {target: 'app:create_app()', kind: 'factory' as const, score: 26, evidence: [{file: 'app/__init__.py', line: 4, detail: 'application factory create_app() needs arguments (config_name): pass them in the target'}], needsArguments: ['config_name']};
		const report = makeReport({wsgiTarget: 'app:create_app()', wsgiCandidates: [candidate]});
		const proposal = propose(report, {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:create_app()'});
		expect(proposal.warnings.join('\n')).toMatch(/gunicorn calls create_app\(\) with no arguments, but create_app needs config_name \(app\/__init__\.py:4\): .*TypeError.*defaults.*wsgi:app.*app:create_app\("production"\)/);
	});

	it('the proposal serves the target with the literal, and does not warn', () => {
		const found = rankWsgiCandidates(modules({
			'app/__init__.py': factoryPackage,
			'run.py': 'from app import create_app\nif __name__ == "__main__":\n    create_app("production").run()\n',
		}), []);
		const report = makeReport({wsgiTarget: found[0].target, wsgiCandidates: found, sourceFiles: ['app/__init__.py', 'run.py']});
		const proposal = propose(report, {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: found[0].target});
		expect(proposal.dockerfile).toContain('"app:create_app(\\"production\\")"');
		expect(proposal.warnings.join('\n')).not.toMatch(/TypeError/);
	});
});
