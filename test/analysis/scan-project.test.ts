import {execFileSync} from 'node:child_process';
import {mkdir, symlink, truncate, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/scan-project.js';
import {UserError} from '../../source/types.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();

describe('scanProject', () => {
	it('throws a UserError that names the fix for a missing folder or a file', async () => {
		await expect(scanProject('/nonexistent/dockwiz-project')).rejects.toThrow(UserError);
		await expect(scanProject('/nonexistent/dockwiz-project')).rejects.toThrow(/does not exist.*dockwiz path\/to\/project/);
		const root = await tree({'app.py': ''});
		await expect(scanProject(path.join(root, 'app.py'))).rejects.toThrow(/is a file, not a folder/);
	});

	it('reports an empty folder as having no app, with the defaults said as such', async () => {
		const root = await tree({});
		const messages: string[] = [];
		const report = await scanProject(root, message => messages.push(message));
		expect(report).toMatchObject({
			framework: 'unknown',
			wsgiTarget: null,
			wsgiCandidates: [],
			python: {version: '3.11', source: 'default'},
			dependencies: {manager: 'none', files: [], packages: []},
			server: null,
			port: 8000,
			portSource: 'default',
			dockerfile: null,
			dockerignore: null,
			context: {bytes: 0, files: 0, largest: [], secrets: []},
			sourceFiles: [],
			problems: [],
		});
		expect(messages).toContain('No Flask app found');
		expect(messages).toContain('Python 3.11 (default: nothing in the project names a version)');
	});

	it('says what it finds as it goes', async () => {
		const root = await tree({'app.py': 'from flask import Flask\napp = Flask(__name__)\n', '.python-version': '3.12\n', 'requirements.txt': 'flask\ngunicorn\n'});
		const messages: string[] = [];
		await scanProject(root, message => messages.push(message));
		expect(messages).toEqual(expect.arrayContaining([
			'Flask app found: app:app',
			'Python 3.12 from .python-version',
			'Dependencies: pip (requirements.txt), 2 packages',
			'WSGI server: gunicorn',
			'Port 8000 (default)',
		]));
	});

	it('never opens ignored clutter, never looks into a nested .git, and never prints a secret', async () => {
		const root = await tree({
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			'.env': 'SECRET_KEY=never-print-this\nPORT=5001\n',
			'.dockerignore': '.venv\n.git\n',
			'.git/HEAD': 'ref: refs/heads/main\n',
			'.git/modules/sub/.git/config': '',
		});
		const files: Record<string, string> = {};
		for (let i = 0; i < 300; i++) {
			files[`.venv/lib/python3.11/site-packages/pkg${i}/__init__.py`] = 'from flask import Flask\napp = Flask(__name__)\n';
		}

		for (const [relPath, content] of Object.entries(files)) {
			await mkdir(path.dirname(path.join(root, relPath)), {recursive: true});
			await writeFile(path.join(root, relPath), content);
		}

		const report = await scanProject(root);
		expect(report.wsgiCandidates.map(c => c.target)).toEqual(['app:app']);
		expect(report.context.files).toBe(3);
		expect(report.context.secrets).toEqual(['.env']);
		expect(report.port).toBe(5001);
		expect(JSON.stringify(report)).not.toContain('never-print-this');
	});

	it('turns links that loop or lead outside, pipes and a 50 MB .py file into findings, never a crash or a hang', async () => {
		const root = await tree({'app.py': 'from flask import Flask\napp = Flask(__name__)\n', 'pkg/__init__.py': ''});
		await symlink('..', path.join(root, 'pkg', 'loop'));
		await symlink('/etc', path.join(root, 'etc-link'));
		await symlink('missing-target', path.join(root, 'dangling'));
		execFileSync('mkfifo', [path.join(root, 'requirements.txt')]);
		await writeFile(path.join(root, 'dump.py'), '');
		await truncate(path.join(root, 'dump.py'), 50 * 1024 * 1024);
		const report = await scanProject(root);
		expect(report.wsgiTarget).toBe('app:app');
		const rules = report.problems.map(p => `${p.rule} ${p.file}`).sort();
		expect(rules).toEqual([
			'DW901 requirements.txt',
			'DW904 dump.py',
			'DW908 etc-link',
		]);
		expect(report.context.largest[0]).toEqual({path: 'dump.py', bytes: 50 * 1024 * 1024});
	});

	it('names the import folder of an app in a subfolder and a src/ layout package', async () => {
		const root = await tree({
			'services/api/wsgi.py': 'from flask import Flask\napplication = Flask(__name__)\n',
			'src/tool/__init__.py': '',
			'src/tool/cli.py': 'import flask\napp = flask.Flask(__name__)\n',
		});
		const report = await scanProject(root);
		expect(report.wsgiCandidates.map(c => [c.target, c.chdir])).toEqual([
			['wsgi:application', 'services/api'],
			['tool.cli:app', 'src'],
		]);
	});
});
