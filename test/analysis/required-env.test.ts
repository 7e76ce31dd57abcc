import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {analyseModule} from '../../source/analysis/python-module.js';
import {requiredEnvironment} from '../../source/analysis/required-env.js';

/** The variables required when gunicorn imports `target` from these files. */
function required(files: Record<string, string>, target: string | null): string[] {
	const names = new Set(Object.keys(files));
	const modules = Object.entries(files).map(([file, text]) => analyseModule(file, text, names));
	return requiredEnvironment(modules, target).map(item => item.name);
}

const flask = 'from flask import Flask\n';

describe('environment variables required at import', () => {
	it('finds os.environ["X"] at module level, in order, once each', () => {
		const app = `import os\n${flask}DB = os.environ["DBUSER"] + os.environ['DBPASS']\nAGAIN = os.environ["DBUSER"]\napp = Flask(__name__)\n`;
		expect(required({'app.py': app}, 'app:app')).toEqual(['DBUSER', 'DBPASS']);
	});

	it('leaves out reads with a default, assignments and a bare environ without the import', () => {
		const app = `import os\n${flask}A = os.environ.get("A")\nB = os.getenv("B")\nos.environ["C"] = "1"\nD = environ["D"]\nE = os.environ["E"] == "x"\napp = Flask(__name__)\n`;
		expect(required({'app.py': app}, 'app:app')).toEqual(['E']);
	});

	it('reads environ["X"] after `from os import environ`', () => {
		expect(required({'app.py': `from os import environ\n${flask}KEY = environ["SECRET_KEY"]\napp = Flask(__name__)\n`}, 'app:app')).toEqual(['SECRET_KEY']);
	});

	it('ignores reads inside functions, try blocks, __main__ guards, docstrings and names set by default first', () => {
		const app = [
			'import os', flask.trim(),
			'"""Set os.environ["DOC"] first."""',
			'os.environ.setdefault("DEFAULTED", "x")',
			'A = os.environ["DEFAULTED"]',
			'try:', '    B = os.environ["GUARDED"]', 'except KeyError:', '    B = None',
			'if "CHECKED" in os.environ:', '    C = os.environ["CHECKED"]',
			'def view():', '    return os.environ["IN_VIEW"]',
			'class Config:', '    SETTING = os.environ["IN_CLASS"]', '    def method(self):', '        return os.environ["IN_METHOD"]',
			'app = Flask(__name__)',
			'if __name__ == "__main__":', '    app.run(port=int(os.environ["MAIN_PORT"]))',
		].join('\n');
		expect(required({'app.py': app}, 'app:app')).toEqual(['IN_CLASS']);
	});

	it('counts the factory gunicorn calls, not the routes inside it', () => {
		const init = `import os\n${flask}def create_app():\n    app = Flask(__name__)\n    app.config["DB"] = os.environ["DATABASE_URL"]\n    @app.get("/")\n    def index():\n        return os.environ["AT_REQUEST"]\n    return app\n\ndef make_token():\n    return os.environ["NEVER_CALLED"]\n`;
		expect(required({'myapp/__init__.py': init}, 'myapp:create_app()')).toEqual(['DATABASE_URL']);
		// The same factory called by name from another module at import.
		expect(required({'myapp/__init__.py': init, 'wsgi.py': 'from myapp import create_app\napp = create_app()\n'}, 'wsgi:app')).toEqual(['DATABASE_URL']);
		// Not the target: its factory does not run.
		expect(required({'myapp/__init__.py': init, 'other.py': `${flask}app = Flask(__name__)\n`}, 'other:app')).toEqual([]);
	});

	it('follows the project modules the target imports, also from inside its factory, and leaves scripts alone', () => {
		const files = {
			'app/__init__.py': `${flask}from .config import Config\ndef create_app():\n    from . import views\n    app = Flask(__name__)\n    return app\n`,
			'app/config.py': 'import os\nclass Config:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n',
			'app/views.py': 'import os\nTOKEN = os.environ["API_TOKEN"]\n',
			'scripts/seed.py': 'import os\nURL = os.environ["SEED_URL"]\n',
			'tests/test_app.py': 'import os\nX = os.environ["TEST_ONLY"]\n',
		};
		expect(required(files, 'app:create_app()').sort()).toEqual(['API_TOKEN', 'SECRET_KEY']);
		expect(required(files, null)).toEqual([]);
	});

	it('follows a settings module named by a string: config.from_object("pkg.mod"), importlib.import_module', () => {
		const files = {
			'app.py': `${flask}import importlib\napp = Flask(__name__)\napp.config.from_object('project.development')\nextra = importlib.import_module("project.extra")\n`,
			'project/__init__.py': '',
			'project/development.py': "import os\nDATABASE = {'user': os.environ['DBUSER']}\n",
			'project/extra.py': 'import os\nKEY = os.environ["EXTRA_KEY"]\n',
			'project/production.py': 'import os\nNEVER = os.environ["PROD_ONLY"]\n',
		};
		expect(required(files, 'app:app')).toEqual(['DBUSER', 'EXTRA_KEY']);
	});

	it('reports the fixture that crashed with KeyError, with where each is read', async () => {
		const report = await scanProject(path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'required-env-at-import'));
		expect(report.startup?.requiredEnv?.map(item => item.name)).toEqual(['DBUSER', 'DBPASS', 'DBHOST', 'DBNAME']);
		expect(report.startup?.requiredEnv?.[0].evidence).toMatchObject({file: 'app.py', line: 7});
	});
});
