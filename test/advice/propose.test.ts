import ignore from '@balena/dockerignore';
import {describe, expect, it} from 'vitest';
import {defaultChoices, findingsFor, lintDockerfile, naiveBaseline, parseDockerfile, propose} from '../../source/advice/index.js';
import {buildkitNeed} from '../../source/engine/buildkit-need.js';
import type {BaseFlavor, DependencyManager, NativeNeed, ProjectReport} from '../../source/types.js';
import {makeReport} from './make-report.js';

const managerFiles: Record<Exclude<DependencyManager, 'none'>, string[]> = {
	pip: ['requirements.txt'],
	poetry: ['pyproject.toml', 'poetry.lock'],
	uv: ['pyproject.toml', 'uv.lock'],
	pipenv: ['Pipfile', 'Pipfile.lock'],
	pdm: ['pyproject.toml', 'pdm.lock'],
	pyproject: ['pyproject.toml'],
};
const psycopg: NativeNeed = {package: 'psycopg2', reason: 'builds against libpq', buildPackages: ['build-essential', 'libpq-dev'], runtimePackages: ['libpq5']};
const flavors: BaseFlavor[] = ['slim', 'distroless', 'alpine'];
const managers = [...Object.keys(managerFiles), 'none'] as DependencyManager[];

function reportFor(manager: DependencyManager, native: boolean, extra: Partial<ProjectReport> = {}): ProjectReport {
	const files = manager === 'none' ? [] : managerFiles[manager];
	return makeReport({
		dependencies: {manager, files, packages: manager === 'none' ? [] : [{name: 'flask', spec: '>=3', extras: [], file: files[0]}]},
		nativeNeeds: native ? [psycopg] : [],
		...extra,
	});
}

/** Every source path of every COPY without --from (what must reach the context). */
function copiedSources(dockerfile: string): string[] {
	return parseDockerfile(dockerfile).instructions
		.filter(instruction => instruction.keyword === 'COPY' && instruction.flags.from === undefined)
		.flatMap(instruction => instruction.args.slice(0, -1))
		.filter(source => source !== '.');
}

const cases = flavors.flatMap(flavor => managers.flatMap(manager => [false, true].flatMap(native => [['buildkit'], ['classic']].map(builders => [flavor, manager, native, builders] as const))));

describe('every generated Dockerfile', () => {
	it.each(cases)('%s / %s / native=%s / %s passes the linter with no warning and keeps the needed files in the context', (flavor, manager, native, builders) => {
		const report = reportFor(manager, native);
		const proposal = propose(report, defaultChoices(report, {base: flavor, python: undefined}, builders));
		expect(buildkitNeed(proposal.dockerfile) === null).toBe(builders[0] === 'classic');
		const findings = lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info');
		expect(findings).toEqual([]);
		const matcher = ignore.default({ignorecase: false}).add(proposal.dockerignore.split('\n'));
		for (const source of [...copiedSources(proposal.dockerfile), ...report.sourceFiles]) {
			expect(matcher.ignores(source), `${source} is excluded by the proposed .dockerignore`).toBe(false);
		}

		for (const junk of ['.git/HEAD', '.venv/bin/python', '__pycache__/app.cpython-311.pyc', 'pkg/__pycache__/x.pyc', '.env', '.env.local', 'node_modules/x/index.js', 'key.pem']) {
			expect(matcher.ignores(junk), junk).toBe(true);
		}

		expect(matcher.ignores('.env.example')).toBe(false);
		expect(proposal.changes.every(change => change.title !== '' && change.why !== '')).toBe(true);
	});
});

describe('the slim proposal for the classic builder', () => {
	const report = reportFor('pip', true);
	const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}, ['classic']));
	const stages = parseDockerfile(proposal.dockerfile).stages;

	it('builds in a builder stage and runs from the same slim image', () => {
		expect(stages.map(stage => stage.image)).toEqual(['python:3.11-slim', 'python:3.11-slim']);
		expect(stages[0].name).toBe('builder');
	});

	it('keeps compilers and -dev packages in the builder, runtime libraries in the runtime', () => {
		const [builder, runtime] = stages.map(stage => stage.instructions.map(instruction => instruction.text).join('\n'));
		expect(builder).toContain('build-essential libpq-dev');
		expect(runtime).not.toMatch(/build-essential|libpq-dev/);
		expect(runtime).toContain('--no-install-recommends libpq5');
		expect(runtime).toContain('rm -rf /var/lib/apt/lists/*');
	});

	it('installs the dependency files before the code, with --no-cache-dir, and adds gunicorn, saying so', () => {
		const text = proposal.dockerfile;
		expect(text.indexOf('COPY requirements.txt ./')).toBeLessThan(text.indexOf('install --no-cache-dir'));
		expect(text.indexOf('install --no-cache-dir')).toBeGreaterThan(0);
		expect(text.indexOf('install --no-cache-dir')).toBeLessThan(text.indexOf('COPY --chown'));
		// Builder and runtime are the same image: the venv sees its site-packages and runs its pip in one start.
		expect(text).toContain('python -m venv --system-site-packages --without-pip /opt/venv');
		expect(text).toContain('/opt/venv/bin/python -m pip install --no-cache-dir -r requirements.txt "gunicorn>=20.1"');
		expect(text).not.toContain('pip --python');
		expect(proposal.changes.map(change => change.title)).toContain('gunicorn added to the install');
	});

	it('runs as a fixed non-root UID, sets the Python env, exposes the port, and starts gunicorn in exec form', () => {
		expect(proposal.dockerfile).toContain('useradd --uid 10001');
		expect(proposal.dockerfile).toContain('USER 10001:10001');
		expect(proposal.dockerfile).toMatch(/PYTHONDONTWRITEBYTECODE=1[\s\\]+PYTHONUNBUFFERED=1/);
		expect(proposal.dockerfile).toContain('EXPOSE 8000');
		// gunicorn binds 0.0.0.0:$PORT by itself: PORT defaults to the detected port and platforms can change it.
		expect(proposal.dockerfile).toMatch(/PYTHONUNBUFFERED=1 \\\n {4}PORT=8000\n/);
		expect(proposal.dockerfile.trim().split('\n').at(-1)).toBe('CMD ["gunicorn", "app:app"]');
		// WORKDIR alone would make /app root's: the app user owns it before the code is copied.
		expect(proposal.dockerfile).toContain('useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin app \\\n    && install -d -o 10001 -g 10001 /app\n');
	});

	it('uses only the classic builder\'s features', () => {
		expect(proposal.dockerfile).not.toContain('--mount');
		expect(proposal.dockerfile).not.toContain('<<');
		expect(proposal.dockerfile).not.toContain('# syntax');
	});

	it('gives every change a title and a reason, and names the rule it fixes when it fixes one', () => {
		expect(proposal.changes.length).toBeGreaterThan(8);
		expect(proposal.changes.filter(change => change.rule).length).toBeGreaterThan(8);
		for (const change of proposal.changes) {
			expect(change.title.length).toBeGreaterThan(5);
			expect(change.why.length).toBeGreaterThan(20);
			expect(change.rule ?? 'DW000').toMatch(/^(DL\d{4}|DW\d{3})$/);
			expect(['size', 'speed', 'security', 'correctness']).toContain(change.impact);
		}
	});

	it('does not add gunicorn when the project has it', () => {
		const withServer = reportFor('pip', false, {server: 'gunicorn'});
		const text = propose(withServer, defaultChoices(withServer, {base: 'slim', python: undefined})).dockerfile;
		expect(text).not.toContain('gunicorn>=20.1');
		expect(text).toContain('CMD ["gunicorn", "app:app"]');
	});

	it('serves the detected port and factory target', () => {
		const custom = reportFor('pip', false, {port: 5000, wsgiTarget: 'pkg.web:create_app()'});
		const text = propose(custom, defaultChoices(custom, {base: 'slim', python: '3.12'})).dockerfile;
		expect(text).toContain('FROM python:3.12-slim AS builder');
		expect(text).toContain('EXPOSE 5000');
		expect(text).toContain('PORT=5000');
		expect(text).toContain('CMD ["gunicorn", "pkg.web:create_app()"]');
	});
});

describe('the proposal for BuildKit', () => {
	it('keeps pip\'s downloads in a cache mount, not in the image, and drops --no-cache-dir', () => {
		const report = reportFor('pip', false);
		const text = propose(report, defaultChoices(report, {base: 'slim', python: undefined}, ['buildkit'])).dockerfile;
		expect(text).toContain('RUN --mount=type=cache,target=/root/.cache/pip python -m venv --system-site-packages --without-pip /opt/venv \\\n    && /opt/venv/bin/python -m pip install -r requirements.txt "gunicorn>=20.1"\n');
		expect(text).not.toContain('--no-cache-dir');
	});

	it('caches apt in the builder (docker-clean removed first), never in the runtime stage', () => {
		const report = reportFor('pip', true);
		const text = propose(report, defaultChoices(report, {base: 'slim', python: undefined}, ['buildkit'])).dockerfile;
		const [builder, runtime] = text.split(/^# Runtime stage/m);
		expect(builder).toContain('RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean');
		expect(runtime).not.toContain('--mount');
		expect(runtime).toContain('rm -rf /var/lib/apt/lists/*');
	});

	it('gives Poetry its own cache mount beside pip\'s', () => {
		const report = reportFor('poetry', false);
		const text = propose(report, defaultChoices(report, {base: 'slim', python: undefined}, ['buildkit'])).dockerfile;
		expect(text).toContain('RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/root/.cache/pypoetry python -m venv /opt/venv');
		// The tool's venv runs no ensurepip: the image's pip fills it.
		expect(text).toContain('python -m venv --system-site-packages --without-pip /opt/tool \\\n    && /opt/tool/bin/python -m pip install "poetry>=1.8"');
	});
});

describe('the other flavors and managers', () => {
	it('distroless: slim builder (no apt-get), its venv pointed at the runtime\'s Python, distroless runtime, nonroot UID, python -m gunicorn', () => {
		const report = reportFor('pip', false);
		const proposal = propose(report, defaultChoices(report, {base: 'distroless', python: undefined}));
		expect(parseDockerfile(proposal.dockerfile).stages.map(stage => stage.image)).toEqual(['python:3.11-slim', 'gcr.io/distroless/python3-debian12']);
		expect(proposal.dockerfile).not.toContain('apt-get');
		// The runtime's Python is not the builder's: the venv holds everything, filled by the builder's pip from outside.
		expect(proposal.dockerfile).toContain('python -m venv --without-pip /opt/venv');
		expect(proposal.dockerfile).not.toContain('--system-site-packages');
		expect(proposal.dockerfile).toContain('pip --python /opt/venv/bin/python install -r requirements.txt');
		expect(proposal.dockerfile).toContain('ln -sf /usr/bin/python3.11 /opt/venv/bin/python');
		expect(proposal.dockerfile).toContain("sed -i -e 's|^home = .*|home = /usr/bin|'");
		expect(proposal.dockerfile).toContain('USER 65532:65532');
		// The distroless image's own ENTRYPOINT is python3: a CMD would become its arguments.
		expect(proposal.dockerfile.trim().split('\n').at(-1)).toBe('ENTRYPOINT ["/opt/venv/bin/python", "-m", "gunicorn", "app:app"]');
		// No shell to chown with: /app is made in the builder and copied owned by the nonroot user.
		expect(proposal.dockerfile).toContain('RUN mkdir -p /runtime/app\n');
		expect(proposal.dockerfile).toContain('COPY --from=builder --chown=65532:65532 /runtime /\n');
		expect(proposal.dockerfile).not.toMatch(/^CMD/m);
		expect(proposal.warnings).toEqual([]);
	});

	it('distroless with another Python version, or with runtime libraries, warns', () => {
		const report = reportFor('pip', true);
		const proposal = propose(report, defaultChoices(report, {base: 'distroless', python: '3.12'}));
		expect(proposal.warnings.join('\n')).toContain('Python 3.11 only');
		expect(proposal.warnings.join('\n')).toContain('libpq5');
	});

	it('alpine warns, naming the dependencies that compile on musl', () => {
		const report = makeReport({dependencies: {packages: [{name: 'flask', spec: '', extras: [], file: 'requirements.txt'}, {name: 'lxml', spec: '', extras: [], file: 'requirements.txt'}]}, nativeNeeds: [psycopg]});
		const proposal = propose(report, defaultChoices(report, {base: 'alpine', python: undefined}));
		expect(proposal.warnings.join('\n')).toMatch(/musl: lxml, psycopg2/);
		expect(proposal.dockerfile).toContain('apk add --no-cache build-base postgresql-dev');
		expect(proposal.dockerfile).toContain('apk add --no-cache libpq');
	});

	it('poetry installs into the venv with a separate tool venv; uv, pipenv and pdm export requirements', () => {
		const poetry = propose(reportFor('poetry', false), defaultChoices(reportFor('poetry', false), {base: 'slim', python: undefined})).dockerfile;
		expect(poetry).toContain('COPY pyproject.toml poetry.lock ./');
		expect(poetry).toContain('VIRTUAL_ENV=/opt/venv /opt/tool/bin/poetry install --only main --no-root');
		expect(poetry).not.toMatch(/COPY --from=builder \/opt\/tool/);
		const uv = propose(reportFor('uv', false), defaultChoices(reportFor('uv', false), {base: 'slim', python: undefined})).dockerfile;
		expect(uv).toContain('uv export --frozen --no-dev');
		const pipenv = propose(reportFor('pipenv', false), defaultChoices(reportFor('pipenv', false), {base: 'slim', python: undefined})).dockerfile;
		expect(pipenv).toContain('pipenv requirements > /tmp/requirements.txt');
		const plain = propose(reportFor('pyproject', false), defaultChoices(reportFor('pyproject', false), {base: 'slim', python: undefined}, ['classic'])).dockerfile;
		// Read from pyproject.toml (tomllib, 3.11+), so an added dependency reaches the image; by name before 3.11.
		expect(plain).toContain('COPY pyproject.toml ./');
		expect(plain).toContain(`python -c 'import tomllib; print("\\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"].get("dependencies", [])))' > /tmp/requirements.txt`);
		expect(plain).toContain('/opt/venv/bin/python -m pip install --no-cache-dir -r /tmp/requirements.txt "gunicorn>=20.1"');
		const older = propose(reportFor('pyproject', false), defaultChoices(reportFor('pyproject', false), {base: 'slim', python: '3.10'}, ['classic'])).dockerfile;
		expect(older).toContain('/opt/venv/bin/python -m pip install --no-cache-dir "flask>=3" "gunicorn>=20.1"');
		expect(poetry).toContain('python -m venv /opt/venv');
	});

	it('warns when the lock file is missing or no dependency file was found', () => {
		const unlocked = reportFor('poetry', false, {dependencies: {manager: 'poetry', files: ['pyproject.toml'], packages: []}});
		expect(propose(unlocked, defaultChoices(unlocked, {base: 'slim', python: undefined})).warnings.join('\n')).toContain('No poetry.lock');
		const none = reportFor('none', false);
		expect(propose(none, defaultChoices(none, {base: 'slim', python: undefined})).warnings.join('\n')).toContain('No dependency file was found');
	});

	it('warns when no WSGI target was found and serves app:app', () => {
		const report = makeReport({wsgiTarget: null, wsgiCandidates: []});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.choices.wsgiTarget).toBe('app:app');
		expect(proposal.warnings.join('\n')).toContain('No WSGI application was found');
	});
});

describe('the .dockerignore', () => {
	it('keeps the user\'s lines and adds only what is missing', () => {
		const report = makeReport({dockerignore: {path: '.dockerignore', text: '# mine\n.git\nsecret-notes/\n'}});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.dockerignore.startsWith('# mine\n.git\nsecret-notes/\n')).toBe(true);
		expect(proposal.dockerignore.match(/^\.git$/gm)).toHaveLength(1);
		expect(proposal.dockerignore).toContain('.venv');
		expect(proposal.diff.dockerignore).toContain('+.venv');
		expect(proposal.diff.dockerignore).not.toContain('-.git');
	});

	it('never hides application code or copied files, even when the user\'s file does', () => {
		const report = makeReport({
			sourceFiles: ['build/app.py', 'dist/helpers.py'],
			dockerignore: {path: '.dockerignore', text: '*.txt\n'},
		});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		const matcher = ignore.default({ignorecase: false}).add(proposal.dockerignore.split('\n'));
		expect(matcher.ignores('build/app.py')).toBe(false);
		expect(matcher.ignores('dist/helpers.py')).toBe(false);
		expect(matcher.ignores('requirements.txt')).toBe(false);
		expect(proposal.dockerignore).toContain('!requirements.txt');
	});

	it('excludes every secret the scan found', () => {
		const report = makeReport({context: {secrets: ['config/prod.env', 'deploy/id_rsa']}});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		const matcher = ignore.default({ignorecase: false}).add(proposal.dockerignore.split('\n'));
		expect(matcher.ignores('config/prod.env')).toBe(true);
		expect(matcher.ignores('deploy/id_rsa')).toBe(true);
	});
});

describe('diffs, choices and the naive baseline', () => {
	it('diffs against the existing Dockerfile', () => {
		const report = makeReport({dockerfile: {path: 'Dockerfile', text: 'FROM python:3.11\nWORKDIR /app\nCOPY . .\n'}});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.diff.dockerfile).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
		expect(proposal.diff.dockerfile).toContain('-FROM python:3.11\n');
		expect(proposal.diff.dockerfile).toContain('+FROM python:3.11-slim AS builder\n');
		expect(propose(makeReport(), defaultChoices(makeReport(), {base: 'slim', python: undefined})).diff).toEqual({dockerfile: '', dockerignore: ''});
	});

	it('defaultChoices: options win over the scan; sane fallbacks', () => {
		const report = makeReport({python: {version: '3.12.1', source: '.python-version'}, port: 5000});
		expect(defaultChoices(report, {base: 'slim', python: undefined})).toEqual({flavor: 'slim', python: '3.12', port: 5000, wsgiTarget: 'app:app', cacheMounts: true});
		// Cache mounts only where the engine builds with BuildKit; an unknown engine is taken to (Docker 23 and later do).
		expect(defaultChoices(report, {base: 'slim', python: undefined}, ['classic']).cacheMounts).toBe(false);
		expect(defaultChoices(report, {base: 'slim', python: undefined}, ['classic', 'buildkit']).cacheMounts).toBe(true);
		expect(defaultChoices(report, {base: 'alpine', python: '3.11'}).python).toBe('3.11');
		expect(defaultChoices(makeReport({python: {version: 'unknown', source: 'none'}, port: 0}), {base: 'slim', python: undefined})).toMatchObject({python: '3.11', port: 8000});
	});

	it('the naive baseline is the article\'s first attempt, made to build and to answer on the app\'s port', () => {
		const pip = naiveBaseline(makeReport(), '3.11');
		expect(pip).toBe('FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nENV FLASK_APP="app:app"\nCMD ["flask", "run", "--host", "0.0.0.0", "--port", "8000"]\n');
		const rules = lintDockerfile(pip, makeReport()).map(finding => finding.rule);
		expect(rules).toEqual(expect.arrayContaining(['DW001', 'DW005', 'DW006', 'DW007', 'DL3042']));
		expect(rules).not.toContain('DW008');
		expect(naiveBaseline(reportFor('poetry', false), '3.12')).toContain('poetry install');
		const factory = makeReport({wsgiTarget: 'pkg:create_app()', port: 5000});
		expect(naiveBaseline(factory, '3.11')).toContain('ENV FLASK_APP="pkg:create_app()"\nCMD ["flask", "run", "--host", "0.0.0.0", "--port", "5000"]');
		const subfolder = makeReport({wsgiTarget: 'server:application', wsgiCandidates: [{target: 'server:application', kind: 'instance', score: 1, evidence: [], chdir: 'backend'}]});
		expect(naiveBaseline(subfolder, '3.11')).toContain('ENV FLASK_APP="backend/server.py:application"');
		const plain = makeReport({framework: 'unknown', wsgiTarget: null, wsgiCandidates: [], sourceFiles: ['main.py']});
		expect(naiveBaseline(plain, '3.11')).toContain('CMD ["python", "main.py"]');
	});
});

describe('apps in a subfolder', () => {
	it('imports from the folder the WSGI candidate lives in, keeping /app as the working directory', () => {
		const report = makeReport({
			wsgiTarget: 'server:application',
			wsgiCandidates: [{target: 'server:application', kind: 'instance', score: 5, evidence: [], chdir: 'backend'}],
			sourceFiles: ['backend/server.py'],
		});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "--pythonpath", "/app/backend", "server:application"]');
		expect(proposal.changes.map(change => change.title)).toContain('Imports the app from backend/ with --pythonpath; the working directory stays /app');
		expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);
	});

	it('starts in the subfolder when the project\'s own command does (--chdir in its Procfile)', () => {
		const report = makeReport({
			wsgiTarget: 'server:application',
			wsgiCandidates: [{target: 'server:application', kind: 'instance', score: 5, evidence: [], chdir: 'backend', workdir: 'backend'}],
			sourceFiles: ['backend/server.py'],
		});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "--chdir", "/app/backend", "server:application"]');
	});
});

describe('a project with the proposal applied', () => {
	it.each(managers)('%s: findingsFor has no warning or error left (Dockerfile and context rules)', manager => {
		const report = reportFor(manager, true, {dockerfile: {path: 'Dockerfile', text: 'FROM python:3.11\nCOPY . /app\n'}});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		const applied = {...report, dockerfile: {path: 'Dockerfile', text: proposal.dockerfile}, dockerignore: {path: '.dockerignore', text: proposal.dockerignore}};
		expect(findingsFor(applied).filter(finding => finding.severity !== 'info')).toEqual([]);
	});
});

describe('large files no source names', () => {
	it('leaves them out of the context, with a change that says how to put them back', () => {
		const report = makeReport({unreferencedLargeFiles: [{path: 'data/sample.csv', bytes: 25_000_000}, {path: 'dumps/[old].sql', bytes: 9_000_000}]});
		const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
		const matcher = ignore.default({ignorecase: false}).add(proposal.dockerignore.split('\n'));
		expect(matcher.ignores('data/sample.csv')).toBe(true);
		expect(matcher.ignores('dumps/[old].sql')).toBe(true);
		expect(matcher.ignores('data/other.csv')).toBe(false);
		const change = proposal.changes.find(item => item.title.startsWith('Large files left out'));
		expect(change?.title).toContain('data/sample.csv, dumps/[old].sql');
		expect(change?.why).toMatch(/mount them as a volume/);
	});
});

describe('a Python the project declares and the proposal does not use', () => {
	it('is a warning that names both versions and where the project says so; none when they agree or nothing was declared', () => {
		const report = makeReport({python: {version: '3.10', source: 'runtime.txt'}});
		const warnings = propose(report, {...defaultChoices(report, {base: 'slim', python: '3.12'})}).warnings;
		expect(warnings.filter(w => w.includes('declares Python 3.10 (runtime.txt)') && w.includes('runs Python 3.12'))).toHaveLength(1);
		expect(propose(report, defaultChoices(report, {base: 'slim', python: undefined})).warnings.filter(w => w.includes('declares Python'))).toEqual([]);
		const undeclared = makeReport({python: {version: '3.11', source: 'default'}});
		expect(propose(undeclared, defaultChoices(undeclared, {base: 'slim', python: '3.12'})).warnings.filter(w => w.includes('declares Python'))).toEqual([]);
	});
});
