import path from 'node:path/posix';
import type {ProjectReport, ProposalChoices} from '../types.js';
import {dependencySteps, type DependencySteps} from './dependency-steps.js';
import {aptCacheMounts, flavorSpec, toolVenvCommands, type FlavorSpec} from './flavors.js';
import {compiledNeeds} from './rule-helpers.js';
import {setuptoolsSpec, startupPlan, type StartupPlan} from './startup-plan.js';
import {asgiCommand, asgiEnv, asgiServerPlan, type AsgiServerPlan} from './asgi-server.js';
import {djangoBuild} from './django-plan.js';

export type GeneratedDockerfile = {
	text: string;
	steps: DependencySteps;
	spec: FlavorSpec;
	buildPackages: string[];
	runtimePackages: string[];
	/** Project files the Dockerfile copies by name (besides `.`). */
	copiedFiles: string[];
	startup: StartupPlan;
	/** How an ASGI app is served (null: a WSGI app, served by gunicorn). */
	asgi: AsgiServerPlan | null;
};

/** `name/` entries are folders, copied whole to the same place; files are grouped by folder. */
function copyLines(files: string[]): string[] {
	const byFolder = new Map<string, string[]>();
	const folders = files.filter(file => file.endsWith('/')).map(folder => `COPY ${folder} ./${folder}`);
	for (const file of files.filter(candidate => !candidate.endsWith('/'))) {
		const folder = path.dirname(file);
		byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
	}

	return [...[...byFolder].map(([folder, list]) => `COPY ${list.join(' ')} ${folder === '.' ? './' : folder + '/'}`), ...folders];
}

// Poetry installs into the venv named by VIRTUAL_ENV and expects a pip inside it.
function poetryVenv(spec: FlavorSpec): string {
	return `${spec.python} -m venv /opt/venv`;
}

function execForm(words: string[]): string {
	return `[${words.map(word => JSON.stringify(word)).join(', ')}]`;
}

/** What the `flask` commands among the kept start-up steps need to find the app. */
function startStepEnv(plan: StartupPlan): string[] {
	if (!plan.flaskApp || !plan.startScript?.entrypoint) {
		return [];
	}

	return [`FLASK_APP=${JSON.stringify(plan.flaskApp)}`, ...(plan.pythonpath ? [`PYTHONPATH=${plan.pythonpath.replaceAll(',', ':')}`] : [])];
}

/** Shell commands that make /app and the app's folders (and files in system folders) the app user's. */
function ownership(plan: StartupPlan, user: string): string[] {
	const [uid, gid] = user.split(':');
	return [
		`install -d -o ${uid} -g ${gid} ${plan.ownedFolders.join(' ')}`,
		...plan.ownedFiles.map(file => `install -o ${uid} -g ${gid} -m 644 /dev/null ${file}`),
	];
}

/** For distroless (no shell): the owned paths are made in the builder under /runtime and copied with --chown. */
function distrolessSkeleton(plan: StartupPlan): string {
	const folders = [...plan.ownedFolders, ...plan.ownedFiles.map(file => path.dirname(file))].map(folder => `/runtime${folder}`);
	const files = plan.ownedFiles.map(file => `touch /runtime${file}`);
	return `RUN ${[`mkdir -p ${[...new Set(folders)].join(' ')}`, ...files].join(' \\\n    && ')}`;
}

const pipCacheMount = '--mount=type=cache,target=/root/.cache/pip';

// Where each tool that resolves or downloads on its own keeps its cache (as root, in the builder).
const toolCaches: Record<string, string> = {poetry: '/root/.cache/pypoetry', pipenv: '/root/.cache/pipenv', uv: '/root/.cache/uv', pdm: '/root/.cache/pdm'};

/** `RUN` with the given flags, if any. */
function run(flags: string[], commands: string[]): string {
	return `RUN ${[...flags, commands.join(' \\\n    && ')].join(' ')}`;
}

/**
 * The proposed multi-stage Dockerfile for the chosen flavor. With `choices.cacheMounts` (the
 * engine builds with BuildKit) pip, the dependency tools and the builder's apt keep their
 * downloads in BuildKit cache mounts, so a dependency change downloads only what is new;
 * without, only classic-builder features are used.
 */
export function generateDockerfile(report: ProjectReport, choices: ProposalChoices): GeneratedDockerfile {
	const cacheMounts = choices.cacheMounts === true;
	const spec = flavorSpec(choices.flavor, choices.python, {cacheMounts});
	const plan = startupPlan(report, choices);
	const asgi = asgiServerPlan(report);
	const django = djangoBuild(report, choices);
	// tomllib is in the builder's Python from 3.11 on (distroless builds on 3.11 whatever was chosen).
	const builderMinor = Number((choices.flavor === 'distroless' ? '3.11' : choices.python).split('.')[1] ?? 0);
	const steps = dependencySteps(report, spec.venvPip, [...(plan.setuptoolsReasons.length > 0 ? [setuptoolsSpec] : []), ...(asgi?.requirements ?? []), ...(django?.additions ?? [])], builderMinor >= 11 ? spec.python : null);
	const buildPackages = [...new Set([...spec.builderBase, ...report.nativeNeeds.flatMap(need => need.buildPackages)])];
	if (choices.flavor === 'alpine' && compiledNeeds(report.nativeNeeds).length > 0 && !buildPackages.includes('build-essential')) {
		buildPackages.unshift('build-essential');
	}

	// Debian's own Python in the distroless builder has no C headers of its own.
	if (choices.flavor === 'distroless' && compiledNeeds(report.nativeNeeds).length > 0 && !buildPackages.includes('python3-dev')) {
		buildPackages.push('python3-dev');
	}

	const runtimePackages = [...new Set(report.nativeNeeds.flatMap(need => need.runtimePackages))];
	const lines: string[] = [
		'# Build stage: the dependencies go into a virtualenv; build tools stay here.',
		`FROM ${spec.builderImage} AS builder`,
	];
	// System packages and tools change rarely: their layer outlives dependency edits. The venv
	// itself is made in the install step (it is cheap), which saves the classic builder a step.
	const setup = buildPackages.length > 0 ? [spec.systemInstall(buildPackages)] : [];
	const setupFlags = cacheMounts && buildPackages.length > 0 && choices.flavor !== 'alpine' ? [aptCacheMounts] : [];
	if (steps.toolVenv) {
		setup.push(...toolVenvCommands(steps.toolVenv.spec, cacheMounts));
		if (cacheMounts) setupFlags.push(pipCacheMount);
	}

	const install = [steps.toolVenv?.name === 'poetry' ? poetryVenv(spec) : spec.createVenv, ...steps.run, ...spec.finishVenv];
	const toolCache = steps.toolVenv ? toolCaches[steps.toolVenv.name] : undefined;
	const installFlags = cacheMounts ? [pipCacheMount, ...(toolCache ? [`--mount=type=cache,target=${toolCache}`] : [])] : [];
	lines.push(
		...(setup.length > 0 ? [run(setupFlags, setup)] : []),
		'WORKDIR /app',
		'# Only the dependency files: this layer is reused until they change.',
		...copyLines(steps.copy),
		...(cacheMounts ? ['# pip\'s downloads stay in a BuildKit cache mount, not in the image: a dependency change fetches only what is new.'] : []),
		run(installFlags, install),
		...(django?.builderLines ?? []),
	);
	if (!spec.addUser) {
		lines.push('# The folders the app writes to, owned by its user in the runtime (which has no shell to make them).', distrolessSkeleton(plan));
	}

	const env = ['PATH=/opt/venv/bin:$PATH', 'PYTHONDONTWRITEBYTECODE=1', 'PYTHONUNBUFFERED=1', ...(plan.bindFromPort || asgi ? [`PORT=${choices.port}`] : []), ...startStepEnv(plan), ...asgiEnv(asgi, plan.pythonpath)];
	lines.push(
		'',
		`# Runtime stage: the same Python${choices.flavor === 'distroless' ? ' (distroless: no shell, no package manager)' : ''}, without build tools.`,
		`FROM ${spec.runtimeImage}`,
		`ENV ${env.join(' \\\n    ')}`,
	);
	if (spec.addUser) {
		// WORKDIR would make /app as root, and COPY --chown leaves an existing folder's owner alone:
		// the user must own /app for the app to make its instance/, uploads/ or SQLite files.
		const user = [spec.addUser, ...ownership(plan, spec.user)];
		const runtime = runtimePackages.length > 0 && spec.runtimeInstall ? [spec.runtimeInstall(runtimePackages)] : [];
		lines.push('# The app\'s user owns /app (WORKDIR alone would make it root\'s) and the folders the app writes to.', `RUN ${[...runtime, ...user].join(' \\\n    && ')}`);
	}

	lines.push('COPY --from=builder /opt/venv /opt/venv');
	if (!spec.addUser) {
		lines.push(`COPY --from=builder --chown=${spec.user} /runtime /`);
	}

	const gunicorn = spec.cmd({
		target: choices.wsgiTarget,
		bindPort: plan.bindFromPort ? null : choices.port,
		skipConfig: plan.config?.mode === 'bypass',
		pythonpath: plan.pythonpath,
		chdir: plan.chdir,
		workerClass: django?.workerClass ?? null,
	});
	const server = asgi ? asgiCommand(asgi, {flavor: choices.flavor, target: choices.wsgiTarget, port: choices.port, gunicorn}) : gunicorn;
	const script = plan.startScript;
	const code = django?.copyFromBuilder
		? [`COPY --from=builder --chown=${spec.user} /app .`, ...django.extraCopies.map(folder => `COPY --from=builder --chown=${spec.user} ${folder} ${folder}`)]
		: [`COPY --chown=${spec.user} . .`];
	lines.push('WORKDIR /app', ...code, `USER ${spec.user}`, `EXPOSE ${choices.port}`);
	if (script?.entrypoint) {
		lines.push(
			script.mode === 'inline' ? `# The start-up steps of ${script.facts.file}, then the server (exec: it gets the stop signals).` : `# ${script.facts.file} runs the start-up steps${script.mode === 'entrypoint' ? ', then execs the CMD' : ' and starts the server'}.`,
			`ENTRYPOINT ${execForm(script.entrypoint)}`,
			...(script.mode === 'whole' ? [] : [`CMD ${execForm(server)}`]),
		);
	} else {
		lines.push(`${spec.startInstruction} ${execForm(server)}`);
	}

	return {text: lines.join('\n') + '\n', steps, spec, buildPackages, runtimePackages, copiedFiles: steps.copy, startup: plan, asgi};
}
