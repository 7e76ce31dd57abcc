import {describe, expect, it} from 'vitest';
import type {TargetHint} from '../../source/analysis/hints.js';
import {analyseModule} from '../../source/analysis/python-module.js';
import {rankWsgiCandidates} from '../../source/analysis/wsgi-target.js';

function modules(files: Record<string, string>) {
	const names = new Set(Object.keys(files));
	return Object.entries(files).map(([file, text]) => analyseModule(file, text, names));
}

const hint = (target: string, weight = 60, more: Partial<TargetHint> = {}): TargetHint => ({target, factory: false, chdir: null, weight, evidence: {file: 'Procfile', line: 1, detail: target}, ...more});

describe('rankWsgiCandidates', () => {
	const flat = {
		'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
		'views.py': 'from app import app\n\n@app.route("/")\ndef index():\n    return "x"\n',
		'wsgi.py': 'from app import app as application\n',
		'run.py': 'from app import app\n\nif __name__ == "__main__":\n    app.run(port=5001)\n',
	};

	it('takes an entry module that imports the app, not every module that uses it', () => {
		const ranked = rankWsgiCandidates(modules(flat), []);
		expect(ranked.map(c => c.target)).toEqual(['wsgi:application', 'app:app', 'run:app']);
		expect(ranked[0].evidence[0].detail).toBe('imports the app app:app as application');
	});

	it('lets the project\'s own command decide', () => {
		expect(rankWsgiCandidates(modules(flat), [hint('run:app')])[0].target).toBe('run:app');
		expect(rankWsgiCandidates(modules(flat), [hint('app.py', 45)])[0].target).toBe('app:app');
	});

	it('resolves FLASK_APP the way Flask does: app, application, then a factory', () => {
		const found = modules({'pkg/__init__.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n'});
		expect(rankWsgiCandidates(found, [hint('pkg', 45)])[0]).toMatchObject({target: 'pkg:create_app()', evidence: [expect.anything(), {file: 'Procfile'}]});
	});

	it('offers a hint the code does not confirm, ranked below what the code shows', () => {
		const ranked = rankWsgiCandidates(modules({'app.py': 'from flask import Flask\napp = Flask(__name__)\n'}), [hint('generated.entry:wsgi_app', 60, {chdir: 'build'})]);
		expect(ranked.map(c => [c.target, c.kind, c.chdir])).toEqual([
			['app:app', 'instance', undefined],
			['generated.entry:wsgi_app', 'hint', 'build'],
		]);
	});

	it('ranks a factory that needs arguments below one that does not', () => {
		const ranked = rankWsgiCandidates(modules({
			'a.py': 'from flask import Flask\ndef create_app(config_name):\n    return Flask(__name__)\n',
			'b.py': 'from flask import Flask\ndef create_app(config=None):\n    return Flask(__name__)\n',
		}), []);
		expect(ranked.map(c => c.target)).toEqual(['b:create_app()', 'a:create_app()']);
		expect(ranked[1].evidence[0].detail).toMatch(/needs arguments \(config_name\)/);
	});
});
