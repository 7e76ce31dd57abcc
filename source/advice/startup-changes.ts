// The changes (title + why) and warnings that the start-up plan brings: each says what the
// proposal does about something the project's own files showed, and where it saw it.
import type {Change, ProjectReport, ProposalChoices, StartStep} from '../types.js';
import type {StartupPlan} from './startup-plan.js';
import {setuptoolsSpec} from './startup-plan.js';
import {commandLine, commandsNotRun} from './init-commands.js';
import {appUid, distrolessUid} from './flavors.js';
import {asgiServerPlan} from './asgi-server.js';

/** Set-up commands the proposed image does not run, with the command line that runs each. */
function setupNotRun(report: ProjectReport, plan: StartupPlan, choices: ProposalChoices): Array<{command: string; env: string; where: string; detail: string}> {
	// The proposal runs what the kept start script runs; a dropped script's steps are named by its own change.
	return commandsNotRun(report, plan.startScript ? plan.startScript.facts.file : '').map(command => {
		const env = plan.pythonpath && command.runner === 'flask' && !plan.flaskApp ? `-e PYTHONPATH=${plan.pythonpath.replaceAll(',', ':')} ` : '';
		return {command: commandLine(command, choices.wsgiTarget), env, where: `${command.evidence.file}:${command.evidence.line ?? '?'}`, detail: command.evidence.detail};
	});
}

function stepList(steps: StartStep[]): string {
	return steps.map(step => `\`${step.command}\` (line ${step.line}${step.kind === 'other' ? '' : `, ${step.kind}`})`).join(', ');
}

export function startupChanges(report: ProjectReport, choices: ProposalChoices, plan: StartupPlan): Change[] {
	const changes: Change[] = [];
	if (plan.setuptoolsReasons.length > 0) {
		changes.push({
			title: `\`${setuptoolsSpec}\` installed into the venv for pkg_resources`,
			why: `${plan.setuptoolsReasons.join('; ')}. The venv is made without pip or setuptools, and setuptools 82 removed pkg_resources: without this the server stops at start with "No module named 'pkg_resources'". It adds about 9 MB, only to projects that need it.`,
			impact: 'correctness',
		});
	}

	const folders = plan.ownedFolders.slice(1).map(folder => folder.replace(/^\/app\//, ''));
	changes.push({
		title: `/app${folders.length > 0 ? ` and ${folders.join(', ')}` : ''}${plan.ownedFiles.length > 0 ? `, ${plan.ownedFiles.join(', ')}` : ''} owned by the app's user`,
		why: `WORKDIR makes /app as root and COPY --chown leaves an existing folder's owner alone, so a non-root app could not create files there (Flask's instance/ folder, SQLite databases, uploads, logs: PermissionError).${folders.length + plan.ownedFiles.length > 0 ? ` The code writes to ${[...folders, ...plan.ownedFiles].join(', ')} (${(report.startup?.writablePaths ?? []).slice(0, 3).map(entry => `${entry.evidence.file}:${entry.evidence.line}`).join(', ')}): made in advance, owned by the user.` : ''}`,
		impact: 'correctness',
		rule: 'DW007',
	});

	// uvicorn and hypercorn never read gunicorn's config, nor PORT by themselves: their command passes it.
	const server = asgiServerPlan(report)?.server ?? 'gunicorn';
	const config = server === 'gunicorn' ? plan.config : null;
	if (config?.mode === 'bypass') {
		changes.push({
			title: `${config.facts.file} bypassed (\`--config /dev/null\`)`,
			why: `gunicorn loads ./${config.facts.file} by itself, and this one breaks in a container: ${config.facts.breaks.map(item => `line ${item.line} ${item.detail}`).join('; ')}. The command line gives gunicorn what it needs instead; fix the file and drop \`--config /dev/null\` to use it again.`,
			impact: 'correctness',
		});
	} else if (config) {
		const kept = config.facts.settings.filter(name => name !== 'bind');
		changes.push({
			title: `${config.facts.file} used as gunicorn's config`,
			why: `gunicorn loads ./${config.facts.file} from /app by itself; nothing in it breaks a container${kept.length > 0 ? `, so its settings (${kept.slice(0, 6).join(', ')}) apply` : ''}.${config.facts.bind && !plan.bindFromPort ? ` Its bind (line ${config.facts.bind.line}) is overridden by --bind 0.0.0.0:${choices.port}, and PORT is not read: make bind read PORT to honour it.` : ''}`,
			impact: 'correctness',
		});
	}

	if (server !== 'gunicorn') {
		changes.push(choices.flavor === 'distroless'
			? {title: `\`ENV PORT=${choices.port}\`; ${server} listens on ${choices.port}`, why: `${server} does not read PORT, and distroless has no shell to pass it: a platform that injects another PORT must be told to use ${choices.port}.`, impact: 'correctness'}
			: {title: `\`ENV PORT=${choices.port}\`: the start command passes $PORT to ${server}`, why: `${server} does not read PORT itself: \`sh -c 'exec ${server} ... ${server === 'uvicorn' ? `--port "\${PORT:-${choices.port}}"` : `--bind 0.0.0.0:\${PORT:-${choices.port}}`}'\` does, and exec leaves ${server} as PID 1 to receive the stop signals. Platforms that inject PORT (Cloud Run, Render, Heroku, Fly) then get the port they ask for; elsewhere it is ${choices.port}.`, impact: 'correctness'});
	} else if (plan.bindFromPort) {
		changes.push({
			title: `\`ENV PORT=${choices.port}\`: gunicorn binds 0.0.0.0:$PORT`,
			why: `gunicorn binds 0.0.0.0:$PORT by itself when PORT is set and no --bind is given. Platforms that inject PORT (Cloud Run, Render, Heroku, Fly) then get the port they ask for; elsewhere it is ${choices.port}.`,
			impact: 'correctness',
		});
	}

	if (plan.pythonpath) {
		const folders = plan.pythonpath.split(',').map(folder => `${folder.replace(/^\/app\//, '')}/`).join(' and ');
		const imported = (report.startup?.importRoots ?? []).map(root => `${root.evidence.file}:${root.evidence.line ?? '?'} imports ${root.packages.join(', ')} from ${root.folder}/`);
		changes.push({
			title: `Imports the app from ${folders} with ${server === 'gunicorn' ? '--pythonpath' : 'PYTHONPATH'}; the working directory stays /app`,
			why: `${imported.length > 0 ? `${imported.join('; ')}, which Python does not find from /app alone (ModuleNotFoundError). ` : `The package lives in ${folders}. `}--chdir there would make relative paths the app reads (config files, data, SQLite) resolve in the wrong folder; --pythonpath only adds the import path.`,
			impact: 'correctness',
		});
	}

	if (plan.chdir) {
		changes.push({
			title: `Starts in ${plan.chdir.replace(/^\/app\//, '')}/ (--chdir), as the project's own command does`,
			why: 'The project starts its server from that folder, so its relative paths are written for it.',
			impact: 'correctness',
		});
	}

	const script = plan.startScript;
	if (script) {
		const steps = stepList(script.facts.steps);
		const why = {
			entrypoint: `${script.facts.file} ends with \`exec "$@"\`: it runs its start-up steps${steps ? ` (${steps})` : ''}, then the CMD, which stays PID 1.`,
			inline: `${script.facts.file} runs ${steps} before its own server command; the ENTRYPOINT runs them too, then execs the proposed server (PID 1, gets SIGTERM).${plan.flaskApp ? ` FLASK_APP names the app for the flask command.` : ''}`,
			whole: `${script.facts.file} runs ${steps} with loops or conditions, then starts gunicorn itself: it is kept whole as the ENTRYPOINT, so its own server command (not the one proposed here) starts the app.`,
			dropped: `${script.facts.file} runs ${steps}, which ${choices.flavor === 'distroless' ? 'a distroless image cannot run (no shell)' : 'cannot be run outside the script (loops or conditions) and it starts no gunicorn'}: run them as a one-off job before each release (\`docker run IMAGE ...\`) or choose slim.`,
		}[script.mode];
		// Debian's sh is dash: a #!/bin/sh script written for Alpine's ash may use bash-only syntax.
		const shell = script.entrypoint?.[0] === 'bash' && script.facts.bashisms ? ` Run with bash, not sh: it uses ${script.facts.bashisms.join(', ')}, which Debian's /bin/sh (dash) rejects ("[[: not found").` : '';
		changes.push({
			title: script.mode === 'dropped' ? `Start-up steps of ${script.facts.file} NOT run by the image: ${script.facts.steps.map(step => step.command).join('; ')}` : `Start-up steps kept: ${script.facts.file} ${script.mode === 'inline' ? `(${script.facts.steps.map(step => step.command).join('; ')})` : 'as the ENTRYPOINT'}`,
			why: `${why}${shell}`,
			impact: 'correctness',
		});
	}

	for (const setup of setupNotRun(report, plan, choices)) {
		changes.push({
			title: `The image does not run \`${setup.command}\`: run it once`,
			why: `${setup.where} ${setup.detail}, and only this command makes the database tables: a fresh container answers 500 ("no such table") until it runs. Run it once against the database the container uses (docker exec ${setup.env}CONTAINER ${setup.command} while it runs, or docker run --rm ${setup.env}with the app's database settings and volumes IMAGE ${setup.command}), or add it to an entrypoint if it is safe to repeat. It is not run at every start: an init command that drops its tables would wipe the data on each restart.`,
			impact: 'correctness',
		});
	}

	const release = report.startup?.releaseSteps ?? [];
	if (release.length > 0) {
		changes.push({
			title: `Procfile release steps NOT run by the image: ${release.map(step => step.command).join('; ')}`,
			why: `The platform runs \`release:\` (${stepList(release)}) once before each deploy; an image has no release phase. Run ${release.length === 1 ? 'it' : 'them'} as a one-off job from the new image before starting it (docker run --rm IMAGE ${release[0].command}).`,
			impact: 'correctness',
		});
	}

	return changes;
}

export function startupWarnings(report: ProjectReport, plan: StartupPlan, choices: ProposalChoices): string[] {
	const warnings: string[] = [];
	if (choices.port > 0 && choices.port < 1024) {
		// The proposal keeps the port the project uses (its clients and EXPOSE expect it) and says where it fails.
		const user = choices.flavor === 'distroless' ? distrolessUid : appUid;
		warnings.push(`Port ${choices.port} is below 1024 and the image runs as a non-root user (${user}): on Docker's own bridge network it binds (Docker 20.10 and later set net.ipv4.ip_unprivileged_port_start=0 in the container), but with --network host, on an older engine or on a platform that runs the image without that setting, ${asgiServerPlan(report)?.server ?? 'gunicorn'} stops with "Permission denied". Prefer a port at 1024 or above (8000) and publish it as ${choices.port} (docker run -p ${choices.port}:8000).`);
	}

	const script = plan.startScript;
	if (script?.mode === 'dropped') {
		warnings.push(`The existing start script ${script.facts.file} runs ${stepList(script.facts.steps)} before the server; the proposed image does not run them. Run them as a one-off job, or keep the script (see the changes).`);
	}

	if (script?.entrypoint?.[0] === 'bash' && choices.flavor === 'alpine') {
		warnings.push(`${script.facts.file} asks for bash, which Alpine does not have: add bash to the runtime (apk add --no-cache bash) or choose slim.`);
	}

	for (const setup of setupNotRun(report, plan, choices)) {
		warnings.push(`The image does not run \`${setup.command}\` (${setup.where}): until it runs once, the database has no tables. Run it once (docker exec ${setup.env}CONTAINER ${setup.command}) or add it to an entrypoint if it is safe to repeat.`);
	}

	const release = report.startup?.releaseSteps ?? [];
	if (release.length > 0) {
		warnings.push(`The Procfile's release phase runs ${stepList(release)}; an image never does. Run ${release.length === 1 ? 'it' : 'them'} as a one-off job before starting the new image.`);
	}

	return warnings;
}
