import {describe, expect, it} from 'vitest';
import {bookwormName, dockerfileNeeds, installedPackages} from '../../source/analysis/dockerfile-packages.js';
import {readDockerfile} from '../../source/analysis/dockerfile-facts.js';
import {nativeNeeds, programNeeds} from '../../source/analysis/native-needs.js';
import {programCalls} from '../../source/analysis/program-calls.js';
import {pythonLines} from '../../source/analysis/python-lines.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {systemPackageTable} from '../../source/analysis/system-packages.js';
import {propose} from '../../source/advice/propose.js';
import type {PythonPackage} from '../../source/types.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();
const pkg = (name: string, spec = '', extras: string[] = []): PythonPackage => ({name, spec, extras, file: 'requirements.txt'});
const summary = (needs: ReturnType<typeof nativeNeeds>) => needs.map(need => [need.package, need.buildPackages.join(' '), need.runtimePackages.join(' ')]);

describe('the Python package -> Debian packages table', () => {
	it('names each distribution once per condition, in PEP 503 form, with a reason', () => {
		for (const entry of systemPackageTable) {
			expect(entry.reason.length).toBeGreaterThan(20);
			for (const name of entry.names) {
				expect(name).toBe(name.toLowerCase().replace(/[-_.]+/g, '-'));
			}
		}

		expect(systemPackageTable.length).toBeGreaterThanOrEqual(30);
	});

	it('compiles a pinned release only where it has no wheel for the chosen Python', () => {
		expect(summary(nativeNeeds([pkg('psycopg2-binary', '==2.9.9')], '3.12'))).toEqual([]);
		expect(summary(nativeNeeds([pkg('psycopg2-binary', '==2.9.9')], '3.13'))).toEqual([['psycopg2-binary', 'build-essential libpq-dev', 'libpq5']]);
		expect(summary(nativeNeeds([pkg('pillow', '==9.0.1')], '3.11'))).toEqual([['pillow', 'build-essential libjpeg-dev zlib1g-dev', 'libjpeg62-turbo zlib1g']]);
		expect(summary(nativeNeeds([pkg('pillow', '>=9'), pkg('lxml'), pkg('numpy', '~=1.26')], '3.12'))).toEqual([]);
		expect(summary(nativeNeeds([pkg('lxml', '==4.6.3')], '3.11'))).toEqual([['lxml', 'build-essential libxml2-dev libxslt1-dev', 'libxml2 libxslt1.1']]);
	});

	it('reads the release a lock pins rather than the range the manifest states', () => {
		const locked = new Map([['psycopg2-binary', '2.9.3']]);
		expect(summary(nativeNeeds([pkg('psycopg2-binary', '^2.9')], '3.11'))).toEqual([]);
		expect(summary(nativeNeeds([pkg('psycopg2-binary', '^2.9')], '3.11', locked))).toEqual([['psycopg2-binary', 'build-essential libpq-dev', 'libpq5']]);
	});

	it('keeps what a wheel still loads or runs at run time', () => {
		expect(summary(nativeNeeds([pkg('python-magic'), pkg('pdfkit'), pkg('pydub'), pkg('cairosvg'), pkg('opencv-python'), pkg('opencv-python-headless')]))).toEqual([
			['python-magic', '', 'libmagic1'],
			['pdfkit', '', 'wkhtmltopdf'],
			['pydub', '', 'ffmpeg'],
			['cairosvg', '', 'libcairo2'],
			['opencv-python', '', 'libgl1 libglib2.0-0'],
		]);
		expect(summary(nativeNeeds([pkg('pyodbc', '==5.1.0')], '3.12'))).toEqual([['pyodbc', '', 'unixodbc']]);
		expect(summary(nativeNeeds([pkg('pyodbc', '==4.0.30')], '3.11'))).toEqual([['pyodbc', 'build-essential unixodbc-dev', 'unixodbc']]);
		expect(summary(nativeNeeds([pkg('psycopg', '', ['binary']), pkg('psycopg2-binary')]))).toEqual([]);
	});

	it('tells WeasyPrint before 53 (Cairo) from later releases (Pango, HarfBuzz, fonts)', () => {
		expect(nativeNeeds([pkg('weasyprint')])[0].runtimePackages).toEqual(['libpango-1.0-0', 'libpangoft2-1.0-0', 'libharfbuzz-subset0', 'fonts-dejavu-core']);
		expect(nativeNeeds([pkg('weasyprint', '==52.5')])[0].runtimePackages).toContain('libcairo2');
		expect(nativeNeeds([pkg('weasyprint', '==60.2')])[0].runtimePackages).toContain('libharfbuzz-subset0');
	});

	it('names version-control clients by scheme', () => {
		const needs = nativeNeeds([{...pkg('internal'), url: 'hg+https://example.com/internal'}, {...pkg('other'), url: 'git+https://example.com/other.git'}]);
		expect(needs.map(need => need.buildPackages)).toEqual([['mercurial'], ['git']]);
	});
});

describe('programs the code runs', () => {
	const calls = (code: string) => programCalls(pythonLines(code).lines).map(call => [call.program, call.line]);

	it('finds subprocess, os.system, shutil.which and command lists', () => {
		const code = [
			'import subprocess, os, shutil',
			'from subprocess import run',
			'def convert(src):',
			'    subprocess.run(',
			'        ["ffmpeg", "-i", src, "out.mp3"], check=True)',
			'    os.system("git pull --ff-only")',
			'    if shutil.which("wkhtmltopdf") is None:',
			'        raise RuntimeError()',
			'    run(f"/usr/bin/pandoc {src} -o out.pdf", shell=True)',
			'    cmd = ["dot", "-Tpng", src]',
			'    subprocess.check_output(cmd)',
		].join('\n');
		expect(calls(code)).toEqual([['ffmpeg', 4], ['git', 6], ['wkhtmltopdf', 7], ['pandoc', 9], ['dot', 10]]);
	});

	it('ignores comments, the Flask run call, imports and programs the slim image has', () => {
		const code = ['# subprocess.run(["ffmpeg"])', 'app.run("0.0.0.0")', 'import git', 'subprocess.run(["ls", "-l"])', 'subprocess.run(["python", "-m", "x"])', 'label = ["git", "svn"]'].join('\n');
		expect(calls(code)).toEqual([]);
	});

	it('turns each program into the Debian package that installs it', () => {
		const needs = programNeeds([{file: 'media.py', programs: [{program: 'ffprobe', line: 3, via: 'subprocess.run'}, {program: 'convert', line: 9, via: 'os.system'}]}]);
		expect(needs.map(need => [need.package, need.runtimePackages.join(' '), need.reason, need.kind])).toEqual([
			['ffprobe', 'ffmpeg', 'media.py:3 runs ffprobe (subprocess.run)', 'program'],
			['convert', 'imagemagick', 'media.py:9 runs convert (os.system)', 'program'],
		]);
	});
});

describe("the existing Dockerfile's install lines", () => {
	it('reads apt-get and apk words without flags, versions or variables', () => {
		expect(installedPackages('apt-get update && apt-get install -y --no-install-recommends libpq5=15.* gcc $EXTRA && rm -rf /var/lib/apt/lists/*')).toEqual([{manager: 'apt', packages: ['libpq5', 'gcc'], transient: []}]);
		expect(installedPackages('apt-get install -y gcc libffi-dev && pip install cffi && apt-get purge -y gcc')[0].transient).toEqual(['gcc']);
		expect(installedPackages('apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev && pip install -r r.txt && apk del .build-deps')).toEqual([
			{manager: 'apk', packages: ['gcc', 'musl-dev', 'postgresql-dev'], transient: ['gcc', 'musl-dev', 'postgresql-dev', '.build-deps']},
		]);
	});

	it('keeps run-time packages for the runtime stage, build-only ones for the builder, and says what it left out', () => {
		const facts = readDockerfile([
			'FROM python:3.11',
			'RUN apt-get update && apt-get install -y --no-install-recommends \\',
			'    libpq5 libpq-dev gcc build-essential ffmpeg curl vim python3-pip \\',
			'    && rm -rf /var/lib/apt/lists/*',
			'COPY . .',
		].join('\n'));
		const [need] = dockerfileNeeds(facts.installs);
		expect(need.runtimePackages).toEqual(['libpq5', 'ffmpeg', 'curl']);
		expect(need.buildPackages).toEqual(['libpq-dev', 'gcc', 'build-essential']);
		expect(need.reason).toBe('line 2 of the existing Dockerfile installs them; left out: vim (a tool for interactive sessions), python3-pip (the python image has it, or the app\'s venv does not use it)');
	});

	it('treats every package of an earlier stage as build-only and translates Alpine names', () => {
		const facts = readDockerfile(['FROM python:3.11-alpine AS build', 'RUN apk add gcc musl-dev postgresql-dev', 'FROM python:3.11-alpine', 'RUN apk add --no-cache libpq jpeg unknown-thing'].join('\n'));
		const needs = dockerfileNeeds(facts.installs);
		expect(needs.map(need => [need.buildPackages, need.runtimePackages])).toEqual([
			[['build-essential', 'libpq-dev'], []],
			[[], ['libpq5']],
		]);
		expect(needs[1].reason).toContain('jpeg (an Alpine package with no known Debian name)');
	});
});

describe('system packages in a scanned project and its proposal', () => {
	it('puts libpq-dev in the builder, libpq5 and ffmpeg in the runtime stage, and says why', async () => {
		const root = await tree({
			'requirements.txt': 'flask==3.0.3\npsycopg2==2.9.9\n',
			'app.py': 'from flask import Flask\nimport subprocess\napp = Flask(__name__)\n\n@app.post("/clip")\ndef clip():\n    subprocess.run(["ffmpeg", "-i", "in.mp4", "out.mp3"])\n    return "ok"\n',
			Dockerfile: 'FROM python:3.11\nRUN apt-get update && apt-get install -y libmagic1 gcc\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
		});
		const report = await scanProject(root);
		expect(report.nativeNeeds.map(need => [need.package, need.kind])).toEqual([['psycopg2', 'package'], ['ffmpeg', 'program'], ['Dockerfile line 2', 'dockerfile']]);
		const proposal = propose(report, {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:app'});
		const [builder, runtime] = proposal.dockerfile.split('FROM python:3.11-slim\n');
		expect(builder).toMatch(/apt-get install -y --no-install-recommends build-essential libpq-dev gcc/);
		expect(runtime).toMatch(/apt-get install -y --no-install-recommends libpq5 ffmpeg libmagic1/);
		expect(runtime).not.toMatch(/libpq-dev|gcc/);
		const titles = proposal.changes.map(change => change.title);
		expect(titles).toContain('Kept libpq5 in the runtime image: psycopg2 needs it');
		expect(titles).toContain('Kept ffmpeg in the runtime image: the code runs ffmpeg');
		expect(titles).toContain("The existing Dockerfile's system packages (line 2): libmagic1 kept in the runtime image; gcc only in the builder");
		expect(proposal.changes.find(change => change.title.startsWith('Kept ffmpeg'))?.why).toContain('app.py:7 runs ffmpeg (subprocess.run)');
	});
});

describe('package names from older Debian and Ubuntu releases', () => {
	it('renames them to the bookworm names, drops Debian Python headers, and says so', () => {
		const facts = readDockerfile([
			'FROM python:3.11.3-slim-buster',
			'RUN apt-get update && apt-get install -y netcat libgl1-mesa-glx libmysqlclient-dev ttf-dejavu libicu67 python3.9-dev python-dev libpq-dev',
			'COPY . .',
		].join('\n'));
		const [need] = dockerfileNeeds(facts.installs);
		expect(need.runtimePackages).toEqual(['netcat-openbsd', 'libgl1', 'fonts-dejavu-core', 'libicu72']);
		expect(need.buildPackages).toEqual(['default-libmysqlclient-dev', 'libpq-dev']);
		expect(need.renamed).toEqual(['netcat -> netcat-openbsd', 'libgl1-mesa-glx -> libgl1', 'libmysqlclient-dev -> default-libmysqlclient-dev', 'ttf-dejavu -> fonts-dejavu-core', 'libicu67 -> libicu72']);
		expect(need.reason).toContain('renamed for Debian 12 (bookworm)');
		expect(need.reason).toContain('python3.9-dev (Debian\'s own Python');
		expect(need.reason).toContain('python-dev (Debian\'s own Python');
	});

	it('leaves current names and Alpine names alone', () => {
		expect(bookwormName('netcat-openbsd')).toBeNull();
		expect(bookwormName('libicu72')).toBeNull();
		expect(bookwormName('libpq-dev')).toBeNull();
		expect(bookwormName('libssl1.1')).toBe('libssl3');
		const [need] = dockerfileNeeds(readDockerfile('FROM python:3.11-alpine\nRUN apk add netcat-openbsd libpq\n').installs);
		expect(need.renamed).toBeUndefined();
	});

	it('names the rename in the proposal change and installs the new name', async () => {
		const root = await tree({
			'requirements.txt': 'flask==3.0.3\n',
			'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
			Dockerfile: 'FROM python:3.9-slim-buster\nRUN apt-get update && apt-get install -y netcat\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
		});
		const report = await scanProject(root);
		const proposal = propose(report, {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:app'});
		expect(proposal.dockerfile).toMatch(/apt-get install -y --no-install-recommends netcat-openbsd/);
		expect(proposal.dockerfile).not.toMatch(/install[^\n]* netcat( |$)/m);
		const change = proposal.changes.find(item => item.title.includes('renamed netcat -> netcat-openbsd'));
		expect(change?.why).toContain('has no installation candidate');
	});
});
