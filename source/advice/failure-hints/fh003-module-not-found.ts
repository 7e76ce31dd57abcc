import {lastMatch, type FailureRule} from './hint.js';

const noModule = /(?:ModuleNotFoundError|ImportError): No module named '?([A-Za-z_][\w.]*)'?/;

// Import names whose distribution on PyPI is named otherwise: adding the import name to requirements installs nothing or the wrong thing.
const distributionOf: Record<string, string> = {
	cv2: 'opencv-python-headless',
	yaml: 'PyYAML',
	PIL: 'Pillow',
	dotenv: 'python-dotenv',
	MySQLdb: 'mysqlclient',
	jwt: 'PyJWT',
	bs4: 'beautifulsoup4',
	sklearn: 'scikit-learn',
	magic: 'python-magic',
	dateutil: 'python-dateutil',
	psycopg2: 'psycopg2-binary',
	Crypto: 'pycryptodome',
	OpenSSL: 'pyOpenSSL',
	jose: 'python-jose',
	multipart: 'python-multipart',
	flask_sqlalchemy: 'Flask-SQLAlchemy',
	flask_login: 'Flask-Login',
	flask_wtf: 'Flask-WTF',
	flask_migrate: 'Flask-Migrate',
	flask_cors: 'Flask-Cors',
};

// Modules with their own rule (FH007).
const handledElsewhere = new Set(['pkg_resources']);

export const fh003: FailureRule = {
	id: 'FH003',
	title: 'Python cannot import a module',
	fix: 'If it is the project\'s own code, start from the folder that holds it (`--chdir` or `--pythonpath` for gunicorn, or `WORKDIR`); if it is a package, add it to the requirements.',
	phases: ['build', 'smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: [
					'  File "<frozen importlib._bootstrap>", line 1140, in _find_and_load_unlocked',
					"ModuleNotFoundError: No module named 'myapp'",
					'[2026-11-30 23:58:01 +0000] [7] [INFO] Worker exiting (pid: 7)',
				].join('\n'),
				names: ["'myapp'", '--pythonpath'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/app/app.py", line 4, in <module>',
					'    from flask_sqlalchemy import SQLAlchemy',
					"ModuleNotFoundError: No module named 'flask_sqlalchemy'",
				].join('\n'),
				names: ['Flask-SQLAlchemy'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/app/vision.py", line 1, in <module>',
					'    import cv2',
					'ImportError: No module named cv2',
				].join('\n'),
				names: ['opencv-python-headless'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/app/app.py", line 2, in <module>',
					'    from markupsafe import soft_unicode',
					"ImportError: cannot import name 'soft_unicode' from 'markupsafe' (/usr/local/lib/python3.11/site-packages/markupsafe/__init__.py)",
				].join('\n'),
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: "ModuleNotFoundError: No module named 'pkg_resources'",
			},
		],
	},
	match({logTail}) {
		const found = lastMatch(logTail, noModule);
		if (!found) return null;
		const module = found.match[1];
		const top = module.split('.')[0];
		if (handledElsewhere.has(top)) return null;
		const distribution = distributionOf[top];
		if (distribution) {
			return {
				message: `Python cannot import '${module}': its package is not installed in the image.`,
				fix: `Add \`${distribution}\` (the package that provides \`${top}\`) to the requirements.`,
			};
		}

		return {
			message: `Python cannot import '${module}'.`,
			fix: `If \`${top}\` is the project's own code, start where it lives (gunicorn \`--chdir\` / \`--pythonpath\`, or \`WORKDIR\`) and check it is copied into the image; if it is a package, add it to the requirements.`,
		};
	},
};
