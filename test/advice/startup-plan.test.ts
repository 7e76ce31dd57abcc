import {describe, expect, it} from 'vitest';
import {defaultChoices, lintDockerfile, propose} from '../../source/advice/index.js';
import {onlyBelow} from '../../source/advice/startup-plan.js';
import type {BaseFlavor, ProjectReport, StartupFacts} from '../../source/types.js';
import {makeReport} from './make-report.js';

const noStartup: StartupFacts = {pkgResources: [], writablePaths: [], gunicornConfig: null, startScript: null};

function proposalFor(report: ProjectReport, flavor: BaseFlavor = 'slim') {
	return propose(report, defaultChoices(report, {base: flavor, python: '3.11'}));
}

function withStartup(startup: Partial<StartupFacts>, overrides: Parameters<typeof makeReport>[0] = {}): ProjectReport {
	return makeReport({server: 'gunicorn', ...overrides, startup: {...noStartup, ...startup}});
}

function titles(report: ProjectReport, flavor: BaseFlavor = 'slim'): string[] {
	return proposalFor(report, flavor).changes.map(change => change.title);
}

describe('pkg_resources (class 1)', () => {
	it('knows which version specs stay below a major', () => {
		for (const spec of ['==20.1.0', '==19.9', '<21', '<21.0', '<=20.1.0', '~=20.0', '^20.1', '~20.1', '20.1.0', '>=19,<21']) {
			expect(onlyBelow(spec, 21), spec).toBe(true);
		}

		for (const spec of ['', '>=20.1', '==21.2.0', '<21.1', '~=21.0', '^22', '!=20.1.0', '>=19']) {
			expect(onlyBelow(spec, 21), spec).toBe(false);
		}
	});

	it('installs setuptools<82 for gunicorn below 21 or code that imports pkg_resources, and says why', () => {
		const old = makeReport({server: 'gunicorn', dependencies: {packages: [{name: 'flask', spec: '', extras: [], file: 'requirements.txt', line: 1}, {name: 'gunicorn', spec: '==19.9.0', extras: [], file: 'requirements.txt', line: 2}]}});
		const proposal = proposalFor(old);
		expect(proposal.dockerfile).toContain('install -r requirements.txt "setuptools<82"\n');
		const change = proposal.changes.find(item => item.title.includes('setuptools<82'));
		expect(change?.why).toContain('gunicorn==19.9.0 (requirements.txt:2) imports pkg_resources at start');
		const code = withStartup({pkgResources: [{file: 'app.py', line: 2, detail: 'import pkg_resources'}]});
		expect(proposalFor(code).dockerfile).toContain('"setuptools<82"');
		expect(proposalFor(withStartup({})).dockerfile).not.toContain('setuptools');
	});

	it('leaves setuptools alone when the project pins it itself', () => {
		const pinned = withStartup({pkgResources: [{file: 'app.py', line: 2, detail: 'import pkg_resources'}]}, {dependencies: {packages: [{name: 'flask', spec: '', extras: [], file: 'requirements.txt'}, {name: 'setuptools', spec: '<70', extras: [], file: 'requirements.txt'}]}});
		expect(proposalFor(pinned).dockerfile).not.toContain('setuptools<82');
	});
});

describe('non-root writes (class 2)', () => {
	const report = withStartup({
		writablePaths: [
			{path: 'instance', kind: 'folder', evidence: {file: 'app.py', line: 5, detail: 'os.makedirs(app.instance_path)'}},
			{path: '/data/uploads', kind: 'folder', evidence: {file: 'app.py', line: 6, detail: 'UPLOAD_FOLDER = "/data/uploads"'}},
			{path: '/var/log/app.log', kind: 'file', evidence: {file: 'app.py', line: 7, detail: 'FileHandler("/var/log/app.log")'}},
		],
	});

	it('slim: one RUN makes the user, then /app and the folders the code writes to, owned by it', () => {
		expect(proposalFor(report).dockerfile).toContain([
			'RUN useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin app \\',
			'    && install -d -o 10001 -g 10001 /app /app/instance /data/uploads \\',
			'    && install -o 10001 -g 10001 -m 644 /dev/null /var/log/app.log',
			'COPY --from=builder /opt/venv /opt/venv',
			'WORKDIR /app',
			'COPY --chown=10001:10001 . .',
		].join('\n'));
		expect(titles(report)).toContain('/app and instance, /data/uploads, /var/log/app.log owned by the app\'s user');
	});

	it('distroless: the builder prepares them and the runtime copies them with --chown', () => {
		const text = proposalFor(report, 'distroless').dockerfile;
		expect(text).toContain('RUN mkdir -p /runtime/app /runtime/app/instance /runtime/data/uploads /runtime/var/log \\\n    && touch /runtime/var/log/app.log\n');
		expect(text).toContain('COPY --from=builder /opt/venv /opt/venv\nCOPY --from=builder --chown=65532:65532 /runtime /\nWORKDIR /app\n');
	});

	it('alpine: busybox install makes them too', () => {
		expect(proposalFor(report, 'alpine').dockerfile).toContain('adduser -S -D -H -u 10001 -G app app \\\n    && install -d -o 10001 -g 10001 /app /app/instance /data/uploads');
	});
});

describe('gunicorn.conf.py (class 4) and PORT (class 7)', () => {
	const config = (bind: NonNullable<StartupFacts['gunicornConfig']>['bind'], breaks: Array<{line: number; detail: string}> = []) =>
		withStartup({gunicornConfig: {file: 'gunicorn.conf.py', bind, breaks, settings: ['bind', 'workers', 'timeout']}});

	it('bypasses a config that breaks the container, and PORT decides the bind', () => {
		const report = config({line: 1, text: 'bind = "127.0.0.1:5000"', fromPort: false, public: false}, [{line: 3, detail: 'needs SECRET_KEY set'}]);
		const proposal = proposalFor(report);
		expect(proposal.dockerfile).toContain('CMD ["gunicorn", "--config", "/dev/null", "app:app"]');
		expect(proposal.dockerfile).toContain('PORT=8000');
		expect(proposal.changes.find(change => change.title.startsWith('gunicorn.conf.py bypassed'))?.why).toContain('line 3 needs SECRET_KEY set');
	});

	it('uses a safe config; a fixed bind in it is overridden on the command line and PORT is not claimed', () => {
		const fixed = proposalFor(config({line: 1, text: 'bind = "127.0.0.1:5000"', fromPort: false, public: false}));
		expect(fixed.dockerfile).toContain('CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]');
		expect(fixed.dockerfile).not.toContain('PORT=');
		expect(fixed.changes.find(change => change.title === 'gunicorn.conf.py used as gunicorn\'s config')?.why).toContain('its settings (workers, timeout) apply. Its bind (line 1) is overridden by --bind 0.0.0.0:8000, and PORT is not read');
		const fromPort = proposalFor(config({line: 1, text: 'bind = f"0.0.0.0:{PORT}"', fromPort: true, public: true}));
		expect(fromPort.dockerfile).toContain('CMD ["gunicorn", "app:app"]');
		expect(fromPort.dockerfile).toContain('PORT=8000');
	});

	it('keeps a port below 1024 and warns that a non-root user binds it only on a bridge network', () => {
		const report = makeReport({port: 80});
		const proposal = propose(report, {...defaultChoices(report, {base: 'slim', python: '3.11'}), port: 80});
		expect(proposal.dockerfile).toContain('PORT=80');
		expect(proposal.dockerfile).toContain('EXPOSE 80');
		expect(proposal.dockerfile).toContain('USER 10001:10001');
		const warning = proposal.warnings.find(item => item.startsWith('Port 80 is below 1024'));
		expect(warning).toContain('non-root user (10001)');
		expect(warning).toContain('net.ipv4.ip_unprivileged_port_start=0');
		expect(warning).toContain('--network host');
		const distroless = propose(report, {...defaultChoices(report, {base: 'distroless', python: '3.11'}), port: 80});
		expect(distroless.warnings.join('\n')).toContain('non-root user (65532)');
		expect(proposalFor(makeReport({port: 8000})).warnings.some(item => item.includes('below 1024'))).toBe(false);
	});

	it('the linter reads ENV PORT as the port gunicorn binds (no false EXPOSE mismatch)', () => {
		const report = makeReport({port: 5005});
		const proposal = propose(report, {...defaultChoices(report, {base: 'slim', python: '3.11'}), port: 5005});
		expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.rule === 'DW014')).toEqual([]);
		expect(lintDockerfile(proposal.dockerfile.replace('EXPOSE 5005', 'EXPOSE 9000'), report).map(finding => finding.rule)).toContain('DW014');
	});
});

describe('start-up steps (class 6)', () => {
	const script = (facts: Partial<NonNullable<StartupFacts['startScript']>>) =>
		withStartup({startScript: {file: 'boot.sh', shell: 'bash', steps: [{line: 2, command: 'flask db upgrade', kind: 'migrate'}], execsArguments: false, server: 'exec gunicorn -b :5000 app:app', controlFlow: false, ...facts}});

	it('keeps a script that ends with exec "$@" as the ENTRYPOINT, the server as its CMD', () => {
		const text = proposalFor(script({execsArguments: true, server: null})).dockerfile;
		expect(text).toContain('ENTRYPOINT ["bash", "boot.sh"]\nCMD ["gunicorn", "app:app"]\n');
		expect(text).toContain('FLASK_APP="app:app"');
		const src = script({execsArguments: true, server: null});
		src.wsgiCandidates = [{target: 'shop:create_app()', kind: 'factory', score: 5, evidence: [], chdir: 'src'}];
		src.wsgiTarget = 'shop:create_app()';
		expect(proposalFor(src).dockerfile).toContain('    FLASK_APP="shop:create_app()" \\\n    PYTHONPATH=/app/src\n');
		expect(proposalFor(script({execsArguments: true, server: null}), 'alpine').warnings.join('\n')).toContain('boot.sh asks for bash, which Alpine does not have');
	});

	it('runs a #!/bin/sh script with bash-only syntax under bash on Debian, sh on Alpine, and says why', () => {
		const report = script({controlFlow: true, shell: 'bash', bashisms: ['`[[ ... ]]` at line 6']});
		const proposal = proposalFor(report);
		expect(proposal.dockerfile.trim().split('\n').at(-1)).toBe('ENTRYPOINT ["bash", "boot.sh"]');
		expect(proposal.changes.find(change => change.title.startsWith('Start-up steps kept'))?.why).toContain('Run with bash, not sh: it uses `[[ ... ]]` at line 6');
		const alpine = proposalFor(report, 'alpine');
		expect(alpine.dockerfile.trim().split('\n').at(-1)).toBe('ENTRYPOINT ["sh", "boot.sh"]');
		expect(alpine.changes.find(change => change.title.startsWith('Start-up steps kept'))?.why).not.toContain('Run with bash');
	});

	it('runs simple steps before the proposed server when the script starts its own', () => {
		const proposal = proposalFor(script({}));
		expect(proposal.dockerfile).toContain('ENTRYPOINT ["bash", "-c", "flask db upgrade && exec \\"$@\\"", "boot.sh"]\nCMD ["gunicorn", "app:app"]\n');
		expect(proposal.changes.map(change => change.title)).toContain('Start-up steps kept: boot.sh (flask db upgrade)');
		expect(lintDockerfile(proposal.dockerfile, script({})).filter(finding => finding.severity !== 'info')).toEqual([]);
	});

	it('keeps a script with loops whole when it starts gunicorn itself', () => {
		const text = proposalFor(script({controlFlow: true})).dockerfile;
		expect(text.trim().split('\n').at(-1)).toBe('ENTRYPOINT ["bash", "boot.sh"]');
	});

	it('names each step it cannot run, in a warning and a change (distroless has no shell)', () => {
		const proposal = proposalFor(script({execsArguments: true, server: null}), 'distroless');
		expect(proposal.dockerfile).not.toContain('boot.sh');
		expect(proposal.warnings.join('\n')).toContain('`flask db upgrade` (line 2, migrate)');
		expect(proposal.changes.map(change => change.title)).toContain('Start-up steps of boot.sh NOT run by the image: flask db upgrade');
		const release = withStartup({releaseSteps: [{line: 2, command: 'flask db upgrade', kind: 'migrate'}]});
		expect(proposalFor(release).warnings).toEqual(['The Procfile\'s release phase runs `flask db upgrade` (line 2, migrate); an image never does. Run it as a one-off job before starting the new image.']);
		expect(titles(release)).toContain('Procfile release steps NOT run by the image: flask db upgrade');
		const loopNoGunicorn = proposalFor(script({controlFlow: true, server: 'python app.py'}));
		expect(loopNoGunicorn.warnings.join('\n')).toContain('does not run them');
	});
});

describe('installable projects (class 5)', () => {
	it('leaves `-e .` out of the dependency install and says why; the code is imported from /app', () => {
		const report = makeReport({dependencies: {packages: [
			{name: 'flask', spec: '==2.2.2', extras: [], file: 'requirements.txt', line: 1},
			{name: '.', spec: '', extras: [], url: '.', file: 'requirements.txt', line: 2},
		]}});
		const proposal = proposalFor(report);
		expect(proposal.dockerfile).toContain(`sed -E '/^[[:space:]]*((-e|--editable)([[:space:]]+|=))?\\.\\/?(\\[[^]]*\\])?[[:space:]]*(#.*)?$/d' requirements.txt > requirements-without-project.txt \\\n    && /opt/venv/bin/python -m pip install -r requirements-without-project.txt "gunicorn>=20.1"\n`);
		expect(proposal.warnings).toEqual(['requirements.txt:2 installs the project itself (pip install -e .): the image imports its code from /app instead, so every package it needs must be listed in requirements.txt.']);
		expect(titles(report)).toContain('The project\'s own `.` left out of the dependency install');
	});
});
