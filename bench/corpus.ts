// Runs the built dockwiz over a folder of real apps, one subfolder each, and prints a table:
// app, built, answered, seconds, cause. For each app: copy it to a temporary folder, relax
// its dependency files to what the offline index serves (each relaxation printed), run
// `node dist/cli.js <copy> --json --yes --python 3.11 --network host`, and read the JSON
// report's `builds.after`. The apps themselves live outside this repository; an optional
// `expect.json` beside each (`<name>.expect.json` in the corpus folder, or `expect.json`
// inside the app) names the route worth probing and the services the app needs:
//   {"route": "/", "services": ["postgres"], "note": "..."}
// Usage: node --import tsx bench/corpus.ts CORPUS_DIR [--only a,b] [--jobs 2] [--out results.json]
import {spawn} from 'node:child_process';
import {cp, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {DockwizReport} from '../source/types.js';
import {classify, type Cause} from './corpus-causes.js';
import {indexLookup, relaxApp, type Relaxation} from './corpus-relax.js';

type Expect = {route?: string; services?: string[]; note?: string};

export type AppResult = {
	app: string;
	built: boolean;
	answered: boolean;
	status: number | null;
	seconds: number;
	cause: Cause | null;
	detail: string;
	relaxations: Relaxation[];
	services: string[];
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indexUrl = `http://127.0.0.1:${process.env.DOCKWIZ_INDEX_PORT ?? '3141'}/simple/`;
const timeoutSeconds = Number(process.env.CORPUS_APP_TIMEOUT ?? 1200);

async function readExpect(corpus: string, name: string): Promise<Expect> {
	for (const file of [path.join(corpus, `${name}.expect.json`), path.join(corpus, name, 'expect.json')]) {
		const text = await readFile(file, 'utf8').catch(() => null);
		if (text !== null) return JSON.parse(text) as Expect;
	}

	return {};
}

function runCli(dir: string, logFile: string): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), dir, '--json', '--yes', '--python', '3.11', '--network', 'host'], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {...process.env, CI: '1'},
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => {
			stdout += String(chunk);
		});
		child.stderr.on('data', chunk => {
			stderr += String(chunk);
		});
		const timer = setTimeout(() => child.kill('SIGTERM'), timeoutSeconds * 1000);
		child.on('close', async code => {
			clearTimeout(timer);
			await writeFile(logFile, `${stderr}\n--- stdout ---\n${stdout}`).catch(() => undefined);
			resolve({code, stdout, stderr});
		});
	});
}

async function runApp(corpus: string, name: string, logDir: string): Promise<AppResult> {
	const expect = await readExpect(corpus, name);
	const work = await mkdtemp(path.join(os.tmpdir(), 'dockwiz-corpus-'));
	const dir = path.join(work, name);
	const started = performance.now();
	try {
		await cp(path.join(corpus, name), dir, {recursive: true});
		const relaxations = await relaxApp(dir, indexLookup(indexUrl));
		const {code, stdout, stderr} = await runCli(dir, path.join(logDir, `${name}.log`));
		const seconds = Math.round((performance.now() - started) / 1000);
		let report: DockwizReport | null = null;
		try {
			report = JSON.parse(stdout) as DockwizReport;
		} catch {
			report = null;
		}

		const after = report?.builds?.after ?? null;
		const built = Boolean(after?.ok || after?.smoke);
		const status: number | null = after?.smoke?.status ?? null;
		const services = expect.services ?? [];
		// Any answer below 500 counts; a 5xx counts too when the app needs a service the run does not start.
		const answered = status !== null && (status < 500 || services.length > 0);
		const result: AppResult = {app: name, built, answered, status, seconds, cause: null, detail: '', relaxations, services};
		if (!answered) {
			const evidence = [
				after?.error ?? '',
				after?.smoke?.error ?? '',
				...(after?.smoke?.logTail ?? []),
				report ? '' : `exit ${code}: ${stderr.slice(-4000)}`,
			].join('\n');
			const verdict = classify({built, evidence, report, relaxations, services});
			result.cause = verdict.cause;
			result.detail = verdict.detail;
		}

		return result;
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}

function table(results: AppResult[]): string {
	const rows = results.map(r => [r.app, r.built ? 'yes' : 'NO', r.answered ? `yes (${r.status})` : (r.status === null ? 'NO' : `NO (${r.status})`), String(r.seconds), r.cause ?? '']);
	const head = ['app', 'built', 'answered', 'seconds', 'cause'];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map(row => row[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
	return [line(head), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(argv: string[]): Promise<void> {
	const corpus = argv.find(arg => !arg.startsWith('--') && !argv[argv.indexOf(arg) - 1]?.startsWith('--'));
	const option = (name: string) => {
		const at = argv.indexOf(`--${name}`);
		return at >= 0 ? argv[at + 1] : undefined;
	};

	if (!corpus || !(await stat(corpus).then(s => s.isDirectory(), () => false))) {
		process.stderr.write('usage: node --import tsx bench/corpus.ts CORPUS_DIR [--only a,b] [--jobs 2] [--out results.json]\n');
		process.exitCode = 2;
		return;
	}

	const only = option('only')?.split(',');
	const jobs = Number(option('jobs') ?? 1);
	const out = option('out') ?? path.join(corpus, 'results.json');
	// One log per app beside the results file, so two runs with different --out do not mix.
	const logDir = out.replace(/\.json$/, '') + '-logs';
	await rm(logDir, {recursive: true, force: true}).catch(() => undefined);
	await import('node:fs/promises').then(fs => fs.mkdir(logDir, {recursive: true}));
	const names = (await readdir(corpus, {withFileTypes: true}))
		.filter(entry => entry.isDirectory() && !entry.name.endsWith('logs') && !entry.name.startsWith('.'))
		.map(entry => entry.name)
		.filter(name => !only || only.includes(name))
		.sort();

	const started = performance.now();
	const results: AppResult[] = [];
	const queue = [...names];
	await Promise.all(Array.from({length: jobs}, async () => {
		while (queue.length > 0) {
			const name = queue.shift()!;
			let result = await runApp(corpus, name, logDir);
			if (result.cause === 'host-port-busy') {
				// Another app of this run (or another program) held the port during the smoke run: once more, later.
				await new Promise(resolve => setTimeout(resolve, 30_000));
				result = await runApp(corpus, name, logDir);
			}

			results.push(result);
			for (const r of result.relaxations) process.stderr.write(`[${name}] relaxed ${r.file}: ${r.from} -> ${r.to} (${r.why})\n`);
			process.stderr.write(`[${name}] built ${result.built}, answered ${result.answered} (${result.status ?? '-'}), ${result.seconds} s${result.cause ? `, cause ${result.cause}: ${result.detail}` : ''}\n`);
		}
	}));
	results.sort((a, b) => a.app.localeCompare(b.app));
	await writeFile(out, JSON.stringify(results, null, 2));
	const answered = results.filter(r => r.answered).length;
	process.stdout.write(`${table(results)}\n\n${answered}/${results.length} answered in ${Math.round((performance.now() - started) / 1000)} s (results: ${out})\n`);
}

await main(process.argv.slice(2));
