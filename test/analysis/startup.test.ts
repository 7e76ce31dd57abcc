import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/index.js';
import {readGunicornConfig} from '../../source/analysis/gunicorn-config.js';
import {pythonLines} from '../../source/analysis/python-lines.js';
import {bashisms, readReleaseSteps, readStartScriptText} from '../../source/analysis/start-script.js';
import {codeStartup} from '../../source/analysis/startup-code.js';

const startupFixtures = path.join(import.meta.dirname, '..', 'fixtures', 'startup');

function startupOf(source: string, importRoot = '', file = 'app.py') {
	return codeStartup(file, pythonLines(source).lines, importRoot);
}

describe('what the code needs at start-up', () => {
	it('finds pkg_resources imports, at module level or inside a function', () => {
		const facts = startupOf('import pkg_resources\ndef version():\n    from pkg_resources import get_distribution\n    return 1\n# import pkg_resources\n');
		expect(facts.pkgResources.map(item => item.line)).toEqual([1, 3]);
	});

	it('finds Flask\'s instance folder where the package imports from', () => {
		expect(startupOf('os.makedirs(app.instance_path, exist_ok=True)\n').writablePaths.map(entry => entry.path)).toEqual(['instance']);
		expect(startupOf('    os.makedirs(app.instance_path)\n', 'src', 'src/shop/__init__.py').writablePaths.map(entry => entry.path)).toEqual(['src/instance']);
	});

	it('finds folders made, log files, upload settings, SQLite URIs and files opened for writing', () => {
		const source = [
			'os.makedirs(os.path.join(BASE_DIR, "media", "thumbs"), exist_ok=True)',
			'handler = RotatingFileHandler("logs/app.log", maxBytes=10000)',
			'app.config["UPLOAD_FOLDER"] = "uploads"',
			'SQLALCHEMY_DATABASE_URI = "sqlite:////data/app.db"',
			'LOG_FILE_PATH = "/var/log/shop.log"',
			'with open("exports/report.csv", "w") as out:',
			'    pass',
			'handler = logging.FileHandler("/var/log/myapp/errors.log")',
		].join('\n');
		const found = startupOf(source).writablePaths.map(entry => `${entry.kind}:${entry.path}`);
		expect(found).toEqual(['folder:media/thumbs', 'folder:logs', 'folder:uploads', 'folder:/data', 'file:/var/log/shop.log', 'folder:exports', 'folder:/var/log/myapp']);
	});

	it('leaves out what needs nothing: the working directory itself, /tmp, templates, URLs, reads', () => {
		const source = [
			'sqlite3.connect("app.db")',
			'os.makedirs("/tmp/cache", exist_ok=True)',
			'app.config["UPLOAD_FOLDER"] = os.environ["UPLOADS"]',
			'with open("config/settings.json") as handle:',
			'    pass',
			'SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://db/app")',
			'os.makedirs(f"{root}/cache")',
			'os.makedirs("~/.cache/app")',
			'UPLOAD_FOLDER = "up loads; rm -rf /"',
		].join('\n');
		expect(startupOf(source).writablePaths).toEqual([]);
	});
});

describe('./gunicorn.conf.py, read and never run', () => {
	it('says what breaks a container: required env vars, raise, daemon, log files in /var/log, user switching', () => {
		const facts = readGunicornConfig([
			'import os',
			'bind = "127.0.0.1:5000"',
			'workers = int(os.environ.get("WEB_CONCURRENCY", 2))',
			'raw_env = [f"SECRET_KEY={os.environ[\'SECRET_KEY\']}"]',
			'if not os.getenv("DATABASE_URL"):',
			'    raise RuntimeError("DATABASE_URL is required")',
			'daemon = True',
			'accesslog = "/var/log/gunicorn/access.log"',
			'errorlog = "-"',
			'user = "www-data"',
			'def on_starting(server):',
			'    raise SystemExit(os.environ["NEVER_AT_LOAD"])',
		].join('\n'));
		expect(facts.bind).toEqual({line: 2, text: 'bind = "127.0.0.1:5000"', fromPort: false, public: false});
		expect(facts.breaks.map(item => item.line)).toEqual([4, 6, 7, 8, 10]);
		expect(facts.breaks[0].detail).toContain('needs SECRET_KEY set');
		expect(facts.settings).toEqual(['bind', 'workers', 'raw_env', 'daemon', 'accesslog', 'errorlog', 'user']);
	});

	it('takes a bind that reads PORT on all interfaces as one that honours PORT', () => {
		expect(readGunicornConfig('import os\nbind = f"0.0.0.0:{os.environ.get(\'PORT\', \'8000\')}"\nworkers = 3\n').bind).toMatchObject({fromPort: true, public: true});
		expect(readGunicornConfig('bind = ":8000"\n').bind).toMatchObject({fromPort: false, public: true});
		expect(readGunicornConfig('workers = 3\ntimeout = 60\n')).toEqual({file: 'gunicorn.conf.py', bind: null, breaks: [], settings: ['workers', 'timeout']});
	});
});

describe('start scripts', () => {
	it('reads the steps before `exec "$@"`, leaving out set, echo, cd and venv activation', () => {
		const facts = readStartScriptText('docker-entrypoint.sh', '#!/usr/bin/env bash\nset -euo pipefail\ncd /app\nsource venv/bin/activate\necho "migrating"\nflask db upgrade\npybabel compile -d app/translations\nflask init-db  # first run\nexec "$@"\nnever reached\n');
		expect(facts).toEqual({
			file: 'docker-entrypoint.sh',
			shell: 'bash',
			steps: [
				{line: 6, command: 'flask db upgrade', kind: 'migrate'},
				{line: 7, command: 'pybabel compile -d app/translations', kind: 'translations'},
				{line: 8, command: 'flask init-db', kind: 'init-db'},
			],
			execsArguments: true,
			server: null,
			controlFlow: false,
		});
	});

	it('notes loops and the server the script starts itself', () => {
		const facts = readStartScriptText('boot.sh', '#!/bin/sh\nuntil nc -z db 5432; do\n  sleep 1\ndone\nflask db upgrade\nexec gunicorn -b :5000 app:app\n');
		expect(facts.controlFlow).toBe(true);
		expect(facts.server).toBe('exec gunicorn -b :5000 app:app');
		expect(facts.steps.map(step => step.kind)).toEqual(['wait', 'wait', 'migrate']);
		expect(facts.shell).toBe('sh');
	});

	it('runs a #!/bin/sh script with bash-only syntax under bash, and says which syntax', () => {
		const flaskyLike = readStartScriptText('boot.sh', '#!/bin/sh\nwhile true; do\n    flask deploy\n    if [[ "$?" == "0" ]]; then\n        break\n    fi\n    sleep 5\ndone\nexec gunicorn -b :5000 app:app\n');
		expect(flaskyLike.shell).toBe('bash');
		expect(flaskyLike.bashisms).toEqual(['`[[ ... ]]` at line 4']);
		expect(bashisms(['function wait_db {', 'hosts=(db cache)', 'echo ${hosts[0]}', 'source .env', "printf $'a\\tb'", 'if [ "$X" == "1" ]; then', 'cat <<< "$X"']).map(item => item.replace(/ at line \d+$/, ''))).toEqual([
			'`function name`', 'an array', '`source`', "`$'...'`", '`==` inside `[ ]`', 'a here-string or process substitution',
		]);
		// POSIX sh stays sh; a bash #! line is bash without a list.
		expect(bashisms(['if [ "$X" = "1" ]; then', '. ./env.sh', 'test -n "$Y" && echo "[[ not code ]]"', '# [[ a comment ]]'])).toEqual([]);
		expect(readStartScriptText('boot.sh', '#!/usr/bin/env bash\n[[ -f x ]] && flask db upgrade\nexec "$@"\n')).toMatchObject({shell: 'bash'});
		expect(readStartScriptText('boot.sh', '#!/usr/bin/env bash\nexec "$@"\n').bashisms).toBeUndefined();
	});

	it('a scan finds the script the Dockerfile\'s ENTRYPOINT names by its image path', async () => {
		const report = await scanProject(path.join(startupFixtures, 'entrypoint-steps'));
		expect(report.startup?.startScript).toMatchObject({file: 'docker-entrypoint.sh', execsArguments: true, steps: [{line: 5, command: 'flask init-db', kind: 'init-db'}]});
		expect(report.startup?.writablePaths.map(entry => entry.path)).toEqual(['instance']);
		expect(report.startup?.releaseSteps).toEqual([]);
	});

	it('reads the Procfile\'s release phase, command by command', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-release-'));
		try {
			fs.writeFileSync(path.join(root, 'Procfile'), 'web: gunicorn app:app\nrelease: flask db upgrade && flask seed-data\n');
			expect(await readReleaseSteps(root, [])).toEqual([{line: 2, command: 'flask db upgrade', kind: 'migrate'}, {line: 2, command: 'flask seed-data', kind: 'init-db'}]);
		} finally {
			fs.rmSync(root, {recursive: true, force: true});
		}
	});
});
