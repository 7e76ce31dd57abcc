import type {Change, ProjectReport, ProposalChoices} from '../types.js';
import type {GeneratedDockerfile} from './generate-dockerfile.js';
import {ignoredFiles, type DockerignoreResult} from './dockerignore.js';
import {startupChanges} from './startup-changes.js';
import {requiredEnvChanges} from './required-env.js';
import {asgiServerChange} from './asgi-server.js';
import {djangoChanges, servesAsgi} from './django-plan.js';

/** What each system package kept in the runtime image is for, and what the existing Dockerfile's install lines became. */
function systemPackageChanges(report: ProjectReport, generated: GeneratedDockerfile): Change[] {
	if (!generated.spec.runtimeInstall) {
		// Distroless installs nothing at run time: propose.ts warns about what is then missing.
		return [];
	}

	const changes: Change[] = [];
	for (const need of report.nativeNeeds) {
		const kept = need.runtimePackages.join(', ');
		if (need.kind === 'dockerfile') {
			const builder = need.buildPackages.length > 0 ? `${need.buildPackages.join(', ')} only in the builder` : '';
			const renamed = need.renamed && need.renamed.length > 0 ? `renamed ${need.renamed.join(', ')}` : '';
			const parts = [kept ? `${kept} kept in the runtime image` : '', builder, renamed].filter(Boolean).join('; ');
			changes.push({title: `The existing Dockerfile's system packages (${need.package.replace('Dockerfile ', '')}): ${parts || 'none carried over'}`, why: `${need.reason.charAt(0).toUpperCase()}${need.reason.slice(1)}. What the app loads or runs stays where it runs; compilers and -dev packages only build.`, impact: 'correctness', rule: 'DL3015'});
		} else if (kept && need.kind === 'program') {
			changes.push({title: `Kept ${kept} in the runtime image: the code runs ${need.package}`, why: `${need.reason}; without the program the call fails when it is made, not at start.`, impact: 'correctness', rule: 'DL3015'});
		} else if (kept) {
			changes.push({title: `Kept ${kept} in the runtime image: ${need.package} needs ${need.runtimePackages.length === 1 ? 'it' : 'them'}`, why: `${need.reason}; installed with --no-install-recommends, apt lists removed.`, impact: 'correctness', rule: 'DL3015'});
		}
	}

	return changes;
}

/** How the venvs are made and filled, with the cold-build time it saves (measured with bench/cold-steps.ts). */
function venvChanges(choices: ProposalChoices, generated: GeneratedDockerfile): Change[] {
	const changes: Change[] = [];
	const tool = generated.steps.toolVenv?.name;
	if (tool) {
		changes.push({title: `${tool}'s own venv (/opt/tool) made without ensurepip, filled by the image's pip`, why: `${tool} runs only in the builder, so its venv may see the image's packages: \`python -m venv\` with ensurepip took 3.4-4.8 s (median 4.4 s of 3) on this shared 2-core machine, without it 0.05 s, and the image's pip installs ${tool} into it the same way.`, impact: 'speed'});
	}

	// Poetry's /opt/venv keeps a pip of its own (Poetry expects one there).
	if (tool === 'poetry') {
		return changes;
	}

	if (generated.spec.createVenv.includes('--system-site-packages')) {
		changes.push({title: 'The venv sees the image\'s own packages and is filled by the image\'s pip (no ensurepip, no second pip start)', why: 'Builder and runtime are the same image, so what the venv finds there at build time is there at run time: the venv\'s Python runs the image\'s pip once (pip --python starts pip twice), and what the image already has (pip; setuptools up to Python 3.11) is not installed again. Measured on the single-file bench app, cold builds interleaved on a shared 2-core machine: install step 2.4 s -> 1.5 s and whole build 3.2 s -> 2.1 s with BuildKit (median of 4; docker init 1.9 s), 6.0 s -> 4.4 s with the classic builder (median of 3). The image is the same size or smaller (no second setuptools).', impact: 'speed'});
	} else {
		changes.push({title: 'The venv made without pip, filled by the builder\'s pip from outside (`pip --python`)', why: `The runtime's Python is not the builder's${choices.flavor === 'distroless' ? ' (distroless)' : ''}, so the venv must hold every package itself; skipping ensurepip saves about 4 s of every cold build (3.4-4.8 s measured here) and keeps pip out of the runtime image.`, impact: 'speed'});
	}

	return changes;
}

/** Every change the proposal makes, with why it helps and the rule it answers. */
export function changesFor(report: ProjectReport, choices: ProposalChoices, generated: GeneratedDockerfile, dockerignore: DockerignoreResult): Change[] {
	const changes: Change[] = [];
	const base = choices.flavor === 'distroless' ? 'a distroless Python runtime' : `python:${choices.python}-${choices.flavor}`;
	changes.push(
		{title: `Run on ${base}`, why: 'The full python image carries compilers and hundreds of Debian packages the app never uses; the smaller base cuts the image by hundreds of MB and the pull time with it.', impact: 'size', rule: 'DW005'},
		{title: 'Multi-stage build: dependencies installed into /opt/venv in a builder stage', why: 'Only the virtualenv is copied into the runtime image, so pip caches, build tools and tool installs stay behind.', impact: 'size', rule: 'DW011'},
	);
	changes.push(...venvChanges(choices, generated));
	// Only true when some dependency file is copied ahead: with none, the install step has nothing to cache on.
	if (generated.copiedFiles.length > 0) {
		changes.push({title: 'Dependency files copied and installed before the code', why: 'Editing the code no longer reinstalls every dependency: the install layer comes from the cache and a rebuild takes seconds.', impact: 'speed', rule: 'DW001'});
	}

	if (choices.cacheMounts) {
		changes.push({title: 'pip\'s cache in a BuildKit cache mount (`RUN --mount=type=cache`)', why: 'The engine builds with BuildKit: downloads and built wheels stay in the mount between builds and never enter a layer, so adding one dependency fetches that package only instead of every one again, and the image carries no cache either way.', impact: 'speed', rule: 'DL3042'});
		if (generated.buildPackages.length > 0 && choices.flavor !== 'alpine') {
			changes.push({title: 'apt\'s lists and packages in cache mounts in the builder', why: 'A cold build reuses the package lists and .deb files of earlier builds; Debian images delete downloaded packages after each install (docker-clean), so that hook is removed in the builder stage first. The runtime stage installs as before and keeps no lists.', impact: 'speed'});
		}
	} else {
		changes.push({title: '`--no-cache-dir` on every pip install', why: "pip's wheel cache would otherwise stay in the layer as dead weight. (The engine builds with the classic builder, which has no cache mounts.)", impact: 'size', rule: 'DL3042'});
	}

	changes.push({title: 'Dependencies\' bytecode compiled at build time (pip\'s default, kept: no --no-compile)', why: 'Measured side by side on the single-file bench app (slim, 7 alternating starts on a shared 2-core machine): first HTTP answer 1.8 s median with the .pyc files against 4.2 s without, for 8 MB more image (223 against 215 MB). PYTHONDONTWRITEBYTECODE=1 means a container never writes them itself, so without them every start compiles again.', impact: 'speed'});
	if (choices.flavor === 'distroless') {
		changes.push({title: `Builder on python:${generated.spec.builderImage.split(':')[1]}, its venv pointed at the runtime's Python`, why: 'The slim image already has Python and pip, so a cold build runs no apt-get update and installs no Debian python3-venv; the venv\'s links and pyvenv.cfg are then pointed at /usr/bin/python3.11, the distroless image\'s interpreter of the same minor version.', impact: 'speed'});
	}
	if (generated.buildPackages.length > 0) {
		changes.push({title: `Build packages (${generated.buildPackages.join(', ')}) only in the builder`, why: 'They are needed to compile wheels, not to run them; left out of the runtime they save space and remove a toolchain an attacker could use.', impact: 'security', rule: 'DW011'});
	}

	changes.push(...systemPackageChanges(report, generated));

	changes.push(
		{title: `Runs as a non-root user (${generated.spec.user})`, why: 'A bug in the app no longer gives root in the container; a fixed UID keeps file ownership predictable across rebuilds and hosts.', impact: 'security', rule: 'DW007'},
		{title: 'PYTHONUNBUFFERED=1 and PYTHONDONTWRITEBYTECODE=1', why: 'Logs reach `docker logs` at once instead of sitting in a buffer; no .pyc files are written next to the code at run time.', impact: 'correctness', rule: 'DW010'},
		{title: 'WORKDIR /app before copying', why: 'Files and commands meet in the same folder, so every relative path resolves where the files are.', impact: 'correctness', rule: 'DW008'},
		generated.asgi
			? asgiServerChange(generated.asgi, choices)
			: {title: `Served by gunicorn${servesAsgi(report, choices) ? ' (uvicorn workers)' : ''} on ${choices.wsgiTarget}, bound to 0.0.0.0:${generated.startup.bindFromPort ? '$PORT' : choices.port}`, why: `${report.framework === 'django' ? "Django's runserver" : "Flask's built-in server"} is for development; gunicorn runs several workers and is made for production. Binding 0.0.0.0 makes it reachable from outside the container.`, impact: 'correctness', rule: report.framework === 'django' ? 'DW043' : 'DW006'},
		{title: `Exec-form ${generated.startup.startScript?.entrypoint ? 'ENTRYPOINT and CMD' : generated.spec.startInstruction}`, why: 'The server is PID 1 and receives SIGTERM, so `docker stop` shuts it down gracefully instead of killing it after 10 s.', impact: 'correctness', rule: 'DL3025'},
		{title: `EXPOSE ${choices.port}`, why: `Documents the port the app listens on (${report.portSource || 'detected'}).`, impact: 'correctness', rule: 'DW014'},
	);
	changes.push(...startupChanges(report, choices, generated.startup), ...requiredEnvChanges(report), ...djangoChanges(report, choices));
	if (generated.steps.projectItself) {
		changes.push({title: `The project's own \`${generated.steps.projectItself.url ?? '.'}\` left out of the dependency install`, why: 'Installing the project needs its code, which is copied after the dependency layer so that code edits keep that layer cached; gunicorn imports the code from /app (or with --pythonpath) instead, and Flask keeps its instance folder in /app.', impact: 'correctness'});
	}

	if (generated.asgi && generated.asgi.requirements.length > 0) {
		changes.push({title: `${generated.asgi.requirements.join(', ')} added to the install`, why: `The project does not list ${generated.asgi.requirements.join(' or ')}, which the start command runs; it is installed in the image (add it to your dependencies to make it explicit).`, impact: 'correctness', rule: 'DW041'});
	}

	if (generated.steps.addedGunicorn) {
		changes.push({title: 'gunicorn added to the install', why: 'The project does not list a production WSGI server; gunicorn is installed in the image (add it to your dependencies to make it explicit).', impact: 'correctness', rule: 'DW006'});
	}

	if (dockerignore.added.length > 0) {
		changes.push({
			title: report.dockerignore ? `.dockerignore extended (${dockerignore.added.length} patterns; your lines kept)` : '.dockerignore added',
			why: 'The build context no longer sends .git, virtualenvs, caches or secrets: faster builds, a cache that survives unrelated changes, and no secrets in the image.',
			impact: 'speed',
			rule: report.dockerignore ? 'DW003' : 'DW002',
		});
	}

	const largeFiles = (report.unreferencedLargeFiles ?? []).filter(entry => ignoredFiles(dockerignore.text, [entry.path]).length > 0);
	if (largeFiles.length > 0) {
		const bytes = largeFiles.reduce((sum, entry) => sum + entry.bytes, 0);
		changes.push({
			title: `Large files left out of the context: ${largeFiles.map(entry => entry.path).join(', ')}`,
			why: `${(bytes / 1e6).toFixed(1)} MB that no source, template or config file names: every build sent them and the image carried them. If the app reads them at run time, mount them as a volume, or delete their lines from .dockerignore.`,
			impact: 'size',
		});
	}

	return changes;
}
