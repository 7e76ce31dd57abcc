import path from 'node:path/posix';
import {localRequirementFolder} from '../analysis/local-package-needs.js';
import {maskSecrets, maskStrings} from '../analysis/mask-secrets.js';
import type {Proposal, ProjectReport, ProposalChoices} from '../types.js';
import {changesFor} from './changes.js';
import {leftOutWarning, uncopyable, withoutFiles, type LeftOut} from './copy-check.js';
import {unifiedDiff} from './diff.js';
import {proposeDockerignore} from './dockerignore.js';
import {distrolessPython} from './flavors.js';
import {generateDockerfile} from './generate-dockerfile.js';
import {compiledNeeds, muslCompiled} from './rule-helpers.js';
import {startupWarnings} from './startup-changes.js';
import {requiredEnvWarnings} from './required-env.js';
import {pythonMarkerWarnings} from './python-markers.js';
import {djangoWarnings} from './django-plan.js';

/** The proposal: a Dockerfile and .dockerignore, every change with its reason, warnings, diffs. */
export function propose(scanned: ProjectReport, choices: ProposalChoices): Proposal {
	let report = scanned;
	let generated = generateDockerfile(report, choices);
	let dockerignore = proposeDockerignore(report, generated.copiedFiles);
	// A COPY of a file the context will not hold fails the build: propose again without it (twice at most:
	// leaving out a requirements file can only shrink the list the next proposal copies).
	const leftOut: LeftOut[] = [];
	for (let round = 0; round < 3; round++) {
		const missing = uncopyable(report, generated.copiedFiles, dockerignore.text);
		if (missing.length === 0) {
			break;
		}

		leftOut.push(...missing);
		report = withoutFiles(report, missing);
		generated = generateDockerfile(report, choices);
		dockerignore = proposeDockerignore(report, generated.copiedFiles);
	}

	const warnings = [...(leftOut.length > 0 ? [leftOutWarning(leftOut, generated.copiedFiles.some(file => /\.(txt|in)$/.test(file)) && leftOut.some(entry => /\.(txt|in)$/.test(entry.file)))] : []), ...generated.steps.warnings, ...startupWarnings(report, generated.startup, choices), ...requiredEnvWarnings(report), ...pythonMarkerWarnings(report, choices.python), ...djangoWarnings(report), ...dockerignore.notes];
	const factory = report.wsgiCandidates.find(candidate => candidate.target === choices.wsgiTarget && (candidate.needsArguments?.length ?? 0) > 0);
	if (factory?.needsArguments && report.framework === 'fastapi') {
		const where = factory.evidence[0];
		warnings.push(`The ASGI server calls ${choices.wsgiTarget.split(':')[1]} with no arguments, but it needs ${factory.needsArguments.join(', ')}${where ? ` (${where.file}${where.line ? `:${where.line}` : ''})` : ''}: the container would exit with TypeError. Give the parameters defaults, or make the app at import (\`app = ${choices.wsgiTarget.split(':')[1].replace(/\(\)$/, '')}(...)\`) and serve that.`);
	} else if (factory?.needsArguments) {
		const [module, call] = choices.wsgiTarget.split(':');
		const name = call.replace(/\(\)$/, '');
		const where = factory.evidence[0];
		warnings.push(`gunicorn calls ${name}() with no arguments, but ${name} needs ${factory.needsArguments.join(', ')}${where ? ` (${where.file}${where.line ? `:${where.line}` : ''})` : ''}: the container would exit with TypeError. Give the parameters defaults, serve an app made at import (\`app = ${name}("production")\` in wsgi.py, target wsgi:app), or pass literals in the target, e.g. ${module}:${name}("production") (gunicorn 20.1+).`);
	}

	if (report.framework === 'fastapi' && !report.asgiTarget) {
		warnings.push(`No FastAPI/Starlette app object was found; the proposal serves \`${choices.wsgiTarget}\`. Choose the right target (module:variable) before building.`);
	} else if (!report.wsgiTarget && report.framework !== 'fastapi') {
		warnings.push(`No WSGI application was found; the proposal serves \`${choices.wsgiTarget}\`. Choose the right target (module:variable) before building.`);
	}

	// A version the project states (runtime.txt, requires-python...) that the image will not run: say so, whichever way it was chosen.
	const declared = /^(3\.\d{1,2})/.exec(report.python.version)?.[1];
	if (report.python.source !== 'default' && declared && declared !== choices.python) {
		warnings.push(`The project declares Python ${declared} (${report.python.source}); the proposed image runs Python ${choices.python}. Check the code and its dependencies on ${choices.python}, or choose ${declared}.`);
	}

	if (report.framework !== 'flask' && report.framework !== 'unknown' && report.framework !== 'fastapi' && report.framework !== 'django') {
		warnings.push(`This looks like a ${report.framework} project; the proposal is made for Flask-style WSGI apps served by gunicorn.`);
	}

	if (choices.flavor === 'alpine') {
		const compiled = muslCompiled(report.dependencies.packages.map(item => item.name), compiledNeeds(report.nativeNeeds));
		warnings.push(compiled.length > 0
			? `Alpine uses musl: ${compiled.join(', ')} may compile from source there (slow builds, compilers in the builder). python:${choices.python}-slim avoids that.`
			: 'Alpine uses musl: packages without a musl wheel compile from source there. None of the current dependencies is known to, but slim is the safer default.');
	}

	if (choices.flavor === 'distroless') {
		if (choices.python !== distrolessPython) {
			warnings.push(`The distroless Debian 12 image has Python ${distrolessPython} only, not ${choices.python}: the image runs ${distrolessPython}. Choose slim to get ${choices.python}.`);
		}

		if (generated.runtimePackages.length > 0) {
			warnings.push(`Distroless has no package manager: the runtime libraries ${generated.runtimePackages.join(', ')} are not installed. Copy them from the builder or choose slim.`);
		}
	}

	const copiedFolders = new Set(generated.copiedFiles.filter(file => file.endsWith('/')).map(folder => folder.slice(0, -1)));
	const notCopied = report.dependencies.packages.filter(item => item !== generated.steps.projectItself && (item.url?.startsWith('.') || item.url?.startsWith('file:')) && !copiedFolders.has(path.normalize(localRequirementFolder(item) ?? '/')));
	if (notCopied.length > 0) {
		warnings.push('Some dependencies are local paths; they are not copied before the install. Check the builder stage.');
	}

	return {
		dockerfile: generated.text,
		dockerignore: dockerignore.text,
		// What is only shown is masked: the diff quotes the existing Dockerfile's lines (`ENV TOKEN=...`).
		changes: maskStrings(changesFor(report, choices, generated, dockerignore)),
		warnings: maskStrings(warnings),
		choices,
		diff: {
			dockerfile: report.dockerfile ? maskSecrets(unifiedDiff(report.dockerfile.text, generated.text, report.dockerfile.path)) : '',
			dockerignore: report.dockerignore ? maskSecrets(unifiedDiff(report.dockerignore.text, dockerignore.text, report.dockerignore.path)) : '',
		},
	};
}
