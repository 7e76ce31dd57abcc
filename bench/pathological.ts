// Inputs built to be slow: each case generates a project, times the part of dockwiz that reads
// it (scan, findings, proposal, build-context audit) and prints the seconds beside its budget.
// Parsing and matching must stay linear or close to it; Docker's own matcher (Go's RE2) is.
// Exits 1 when a case is over budget or fails. Not a timed unit test: machines differ, and
// these figures are for reading, with budgets far above what a linear pass takes.
//   npm run bench:pathological            every case
//   npm run bench:pathological -- ignore  the cases whose name contains "ignore"
import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import {defaultChoices, findingsFor, propose} from '../source/advice/index.js';
import {auditContext, scanProject} from '../source/analysis/index.js';
import {ignoreRules} from '../source/analysis/ignore-rules.js';
import {maskSecrets} from '../source/analysis/mask-secrets.js';
import {failureRules, hintsFor} from '../source/advice/failure-hints/index.js';
import type {Options} from '../source/types.js';

type Case = {
	name: string;
	/** What the case is made of, for the printout. */
	shape: string;
	budgetSeconds: number;
	/** Writes the project into root. */
	make(root: string): Promise<void>;
	/** The timed part; returns a line of facts showing it did the work (and its own seconds when only part of it counts). */
	run(root: string): Promise<string | {facts: string; seconds: number}>;
};

const flaskApp = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'hello'\n";

async function writeProject(root: string, extra: Record<string, string> = {}): Promise<void> {
	const files: Record<string, string> = {'app.py': flaskApp, 'requirements.txt': 'flask\ngunicorn\n', ...extra};
	for (const [name, content] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(root, name)), {recursive: true});
		await writeFile(path.join(root, name), content);
	}
}

const options = {base: 'slim', python: undefined} as unknown as Options;

/** The whole analysis and advice, as `dockwiz --no-build` runs them. */
async function scanAndAdvise(root: string): Promise<string> {
	const report = await scanProject(root);
	const findings = findingsFor(report);
	const proposal = propose(report, defaultChoices(report, options));
	return `${report.context.files} files in the context, ${findings.length} findings, proposal of ${proposal.dockerfile.split('\n').length} lines`;
}

const cases: Case[] = [
	{
		name: 'continued-run-100k',
		shape: 'a Dockerfile whose RUN is 100 000 characters of `\\`-continued lines',
		budgetSeconds: 3,
		async make(root) {
			const lines = Array.from({length: 5_000}, (_, i) => `    && echo step-${String(i).padStart(5, '0')} \\`);
			await writeProject(root, {Dockerfile: `FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt \\\n${lines.join('\n')}\n    && true\nCMD ["python", "app.py"]\n`});
		},
		run: scanAndAdvise,
	},
	{
		name: 'huge-python-module',
		shape: 'a generated 4 MB Python module (over the 1 MiB analysis limit: reported, not read whole) and one of just under 1 MiB that is parsed (some 20 000 routes)',
		budgetSeconds: 4,
		async make(root) {
			const huge = Array.from({length: 100_000}, (_, i) => `def handler_${i}(value):\n    return "${'x'.repeat(12)}" + str(value)\n`).join('');
			const routes = Array.from({length: 20_000}, (_, i) => `@app.route("/r${i}")\ndef r${i}():\n    return "${i}"\n\n`).join('');
			await writeProject(root, {'generated.py': huge, 'views.py': `from app import app\n\n${routes}`.slice(0, 1024 * 1024 - 1)});
		},
		run: scanAndAdvise,
	},
	{
		name: 'deep-tree-500',
		shape: 'a folder tree 500 levels deep with a module at every tenth level',
		budgetSeconds: 3,
		async make(root) {
			await writeProject(root);
			let dir = root;
			for (let level = 0; level < 500; level++) {
				dir = path.join(dir, 'd');
				if (level % 10 === 9) {
					await mkdir(dir, {recursive: true});
					await writeFile(path.join(dir, `m${level}.py`), 'x = 1\n');
				}
			}

			await mkdir(dir, {recursive: true});
			await writeFile(path.join(dir, 'bottom.py'), 'import os\n');
		},
		async run(root) {
			const facts = await scanAndAdvise(root);
			const audit = await auditContext(root, '.git\n**/__pycache__\n');
			return `${facts}; audit: ${audit.files} files`;
		},
	},
	{
		name: 'ignore-backtracking-scan',
		shape: '.dockerignore `**/**/**/**/**/**/a*a*a*a*a*a*b` (and kin) over 300 files with 60-character names of a, 8 folders deep',
		budgetSeconds: 3,
		async make(root) {
			const patterns = ['**/**/**/**/**/**/a*a*a*a*a*a*b', '**/a*a*a*a*a*a*a*a*c', '!**/**/**/a*a*a*a*a*d'];
			await writeProject(root, {'.dockerignore': `${patterns.join('\n')}\n`});
			const deep = path.join(root, ...Array.from({length: 8}, () => 'aaaaaaaa'));
			await mkdir(deep, {recursive: true});
			for (let i = 0; i < 300; i++) await writeFile(path.join(deep, `${'a'.repeat(60)}${i}`), '');
		},
		async run(root) {
			const facts = await scanAndAdvise(root);
			return facts;
		},
	},
	{
		name: 'ignore-backtracking-matchers',
		shape: "the same pattern, each matcher alone: dockwiz's on 50 paths ending in 60 a's, 8 folders deep; @balena/dockerignore's (what dockerode uses) on one such path ending in 16, 20 and 24 a's (it backtracks: 60 takes minutes)",
		budgetSeconds: 2,
		async make() {
			// Nothing on disk: the matchers get the paths.
		},
		async run() {
			const patterns = ['**/**/**/**/**/**/a*a*a*a*a*a*b', '**/a*a*a*a*a*a*a*a*c'];
			const folders = Array.from({length: 8}, () => 'aaaaaaaa').join('/');
			const paths = Array.from({length: 50}, (_, i) => `${folders}/${'a'.repeat(60)}${i}`);
			const started = performance.now();
			const ours = ignoreRules(patterns.join('\n'));
			const oursIgnored = paths.filter(p => ours.ignores(p)).length;
			const oursSeconds = (performance.now() - started) / 1000;
			// Outside the budget: the library is for comparison, and dockwiz no longer runs it on paths.
			const theirs = ignore.default({ignorecase: false}).add([patterns[0]]);
			const growth = [16, 20, 24].map(length => {
				const start = performance.now();
				theirs.ignores(`${folders}/${'a'.repeat(length)}`);
				return `${length}: ${((performance.now() - start) / 1000).toFixed(3)} s`;
			});
			return {seconds: oursSeconds, facts: `dockwiz's matcher: ${oursSeconds.toFixed(3)} s for 50 paths (${oursIgnored} ignored); @balena/dockerignore, one path, by name length: ${growth.join(', ')}`};
		},
	},
	{
		name: 'files-low-open-limit',
		shape: '6 000 files in 60 folders read with `ulimit -n 64` (a child process)',
		budgetSeconds: 8,
		async make(root) {
			await writeProject(root);
			for (let folder = 0; folder < 60; folder++) {
				const dir = path.join(root, 'pkg', `f${folder}`);
				await mkdir(dir, {recursive: true});
				await Promise.all(Array.from({length: 100}, (_, i) => writeFile(path.join(dir, `m${i}.py`), `import os\nVALUE = ${i}\n`)));
			}
		},
		async run(root) {
			// A fresh process under the limit: the scan and the audit must not run out of handles.
			const script = `import {scanProject, auditContext} from ${JSON.stringify(path.resolve(import.meta.dirname, '../source/analysis/index.ts'))};
const report = await scanProject(process.argv[1]);
const audit = await auditContext(process.argv[1], null);
console.log(report.context.files + ' files scanned, ' + audit.files + ' audited, ' + report.problems.length + ' problems');`;
			const output = execFileSync('bash', ['-c', `ulimit -n 64 && exec "${process.execPath}" --import tsx --input-type=module -e "$0" "$1"`, script, root], {encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '..')});
			return output.trim();
		},
	},
	{
		name: 'log-lines-masking-and-hints',
		shape: 'a container log of 40 lines of 1 MB in 9 shapes that make careless patterns backtrack (`a.a.a.`, `a://b:`, `password=a `…), masked and read for failure hints; then each rule and the masking alone on an uncut 100 kB line',
		budgetSeconds: 10,
		async make() {
			// Nothing on disk: the log is made in memory.
		},
		async run() {
			const shapes = ['a.', 'Because ', 'exec ', "'a", 'a://b:', '[Errno 13] Permission denied: ', "No module named 'a.", 'lib.so.1.', 'password=a '];
			let hints = 0;
			for (const unit of shapes) {
				const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
				hints += hintsFor({phase: 'smoke', exitCode: 3, logTail: Array.from({length: 40}, () => line)}).length;
				const short = unit.repeat(Math.ceil(100_000 / unit.length));
				maskSecrets(short);
				for (const rule of failureRules) rule.match({phase: 'smoke', exitCode: 3, logTail: [short]});
			}

			return `${shapes.length} shapes, ${hints} hints`;
		},
	},
];

const filter = process.argv[2];
const chosen = cases.filter(c => !filter || c.name.includes(filter));
let failed = 0;
for (const testCase of chosen) {
	const root = await mkdtemp(path.join(tmpdir(), `dockwiz-bench-${testCase.name}-`));
	try {
		await testCase.make(root);
		const started = performance.now();
		let facts: string;
		let seconds: number;
		try {
			const result = await testCase.run(root);
			seconds = typeof result === 'string' ? (performance.now() - started) / 1000 : result.seconds;
			facts = typeof result === 'string' ? result : result.facts;
		} catch (error) {
			failed++;
			console.log(`${testCase.name}: FAILED after ${((performance.now() - started) / 1000).toFixed(3)} s: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
			continue;
		}

		const over = seconds > testCase.budgetSeconds;
		if (over) failed++;
		console.log(`${testCase.name}: ${seconds.toFixed(3)} s (budget ${testCase.budgetSeconds} s) ${over ? 'OVER BUDGET' : 'OK'}`);
		console.log(`  ${testCase.shape}`);
		console.log(`  ${facts}`);
	} finally {
		await rm(root, {recursive: true, force: true});
	}
}

process.exitCode = failed > 0 ? 1 : 0;
