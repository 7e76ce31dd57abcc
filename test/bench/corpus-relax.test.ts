import {mkdtemp, readFile, rm, writeFile, mkdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {relaxApp, satisfies, type IndexLookup} from '../../bench/corpus-relax.js';

const served: Record<string, string> = {flask: '2.2.2', gunicorn: '20.1.0', psycopg2: '2.9.5', 'flask-sqlalchemy': '3.0.3', celery: '5.2.6', pyjwt: '2.6.0', colorama: '0.4.6'};
const lookup: IndexLookup = async name => served[name.toLowerCase().replaceAll(/[-_.]+/g, '-')] ?? null;

let dir = '';
afterEach(async () => {
	if (dir) await rm(dir, {recursive: true, force: true});
});

async function app(files: Record<string, string>): Promise<string> {
	dir = await mkdtemp(path.join(os.tmpdir(), 'relax-'));
	for (const [name, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(dir, name)), {recursive: true});
		await writeFile(path.join(dir, name), text);
	}

	return dir;
}

describe('satisfies', () => {
	it('reads the specifier forms apps use', () => {
		expect(satisfies('2.2.2', '==2.2.2')).toBe(true);
		expect(satisfies('2.2.2', '==2.0.1')).toBe(false);
		expect(satisfies('2.2.2', '>=2.0,<3')).toBe(true);
		expect(satisfies('2.2.2', '~=2.2')).toBe(true);
		expect(satisfies('2.2.2', '~=2.3')).toBe(false);
		expect(satisfies('20.1.0', '==20.*')).toBe(true);
		expect(satisfies('20.1.0', '!=20.1.0')).toBe(false);
	});
});

describe('relaxApp', () => {
	it('drops pins the index cannot meet, renames psycopg2-binary, drops what Debian lacks, and says so', async () => {
		const root = await app({'requirements.txt': 'Flask==2.0.1\ngunicorn>=20\npsycopg2-binary==2.9.9\nflask-moment==1.0\n# a comment\n-r extra.txt\n'});
		const changes = await relaxApp(root, lookup);
		expect(await readFile(path.join(root, 'requirements.txt'), 'utf8')).toBe('Flask\ngunicorn>=20\npsycopg2\n# a comment\n-r extra.txt\n');
		expect(changes.map(c => `${c.from} -> ${c.to}`)).toEqual([
			'Flask==2.0.1 -> Flask',
			'psycopg2-binary==2.9.9 -> psycopg2',
			'psycopg2-binary==2.9.9 -> psycopg2',
			'flask-moment==1.0 -> (dropped)',
		]);
	});

	it('relaxes requirements/ folders, PEP 621 and Poetry dependencies, and removes locks', async () => {
		const root = await app({
			'requirements/prod.txt': 'celery[redis]==5.3.0\n',
			'pyproject.toml': '[project]\nname = "x"\ndependencies = [\n  "flask>=3.0",\n  "PyJWT",\n]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3.0"\ngunicorn = "^20.1"\n',
			'poetry.lock': '# lock\n',
		});
		const changes = await relaxApp(root, lookup);
		expect(await readFile(path.join(root, 'requirements/prod.txt'), 'utf8')).toBe('celery[redis]\n');
		const pyproject = await readFile(path.join(root, 'pyproject.toml'), 'utf8');
		expect(pyproject).toContain('"flask",\n    "PyJWT",');
		expect(pyproject).toContain('flask = "*"');
		expect(pyproject).toContain('gunicorn = "^20.1"');
		expect(pyproject).toContain('python = "^3.11"');
		expect(changes.some(c => c.file === 'poetry.lock' && c.to === '(removed)')).toBe(true);
	});
});

describe('relaxApp and PEP 621 arrays', () => {
	it('keeps an extra\'s brackets inside the array and the TOML valid', async () => {
		const root = await app({'pyproject.toml': '[project]\nname = "x"\ndependencies = ["flask", "celery[redis]"]  # web and worker\n\n[tool.x]\ny = 1\n'});
		await relaxApp(root, lookup);
		const pyproject = await readFile(path.join(root, 'pyproject.toml'), 'utf8');
		expect(pyproject).toContain('dependencies = [\n    "flask",\n    "celery[redis]",\n]  # web and worker');
		expect(pyproject).toContain('[tool.x]\ny = 1');
	});
});

describe('relaxApp and Python markers', () => {
	it('removes a python_version clause that excludes 3.11 and keeps the other clauses', async () => {
		const root = await app({'requirements.txt': 'flask==3.1.2 ; python_version >= "3.12" and python_version < "4.0"\ncolorama==0.4.6 ; python_version >= "3.12" and platform_system == "Windows"\ngunicorn ; python_version >= "3.8"\n'});
		const changes = await relaxApp(root, lookup);
		expect(await readFile(path.join(root, 'requirements.txt'), 'utf8')).toBe('flask\ncolorama==0.4.6 ; platform_system == "Windows"\ngunicorn ; python_version >= "3.8"\n');
		expect(changes.filter(c => c.why.includes('marker')).length).toBe(2);
	});
});

describe('relaxApp and Pipenv', () => {
	it('runs an app that ships both a Pipfile and a requirements file on the requirements file', async () => {
		const root = await app({'Pipfile': '[packages]\nflask = "==1.0"\n', 'Pipfile.lock': '{}', 'requirements.txt': 'flask==1.0\n'});
		const changes = await relaxApp(root, lookup);
		expect(changes.filter(c => c.to === '(removed)').map(c => c.file)).toEqual(['Pipfile', 'Pipfile.lock']);
		expect(await readFile(path.join(root, 'requirements.txt'), 'utf8')).toBe('flask\n');
	});
});
