// npm run bench [-- --runs N] [--fixtures a,b] [--variants naive,dockwiz-slim] [--render]
// For each project: the naive Dockerfile, the article's recipe on slim, docker init's template
// and dockwiz's slim and distroless proposals, built on one engine with one builder; tables on
// stdout, bench/results.md, bench/results.json and media/bench.svg (+ .png).
// --render renders the files again from bench/results.json without building; --smoke redoes
// the HTTP checks of bench/results.json (see smoke-pass.ts).
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {dependencyChangeFor} from '../source/advice/dependency-change.js';
import {scanProject} from '../source/analysis/index.js';
import {materializeDemo} from '../source/demo.js';
import {connectEngine, type Builder} from '../source/engine/index.js';
import {editFileFor} from '../source/work.js';
import {benchChart} from './chart.js';
import {measureVariants} from './measure-variants.js';
import {smokeAgain} from './smoke-pass.js';
import {allChecks, checkLine, explainMiss, machineLine, resultsMarkdown, summaryMarkdown, textTable} from './render.js';
import type {BenchResults, FixtureResult} from './results.js';
import {variantOrder, variantsFor} from './variants.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const shapes: Record<string, string> = {
	demo: 'the bundled demo app (with .git, .venv, __pycache__, a .env and a 25 MB data file)',
	'single-file': 'a single-file Flask app',
	'factory-package': 'a package with an application factory, create_app()',
	'pyproject-app': 'a pyproject.toml (PEP 621) project',
	'native-ext': 'a project with a local C extension that pip compiles',
	'demo-without-data': 'the demo app with its 25 MB data file (data/sample.csv) deleted: where the demo\'s wins over docker init come from',
};
/** The demo's large data file, which dockwiz's .dockerignore leaves out and docker init's sends. */
const demoDataFile = 'data/sample.csv';
/** demo-without-data builds only what its comparison needs. */
const withoutDataVariants = new Set(['docker-init', 'dockwiz-slim']);
const allFixtures = Object.keys(shapes);

const {values} = parseArgs({
	options: {
		runs: {type: 'string', default: '5'},
		fixtures: {type: 'string', default: allFixtures.join(',')},
		variants: {type: 'string', default: variantOrder.join(',')},
		render: {type: 'boolean', default: false},
		smoke: {type: 'boolean', default: false},
	},
});

const jsonPath = path.join(here, 'results.json');

async function renderPng(svg: string, file: string): Promise<void> {
	const {Resvg} = await import('@resvg/resvg-js');
	const png = new Resvg(svg, {background: '#ffffff', fitTo: {mode: 'zoom', value: 2}, font: {loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans'}}).render().asPng();
	fs.writeFileSync(file, png);
}

async function writeOutputs(results: BenchResults): Promise<void> {
	fs.writeFileSync(path.join(here, 'results.md'), resultsMarkdown(results));
	fs.mkdirSync(path.join(repo, 'media'), {recursive: true});
	const svg = benchChart(results);
	fs.writeFileSync(path.join(repo, 'media', 'bench.svg'), svg);
	await renderPng(svg, path.join(repo, 'media', 'bench.png'));
	console.log('\nWrote bench/results.md, bench/results.json, media/bench.svg and media/bench.png');
}

function printChecks(results: BenchResults): void {
	console.log('\nTargets:');
	for (const check of allChecks(results)) {
		const why = check.pass ? undefined : explainMiss(check, results);
		console.log(`  ${checkLine({...check, why})}`);
	}
}

if (values.render) {
	const results = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as BenchResults;
	for (const fixture of results.fixtures) {
		console.log(`\n${textTable(fixture)}`);
	}

	printChecks(results);
	console.log(`\nFor the readme:\n\n${summaryMarkdown(results)}`);
	await writeOutputs(results);
	process.exit(0);
}

if (values.smoke) {
	const results = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as BenchResults;
	const connected = await connectEngine();
	if (!connected.ok) {
		console.error(connected.message);
		process.exit(1);
	}

	const keepAlive = setInterval(() => undefined, 60_000);
	const chosen = values.fixtures.split(',');
	for (const fixture of results.fixtures.filter(f => chosen.includes(f.name))) {
		console.log(`== ${fixture.name}: HTTP check again`);
		const demo = fixture.name === 'demo' ? await materializeDemo() : null;
		try {
			await smokeAgain(connected.engine, fixture, demo?.dir ?? path.join(here, 'fixtures', fixture.name), line => console.log(line), new AbortController().signal);
		} finally {
			await demo?.cleanup();
		}
	}

	const note = `The engine's bridge network disappeared during the measured run (another user of the engine), so its HTTP checks could not start containers: they were done again afterwards with \`npm run bench -- --smoke\`, each variant rebuilt from its recorded Dockerfile with the cache and run on the host network at the app's port. Sizes, times, layers and context bytes are from the measured run.`;
	results.notes = [...new Set([...(results.notes ?? []), note])];
	clearInterval(keepAlive);
	fs.writeFileSync(jsonPath, JSON.stringify(results, null, '\t') + '\n');
	printChecks(results);
	await writeOutputs(results);
	process.exit(0);
}

const runs = Math.max(1, Math.floor(Number(values.runs)));
const chosen = values.fixtures.split(',').map(name => name.trim()).filter(Boolean);
const unknown = chosen.filter(name => !allFixtures.includes(name));
if (unknown.length > 0 || !Number.isFinite(runs)) {
	console.error(`Unknown fixture ${unknown.join(', ')}: choose from ${allFixtures.join(', ')}; --runs takes a number.`);
	process.exit(2);
}

const connected = await connectEngine();
if (!connected.ok) {
	console.error(`${connected.message} (npm run engine:up brings up the test engine, index and images.)`);
	process.exit(1);
}

const {engine} = connected;
// docker-init-style needs BuildKit (RUN --mount): every variant is built with it, so all share one builder.
const builder: Builder = 'buildkit';
if (!engine.info.builders.includes('buildkit')) {
	console.error(`This engine (API ${engine.info.apiVersion}) offers no BuildKit, which the docker-init-style Dockerfile needs.`);
	process.exit(1);
}

const network = 'host';
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const machine = {
	cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
	cores: os.cpus().length,
	memoryBytes: os.totalmem(),
	os: `${os.type()} ${os.release()}`,
	engineVersion: engine.info.engineVersion,
	apiVersion: engine.info.apiVersion,
	builder: 'BuildKit',
	network,
};
console.log(`${machineLine({date: '', runs, machine, fixtures: []})}`);
console.log('The article\'s recipe is built on python:3.11-slim: no alpine image can be had offline.');

// While the smoke test waits for an app, the process can hold no ref'd handle: without this
// timer node would exit mid-measurement (code 13) and leave the bench's images behind.
const keepAlive = setInterval(() => undefined, 60_000);
// The base images are shared stand-ins on a shared engine: when one has gone (another user's test
// removed it), scripts/engine-up.sh makes it again before the next run, and the results say so.
const baseImagesNeeded = ['python:3.11', 'python:3.11-slim', 'debian:12-slim', 'gcr.io/distroless/python3-debian12'];
const runNotes: string[] = [];
async function ensureBaseImagesPresent(): Promise<void> {
	const missing = baseImagesNeeded.filter(image => spawnSync('docker', ['image', 'inspect', image], {stdio: 'ignore'}).status !== 0);
	if (missing.length === 0) return;
	console.log(`  (${missing.join(', ')} gone from the engine: scripts/engine-up.sh makes ${missing.length === 1 ? 'it' : 'them'} again)`);
	const up = spawnSync('bash', [path.join(repo, 'scripts', 'engine-up.sh')], {stdio: ['ignore', 'ignore', 'inherit']});
	runNotes.push(`${missing.join(', ')} disappeared from the shared engine during the run (removed by another user of the engine) and ${up.status === 0 ? 'was made again' : 'could not be made again'} by scripts/engine-up.sh before the next run (${new Date().toISOString().slice(11, 16)} UTC).`);
}

// Other engineers build on the same engine: the load average is sampled and reported.
const loadSamples: number[] = [os.loadavg()[0]];
const loadTimer = setInterval(() => loadSamples.push(os.loadavg()[0]), 15_000);
const fixtures: FixtureResult[] = [];
const startedAt = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const started = performance.now();
for (const name of chosen) {
	const demo = name === 'demo' || name === 'demo-without-data' ? await materializeDemo() : null;
	try {
		const root = demo?.dir ?? path.join(here, 'fixtures', name);
		if (name === 'demo-without-data') {
			// The bench's own temporary copy of the demo, never a user's folder.
			await rm(path.join(root, ...demoDataFile.split('/')));
		}

		const report = await scanProject(root);
		const requirements = await readFile(path.join(root, 'requirements.txt'), 'utf8').catch(() => null);
		const chosenVariants = values.variants.split(',');
		const variants = variantsFor(report, requirements)
			.filter(variant => chosenVariants.includes(variant.name) || (variant.name === 'docker-init-edited' && chosenVariants.includes('docker-init')))
			.filter(variant => name !== 'demo-without-data' || withoutDataVariants.has(variant.name))
			// Without the data file only the size and the warm rebuild are compared.
			.map(variant => (name === 'demo-without-data' ? {...variant, measure: {warm: true, dependency: false, firstAnswerEveryRun: false, warmCacheCold: false}} : variant));
		const editFile = editFileFor(report);
		const dependencyChange = dependencyChangeFor(report);
		console.log(`\n== ${name}: ${shapes[name]}; ${runs} ${runs === 1 ? 'run' : 'runs'}; dependency change: ${dependencyChange.ok ? `${dependencyChange.packageName} added to ${dependencyChange.file}` : `none (${dependencyChange.reason})`}`);
		const measured = await measureVariants(engine, variants, {fixture: name, root, editFile, dependencyChange, port: report.port, runs, builder, network, log: line => console.log(line), signal: controller.signal, beforeRun: ensureBaseImagesPresent});
		const fixture: FixtureResult = {
			name,
			shape: shapes[name],
			wsgiTarget: report.wsgiTarget,
			manager: report.dependencies.manager,
			port: report.port,
			editFile,
			dependencyChange: dependencyChange.ok ? {packageName: dependencyChange.packageName, file: dependencyChange.file} : {reason: dependencyChange.reason},
			variants: measured,
		};
		fixtures.push(fixture);
		console.log(`\n${textTable(fixture)}`);
		// Partial results after each project, so an interrupted run still leaves what it measured.
		fs.writeFileSync(path.join(here, 'results.partial.json'), JSON.stringify({date: startedAt, runs, machine, fixtures}, null, '\t') + '\n');
	} finally {
		await demo?.cleanup();
	}

	if (controller.signal.aborted) {
		break;
	}
}

clearInterval(loadTimer);
loadSamples.push(os.loadavg()[0]);
const minutes = (performance.now() - started) / 60_000;
const sortedLoad = [...loadSamples].sort((a, b) => a - b);
const load = {samples: sortedLoad.length, min: sortedLoad[0], median: sortedLoad[Math.floor(sortedLoad.length / 2)], max: sortedLoad.at(-1) ?? 0};
const results: BenchResults = {date: startedAt, runs, minutes, load, machine, fixtures, ...(runNotes.length > 0 ? {notes: runNotes} : {})};
console.log(`\nAll builds took ${minutes.toFixed(1)} min; load average (1 min) ${load.min.toFixed(1)}–${load.max.toFixed(1)}, median ${load.median.toFixed(1)}.`);
printChecks(results);
fs.writeFileSync(jsonPath, JSON.stringify(results, null, '\t') + '\n');
fs.rmSync(path.join(here, 'results.partial.json'), {force: true});
await writeOutputs(results);
clearInterval(keepAlive);
