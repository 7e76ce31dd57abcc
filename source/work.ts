// Wires analysis, advice, engine and report into the `Work` the wizard and the headless
// runner sequence. The only module that knows all four; each stays ignorant of the others.
import path from 'node:path';
import {dependencyChangeFor} from './advice/dependency-change.js';
import {findingsFor, naiveBaseline, propose, smokeEnvironment} from './advice/index.js';
import {auditContext, maskStrings, scanProject} from './analysis/index.js';
import {baseImageNotes, connectEngine, defaultPullSettings, measure, type Engine, type MeasurePlan} from './engine/index.js';
import {renderMarkdown} from './report/markdown.js';
import {UserError, type EngineInfo, type Options, type ProjectReport, type Proposal, type Work} from './types.js';
import {editInEditor} from './flow/edit-in-editor.js';
import {saveReportFile, writeProposal} from './write-files.js';
import {explainProposal} from './explain-work.js';
import {chartMarker, explainSvg} from './report/explain-svg.js';
import {requireDjangoApplication} from './advice/django-plan.js';

const frameworkNames: Record<string, string> = {django: 'a Django project', fastapi: 'a FastAPI app'};

/** Anything but a Flask project ends here, with what was found and what to do. */
export function requireFlask(report: ProjectReport): void {
	if (report.framework === 'flask' || report.framework === 'fastapi') return;
	if (report.framework === 'django') {
		requireDjangoApplication(report);
		return;
	}

	const found = frameworkNames[report.framework];
	if (found) {
		const where = report.frameworkEvidence[0];
		const evidence = where ? ` (${where.file}${where.line ? `:${where.line}` : ''}: ${where.detail})` : '';
		throw new UserError(`${report.root} holds ${found}${evidence}. dockwiz supports Flask apps today; run it in a Flask project.`);
	}

	throw new UserError(`No Flask app found in ${report.root}: no module creates Flask(__name__) and no dependency names flask. Run dockwiz in your Flask project's folder, or give its path: dockwiz path/to/project.`);
}

/** The application file the warm rebuild edits: the WSGI module, else any source file. */
export function editFileFor(report: ProjectReport): string {
	const candidate = report.wsgiCandidates.find(c => c.target === (report.wsgiTarget ?? report.asgiTarget)) ?? report.wsgiCandidates[0];
	const fromCandidate = candidate?.evidence.find(e => e.file.endsWith('.py') && report.sourceFiles.includes(e.file))?.file;
	return fromCandidate ?? report.sourceFiles.find(file => file.endsWith('.py')) ?? report.sourceFiles[0] ?? 'app.py';
}

/** What measure() needs: the existing files (or the naive baseline) before, the proposal after. */
export function measurePlanFor(report: ProjectReport, proposal: Proposal, options: Pick<Options, 'runs' | 'network' | 'keepImages' | 'pull'>): MeasurePlan {
	return {
		root: report.root,
		before: report.dockerfile
			? {dockerfile: report.dockerfile.text, dockerignore: report.dockerignore?.text ?? null, baseline: false}
			: {dockerfile: naiveBaseline(report, proposal.choices.python), dockerignore: report.dockerignore?.text ?? null, baseline: true},
		after: {dockerfile: proposal.dockerfile, dockerignore: proposal.dockerignore},
		editFile: editFileFor(report),
		dependencyChange: dependencyChangeFor(report),
		port: proposal.choices.port,
		// The app reads these at import without a default: the test run gives placeholders (never the image).
		smokeEnv: smokeEnvironment(report),
		runs: options.runs,
		network: options.network,
		keepImages: options.keepImages,
		// Credentials as the Docker CLI finds them ($DOCKER_CONFIG, ~/.docker/config.json, helpers).
		pull: defaultPullSettings(options.pull ?? 'missing', process.env),
	};
}

export type WorkExtras = {
	/** The engine that measured, once connected (for the report's header). */
	engineInfo(): EngineInfo | undefined;
};

/** Rejects when `signal` aborts: a step that cannot itself be stopped is no longer waited for. */
function stopped(signal: AbortSignal): Promise<never> {
	return new Promise((_resolve, reject) => {
		const abort = () => reject(Object.assign(new Error('The run was stopped.'), {name: 'AbortError'}));
		if (signal.aborted) abort();
		else signal.addEventListener('abort', abort, {once: true});
	});
}

/** `interrupt`: the run's stop (stop.ts); after it, the scan is let go and nothing is written. */
export function createWork(options: Options, interrupt: AbortSignal = new AbortController().signal): Work & WorkExtras {
	let engine: Engine | undefined;
	// One attempt per run: asked before advising (which builder), for base image notes and by
	// measure(), the engine is dialled once; a failed attempt is forgotten, so a later one dials again.
	let connection: ReturnType<typeof connectEngine> | undefined;
	const connect = () => {
		connection ??= connectEngine(process.env);
		return connection;
	};

	const connected = async (): Promise<Engine> => {
		const result = await connect();
		if (!result.ok) {
			connection = undefined;
			throw new UserError(result.message);
		}

		return result.engine;
	};

	return {
		async scan(onProgress, signal) {
			// The scan only reads; stopped, it is left to finish unseen while the run ends.
			const either = AbortSignal.any([interrupt, ...(signal ? [signal] : [])]);
			const report = await Promise.race([scanProject(options.dir, onProgress), stopped(either)]);
			requireFlask(report);
			return report;
		},

		advise(report, choices) {
			return {findings: findingsFor(report, choices.python, options.rules), proposal: propose(report, choices)};
		},

		async measure(report, proposal, onEvent, signal, sides) {
			engine ??= await connected();

			onEvent({type: 'engine', info: engine.info});
			// Build steps and logs echo the Dockerfile (`ENV TOKEN=...`): every event is masked before any renderer sees it.
			const plan = {...measurePlanFor(report, proposal, options), ...(sides ? {sides} : {})};
			const measured = await measure(engine, plan, event => onEvent(maskStrings(event)), signal);
			// The report names the engine (an ssh:// user@host is the user's own, not a secret).
			return maskStrings({...measured, engine: engine.info});
		},

		async write(report, proposal) {
			return writeProposal(report.root, [
				{path: 'Dockerfile', content: proposal.dockerfile},
				{path: '.dockerignore', content: proposal.dockerignore},
			], {dryRun: options.dryRun, signal: interrupt});
		},

		async saveReport(file, report) {
			const target = path.resolve(file);
			// The waterfall chart goes in the report's folder, named after it: report.md -> report-explain.svg.
			const chart = report.explain ? `${path.basename(target).replace(/\.md$/i, '')}-explain.svg` : undefined;
			const markdown = renderMarkdown(report, {date: new Date().toISOString().slice(0, 10), explainChart: chart});
			if (options.dryRun) return target;
			if (report.explain && chart) await saveReportFile(path.join(path.dirname(target), chart), explainSvg(report.explain), interrupt, chartMarker);
			await saveReportFile(target, markdown, interrupt);
			return target;
		},

		async explain(report, proposal, onEvent, signal) {
			engine ??= await connected();
			return explainProposal(engine, report, proposal, measurePlanFor(report, proposal, options), onEvent, signal);
		},

		engineInfo: () => engine?.info,

		async baseImageNotes(dockerfile) {
			// A note, never a failure: with no engine answering, the build step says why.
			if (!engine) {
				const result = await connect().catch(() => null);
				if (!result?.ok) return [];
				engine = result.engine;
			}

			return baseImageNotes(engine, dockerfile, process.env).catch(() => []);
		},
		// Synchronous up to the editor's exit, on purpose (see edit-in-editor.ts).
		editText: async (file, text) => editInEditor(file, text),
		async engineBuilders() {
			// An engine that does not answer is reported by measure(), with what to do.
			const result = await connect().catch(() => null);
			return result?.ok ? result.engine.info.builders : null;
		},

		async auditProposed(report, proposal) {
			const {bytes, files, ignoredBytes, ignoredFiles, largest, secrets} = await auditContext(report.root, proposal.dockerignore);
			return {bytes, files, ignoredBytes, ignoredFiles, largest, secrets};
		},
	};
}
