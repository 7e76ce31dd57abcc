import path from 'node:path/posix';
import type {ProjectReport, ProposalChoices} from '../types.js';
import {dependencySteps, type DependencySteps} from './dependency-steps.js';
import {flavorSpec, type FlavorSpec} from './flavors.js';
import {compiledNeeds} from './rule-helpers.js';

export type GeneratedDockerfile = {
	text: string;
	steps: DependencySteps;
	spec: FlavorSpec;
	buildPackages: string[];
	runtimePackages: string[];
	/** Project files the Dockerfile copies by name (besides `.`). */
	copiedFiles: string[];
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

/** The proposed multi-stage Dockerfile for the chosen flavor (classic-builder features only). */
export function generateDockerfile(report: ProjectReport, choices: ProposalChoices): GeneratedDockerfile {
	const spec = flavorSpec(choices.flavor, choices.python);
	const steps = dependencySteps(report, spec.venvPip);
	const buildPackages = [...new Set([...spec.builderBase, ...report.nativeNeeds.flatMap(need => need.buildPackages)])];
	if (choices.flavor === 'alpine' && compiledNeeds(report.nativeNeeds).length > 0 && !buildPackages.includes('build-essential')) {
		buildPackages.unshift('build-essential');
	}

	// Debian's own Python in the distroless builder has no C headers of its own.
	if (choices.flavor === 'distroless' && compiledNeeds(report.nativeNeeds).length > 0 && !buildPackages.includes('python3-dev')) {
		buildPackages.push('python3-dev');
	}

	// The app imports from a subfolder (src/, backend/): gunicorn must start there.
	const folder = report.wsgiCandidates.find(candidate => candidate.target === choices.wsgiTarget)?.chdir?.replace(/^\.?\/+|\/+$/g, '');
	const chdir = folder && folder !== '.' ? path.join('/app', folder) : undefined;
	const runtimePackages = [...new Set(report.nativeNeeds.flatMap(need => need.runtimePackages))];
	const lines: string[] = [
		'# Build stage: the dependencies go into a virtualenv; build tools stay here.',
		`FROM ${spec.builderImage} AS builder`,
	];
	// System packages and tools change rarely: their layer outlives dependency edits. The venv
	// itself is made in the install step (it is cheap), which saves the classic builder a step.
	const setup = buildPackages.length > 0 ? [spec.systemInstall(buildPackages)] : [];
	if (steps.toolVenv) {
		setup.push(`${spec.python} -m venv /opt/tool`, `/opt/tool/bin/pip install --no-cache-dir "${steps.toolVenv.spec}"`);
	}

	const install = [steps.toolVenv?.name === 'poetry' ? poetryVenv(spec) : spec.createVenv, ...steps.run];
	lines.push(
		...(setup.length > 0 ? [`RUN ${setup.join(' \\\n    && ')}`] : []),
		'WORKDIR /app',
		'# Only the dependency files: this layer is reused until they change.',
		...copyLines(steps.copy),
		`RUN ${install.join(' \\\n    && ')}`,
		'',
		`# Runtime stage: the same Python${choices.flavor === 'distroless' ? ' (distroless: no shell, no package manager)' : ''}, without build tools.`,
		`FROM ${spec.runtimeImage}`,
		'ENV PATH=/opt/venv/bin:$PATH \\\n    PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1',
	);
	if (runtimePackages.length > 0 && spec.runtimeInstall) {
		lines.push(`RUN ${spec.runtimeInstall(runtimePackages)}${spec.addUser ? ` \\\n    && ${spec.addUser}` : ''}`);
	} else if (spec.addUser) {
		lines.push(`RUN ${spec.addUser}`);
	}

	lines.push(
		'COPY --from=builder /opt/venv /opt/venv',
		'WORKDIR /app',
		`COPY --chown=${spec.user} . .`,
		`USER ${spec.user}`,
		`EXPOSE ${choices.port}`,
		`${spec.startInstruction} ${execForm(spec.cmd(choices.port, choices.wsgiTarget, chdir))}`,
	);

	return {text: lines.join('\n') + '\n', steps, spec, buildPackages, runtimePackages, copiedFiles: steps.copy};
}
