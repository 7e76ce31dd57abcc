// The benchmark's tables: plain text for the terminal, Markdown for bench/results.md and the readme.
import type {Spread} from '../source/types.js';
import {runsAsNonRoot, type BenchResults, type FixtureResult, type VariantResult} from './results.js';
import {alpha, minimumRuns} from './rank-test.js';
import {checkFixture, noWorseTarget, timingFloorSeconds, timingTolerance, toleranceDependent, type Check} from './targets.js';

export function megabytes(bytes: number | null): string {
	return bytes === null ? '-' : `${(bytes / 1e6).toFixed(1)} MB`;
}

function contextSize(bytes: number | null): string {
	if (bytes === null) {
		return '-';
	}

	return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

export function seconds(spread: Spread | null): string {
	if (spread === null) {
		return '-';
	}

	return spread.runs.length > 1 ? `${spread.median.toFixed(1)} s (${spread.min.toFixed(1)}–${spread.max.toFixed(1)})` : `${spread.median.toFixed(1)} s`;
}

const header = ['variant', 'size', 'cold build', 'warm rebuild', 'dependency change', 'first answer', 'context', 'layers', 'user', 'HTTP'];

/** The table's name for a variant: peers say whether they are as their users get them. */
export function rowLabel(v: VariantResult): string {
	if (v.peer?.handEdited) return `${v.label} (hand-edited)`.replace(', hand-edited (hand-edited)', ', hand-edited');
	if (v.peer?.asIs && v.sizeBytes === null) return `${v.label} (as users get it: cannot build this project)`;
	return v.label;
}

function row(v: VariantResult): string[] {
	if (v.sizeBytes === null) {
		return [rowLabel(v), `FAILED: ${(v.error ?? 'did not build').split('\n')[0].slice(0, 120)}`, '', '', '', '', '', '', '', ''];
	}

	const user = v.user === null ? '-' : runsAsNonRoot(v.user) ? v.user : `${v.user} (root)`;
	// A build no figure needs is not made; a dependency change that was not measured says why under the table.
	const notBuilt = 'not built';
	const warm = v.measured && !v.measured.warm ? notBuilt : seconds(v.warmSeconds);
	const dependency = v.dependencySeconds ? seconds(v.dependencySeconds) : v.measured && !v.measured.dependency ? notBuilt : v.dependencyNote ? 'not measured' : '-';
	const cold = v.warmCacheColdSeconds ? `${seconds(v.coldSeconds)}; warm pip cache ${seconds(v.warmCacheColdSeconds)}` : seconds(v.coldSeconds);
	return [rowLabel(v), megabytes(v.sizeBytes), cold, warm, dependency, seconds(v.firstAnswerSeconds ?? null), contextSize(v.contextBytes), String(v.layers ?? '-'), user, v.httpStatus === null ? 'none' : String(v.httpStatus)];
}

export function fixtureTitle(f: FixtureResult): string {
	const change = f.dependencyChange && 'packageName' in f.dependencyChange ? `, ${f.dependencyChange.packageName} added to ${f.dependencyChange.file}` : '';
	return `${f.name}: ${f.shape} (${f.manager}, serves ${f.wsgiTarget ?? '?'} on ${f.port}, warm edit in ${f.editFile}${change})`;
}

/** A fixed-width table for the terminal. */
export function textTable(f: FixtureResult): string {
	const rows = [header, ...f.variants.map(v => row(v))];
	const widths = header.map((_, i) => Math.max(...rows.map(r => r[i].length)));
	const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
	return [fixtureTitle(f), line(rows[0]), widths.map(w => '-'.repeat(w)).join('  '), ...rows.slice(1).map(r => line(r))].join('\n');
}

function markdownRow(cells: string[]): string {
	return `| ${cells.map(cell => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

export function markdownTable(f: FixtureResult): string {
	return [markdownRow(header), markdownRow(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...f.variants.map(v => markdownRow(row(v)))].join('\n');
}

export function checkStatus(check: Check): 'PASS' | 'MISS' | 'EXCLUDED' {
	return check.excluded ? 'EXCLUDED' : check.pass ? 'PASS' : 'MISS';
}

export function checkLine(check: Check): string {
	const why = check.excluded ?? check.why;
	return `${checkStatus(check)}  ${check.fixture}: ${check.what} ${check.measured} (target ${check.target})${why ? ` — ${why}` : ''}`;
}

export function allChecks(results: BenchResults): Check[] {
	return results.fixtures.flatMap(f => checkFixture(f));
}

/** The "no worse" timing targets judged by the three rules; the listing the issue asks for. */
export function toleranceListing(checks: readonly Check[]): string[] {
	const timed = checks.filter(check => check.timing);
	const dependent = toleranceDependent(checks);
	const verdict = (ok: boolean) => (ok ? 'no worse' : 'worse');
	const lines = [
		`Every "no worse" timing target, judged three ways. Only the rank test decides (one-sided Mann-Whitney U, exact, the same rule in both directions: "worse" when p worse < ${alpha}, "better" when p better < ${alpha}). Strict: median against median, no allowance. Tolerance: the earlier rule (within ${timingTolerance * 100} % and ${timingFloorSeconds} s of the other's median, or below its slowest run), which applied in dockwiz's favour only.`,
		'',
		markdownRow(['fixture', 'target', 'median ratio', 'p worse', 'p better', 'rank test', 'strict', 'tolerance', 'depends on the tolerance']),
		markdownRow(['---', '---', '---:', '---:', '---:', '---', '---', '---', '---']),
		...timed.map(check => markdownRow([check.fixture, check.what, check.measured.split(' ')[0], check.timing!.rank.pWorse.toFixed(3), check.timing!.rank.pBetter.toFixed(3), check.timing!.rank.verdict, verdict(check.timing!.strict), verdict(check.timing!.tolerance), check.timing!.strict === check.timing!.tolerance ? '' : '**yes**'])),
		'',
		dependent.length === 0 ? 'No target\'s verdict depends on the tolerance.' : `Targets whose verdict depends on the tolerance (strict and tolerance disagree): ${dependent.map(check => `${check.fixture} ${check.what} (rank test: ${check.timing!.rank.verdict})`).join('; ')}.`,
	];
	return lines;
}

export function machineLine(results: BenchResults): string {
	const m = results.machine;
	return `${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os}; Docker engine ${m.engineVersion} (API ${m.apiVersion}); builder ${m.builder} for every variant; build network ${m.network}`;
}

/** Why a missed target missed, as far as the bench can tell from the numbers and the Dockerfiles. */
export function explainMiss(check: Check, results: BenchResults): string | undefined {
	if (check.pass || check.why) {
		return check.why;
	}

	const f = results.fixtures.find(candidate => candidate.name === check.fixture);
	const slim = f?.variants.find(v => v.name === 'dockwiz-slim');
	const init = f?.variants.find(v => v.name === 'docker-init');
	if (!slim || !init) {
		return undefined;
	}

	// The virtualenv's own files (activate scripts, pyvenv.cfg, the python links) are a few kB: a larger gap has another cause, which the bench does not guess.
	if (check.what === 'slim/docker-init size' && slim.sizeBytes !== null && init.sizeBytes !== null && slim.sizeBytes - init.sizeBytes < 100e3) {
		return `${((slim.sizeBytes - init.sizeBytes) / 1e3).toFixed(1)} kB more: the virtualenv's own files (activate scripts, pyvenv.cfg, the python links). Its packages are the same as docker init's: the venv sees the base image's site-packages (--system-site-packages), so setuptools, which gunicorn 20.1 (the only gunicorn the offline index serves) requires, is not installed a second time`;
	}

	const naive = f?.variants.find(v => v.name === 'naive');
	if (check.what === 'slim/naive warm rebuild' && slim.warmSeconds && naive?.warmSeconds) {
		return `the naive rebuild reruns pip install, here from a package index on the loopback (${naive.warmSeconds.median.toFixed(2)} s; downloads from PyPI take longer), while dockwiz's ${slim.warmSeconds.median.toFixed(2)} s (min ${slim.warmSeconds.min.toFixed(2)}) rebuild copies only the code`;
	}

	if (check.what.includes('warm rebuild') && slim.warmSeconds && init.warmSeconds) {
		return `both rebuild only the code layer: ${slim.warmSeconds.median.toFixed(2)} s against ${init.warmSeconds.median.toFixed(2)} s`;
	}

	if (check.what.includes('dependency-change rebuild')) {
		return `not measured step by step. Every template reruns pip install for every dependency when the dependency file changes (medians per project in the table). dockwiz's pip cache mount, filled by the cold build before it, saves the downloads (the index now sends PyPI's cache headers), not the installs, and against a local index the downloads were never the slow part. dockwiz's virtualenv is then copied into the runtime stage as a layer of its own, while naive and docker init install into the system Python of one stage`;
	}

	if (check.what === 'distroless/slim cold build') {
		return 'the distroless runtime\'s Python is not the builder\'s, so its venv cannot use the builder image\'s packages as slim\'s does: it installs its own setuptools (gunicorn 20.1 needs it) with `pip --python`, which starts pip twice, and adds a step of its own (the folders the app writes to, made under /runtime) and a second base image to unpack. Measured with bench/cold-steps.ts on single-file (3 interleaved cold builds): 2.71 s as proposed, 2.43 s with the venv\'s Python running pip\'s own runner file once, 2.38 s with a system-site venv and --ignore-installed';
	}

	if (check.what.includes('first answer')) {
		const distrolessNote = check.what.startsWith('distroless') ? distrolessBytecodeNote : '';
		return `the server: the naive image runs Flask's development server, one process importing Flask; dockwiz runs gunicorn, which imports itself in a master and then starts a worker that imports the app before the first answer. Measured in python:3.11-slim on this machine (load 8): importing gunicorn 20.1 and Flask took 0.41–0.85 s, of which pkg_resources (which gunicorn 20.1, the only one the offline index serves, imports at start; gunicorn 22 and later do not) 0.11–0.23 s${distrolessNote}`;
	}

	if (check.what.includes('cold build')) {
		return 'not measured step by step; likely because the two-stage build does more from scratch: a virtualenv made in one stage, gunicorn 20.1 and its setuptools installed into it, and the virtualenv copied into the runtime stage as a layer of its own. docker init installs into the system Python in one stage, where setuptools is already present. Neither side has pip downloads cached: the cache mounts are emptied before every cold build';
	}

	if (check.what.includes('context bytes')) {
		return 'docker init\'s .dockerignore also leaves out README.md, LICENSE, .gitignore and bin/, which dockwiz keeps: it excludes only what the app cannot need';
	}

	if (check.what.includes('layers')) {
		return 'the runtime stage adds its own layers (user, virtualenv, code)';
	}

	return undefined;
}

/** The demo with and without its data file: where the demo's wins over docker init come from. */
export function dataFileLines(results: BenchResults): string[] {
	const pick = (fixture: string, name: VariantResult['name']) => results.fixtures.find(f => f.name === fixture)?.variants.find(v => v.name === name);
	const rows: string[] = [];
	for (const fixture of ['demo', 'demo-without-data']) {
		const slim = pick(fixture, 'dockwiz-slim');
		const init = pick(fixture, 'docker-init');
		if (!slim?.sizeBytes || !init?.sizeBytes) continue;
		const warm = slim.warmSeconds && init.warmSeconds ? `${slim.warmSeconds.median.toFixed(2)} s vs ${init.warmSeconds.median.toFixed(2)} s (${(slim.warmSeconds.median / init.warmSeconds.median).toFixed(2)})` : '-';
		rows.push(markdownRow([fixture === 'demo' ? 'with data/sample.csv (25 MB)' : 'without it', `${megabytes(slim.sizeBytes)} vs ${megabytes(init.sizeBytes)} (${(slim.sizeBytes / init.sizeBytes).toFixed(2)})`, warm, `${contextSize(slim.contextBytes)} vs ${contextSize(init.contextBytes)}`]));
	}

	if (rows.length === 0) return [];
	return [
		'### Where the demo\'s wins over docker init come from',
		'',
		'The demo ships a 25 MB data file, data/sample.csv, that no code reads: dockwiz\'s .dockerignore leaves it out, docker init\'s sends it and `COPY . .` puts it in the image. The same two Dockerfiles on the demo with the file deleted (the bench\'s own temporary copy):',
		'',
		markdownRow(['demo', 'size, slim vs docker init', 'warm rebuild (median)', 'context']),
		markdownRow(['---', '---:', '---:', '---:']),
		...rows,
		'',
	];
}

/** Each peer's file as its users get it and every change the bench made to it, per project. */
export function peerFileLines(results: BenchResults): string[] {
	const lines = ['## The peers\' files, and every change made to them', ''];
	const seen = new Set<string>();
	for (const f of results.fixtures) {
		for (const v of f.variants.filter(candidate => candidate.deviations !== undefined && candidate.name !== 'dockwiz-slim' && candidate.name !== 'dockwiz-distroless')) {
			lines.push(`### ${f.name}: ${rowLabel(v)}`, '');
			if (v.deviations && v.deviations.length > 0) lines.push('Changes from what its users get:', '', ...v.deviations.map(item => `- ${item}`), '');
			const key = `${v.name}\n${v.fileAsUsersGetIt ?? ''}\n${v.dockerfile}`;
			if (seen.has(key)) {
				lines.push('Files: as for the project above.', '');
				continue;
			}

			seen.add(key);
			if (v.fileAsUsersGetIt) lines.push('<details><summary>as its users get it</summary>', '', '```dockerfile', v.fileAsUsersGetIt.trimEnd(), '```', '', '</details>', '');
			lines.push('<details><summary>as built</summary>', '', '```dockerfile', v.dockerfile.trimEnd(), '```', '', ...(v.dockerignore === null ? [] : ['.dockerignore:', '', '```', v.dockerignore.trimEnd(), '```', '']), ...Object.entries(v.contextFiles ?? {}).flatMap(([file, text]) => [`${file} (sent in the context stream):`, '', '```', text.trimEnd(), '```', '']), '</details>', '');
		}
	}

	return lines;
}

/** Why the distroless first answer is slower, measured: the standard library has no bytecode there. */
export const distrolessBytecodeNote = '. Distroless also starts with almost no compiled standard library: the real gcr.io/distroless/python3-debian12 is made of Debian 12\'s packages unpacked without their install scripts (its public build recipe, python3/python.bzl, adds libpython3.11-stdlib and python3.11-minimal with deb.package), and Debian makes the .pyc files in those scripts (py3compile), so the stand-in, unpacked the same way, has bytecode for 1 of the 171 top-level modules of /usr/lib/python3.11 (the slim stand-in, installed with apt and its scripts, has all of them). Measured here: importing 22 standard-library modules a gunicorn app uses took 0.50–1.52 s in the distroless image and 0.09–0.20 s after `python3 -m compileall /usr/lib/python3.11`, which adds 11.6 MB (50.2 to 61.7 MB, +18 % on dockwiz\'s 64.5 MB distroless image). dockwiz\'s distroless proposal does not compile it yet: the trade (about 0.5 s off every start for 11.6 MB and a longer cold build) is reported here, and compiling only the modules gunicorn and the framework import is the better follow-up';

/** bench/results.md: the method, the machine, a table per fixture, the target checks. */
export function resultsMarkdown(results: BenchResults): string {
	const checks = allChecks(results);
	const missed = checks.filter(check => !check.pass && !check.excluded);
	const excluded = checks.filter(check => check.excluded);
	const load = results.load;
	const lines = [
		'# dockwiz benchmark',
		'',
		`Measured ${results.date} with \`npm run bench -- --runs ${results.runs}\` (bench/compare.ts), ${results.runs} ${results.runs === 1 ? 'run' : 'runs'} of each build${results.minutes ? `; the builds took ${results.minutes.toFixed(0)} min` : ''}.`,
		'',
		`Machine: ${machineLine(results)}.`,
		'',
		...(load ? [`Load: the 1-minute load average during the run was ${load.min.toFixed(1)} to ${load.max.toFixed(1)} (median ${load.median.toFixed(1)}, ${load.samples} samples, every 15 s) on 2 cores. Other engineers build and test on the same machine and the same Docker engine while the bench runs, so times carry their load; variants are interleaved within each run so that load spreads over all of them, and the "no worse" verdicts use a rank test over the runs rather than single numbers.`, ''] : []),
		'## Method',
		'',
		'For each project, the Dockerfiles are built on the same engine, with the same builder (BuildKit) and the same network mode, by dockwiz\'s own engine code (the context is packed and sent by dockwiz, as the product does):',
		'',
		'1. **naive**: the article\'s naive Dockerfile with the `WORKDIR /app` it needs: `FROM python:3.11`, `COPY . .`, `pip install` (requirements, or `.` for a pyproject project), `CMD python app.py`; no .dockerignore.',
		'2. **article\'s recipe on slim**: the article\'s "optimized" recipe with the changes it needs to run (listed below), on **python:3.11-slim** because no alpine image can be had offline. Its base is not the article\'s, so no size claim against the article is made; and its `pip install --upgrade pip` does nothing offline.',
		'3. **docker init**: the Dockerfile, .dockerignore (and compose.yaml, which the build does not read) that `docker init` writes for Python, word for word as docs.docker.com\'s Python guide shows them, with the answers to its prompts (Python 3.11, the app\'s port, `gunicorn <app> --bind=0.0.0.0:<port>`) and the requirements.txt its prompt asks for (the dependencies and gunicorn), sent in the context stream. One line is removed: `# syntax=docker/dockerfile:1`. Tested here: with it, BuildKit asks the registry for the frontend image docker/dockerfile:1, which cannot be reached offline, and the build fails within a second (`resolve image config for docker.io/docker/dockerfile:1: ... no such host`); without it, the engine\'s built-in Dockerfile frontend (BuildKit in Docker 20.10) reads the same instructions, `RUN --mount` included. Where docker init cannot build a project as its users get it, the table says so (native-ext: only requirements.txt is bind-mounted for the install, so pip stops at `ERROR: Invalid requirement: \'./fastsum\' (from line 3 of requirements.txt)`, `File \'./fastsum\' does not exist.`, and slim has no compiler for the extension either) and that project is kept out of the "no worse than docker init" targets; a hand-edited row, labelled so, shows what it takes.',
		'4. **dockwiz slim** and 5. **dockwiz distroless**: what `dockwiz` proposes (Dockerfile and .dockerignore), unchanged.',
		'',
		'Cold build: no cache, and BuildKit\'s cache mounts emptied first (`docker builder prune --filter type=exec.cachemount -f`, before every cold build of every variant; only cache mounts, which BuildKit otherwise keeps across no-cache builds and shares between variants, projects and sessions through the same mount target, /root/.cache/pip). docker init\'s **warm pip cache** figure is a second no-cache build right after the rest of its run, its cache mount left full: what a developer\'s second `docker build --no-cache` sees; it is shown in the cold-build cell and takes part in no target.',
		'Warm rebuild: right after the cold build, one line appended to the app\'s module in the context stream (the folder is never written), built with the cache. Dependency change: after the warm rebuild, one package is added to the dependency file in the context stream (requirements.txt: a line; pyproject.toml: into `[project].dependencies`; docker init: the requirements.txt it installs from), chosen by dockwiz as the first of six, text-unidecode, pytz, idna the project does not list, and built with the cache. It counts only when the rebuilt image has the package (checked with `importlib.metadata` in a container). First answer: from the container\'s start request to its first HTTP answer (probed every 50 ms), one new container per run.',
		'Only the builds a figure needs are made: warm and dependency-change rebuilds for naive, docker init and dockwiz slim (the targets compare those), first answer in every run for naive and dockwiz\'s two images (one container for the others, for the HTTP column); the article\'s recipe and a hand-edited docker init, which no target compares with, are built once, in the first run (their cold build is that one run); "not built" in a cell means that.',
		'Size: the engine\'s image size; layers: filesystem layers; context: bytes of the tar sent; user: the image\'s `USER` (root when unset); HTTP: the first answer from the container, run on the host network, at 127.0.0.1 and the app\'s port (any status below 500 counts).',
		`Times are medians of the runs with (min–max). "No worse" on a time: ${noWorseTarget}, the same test the other way round reporting "better"; no tolerance. With fewer than ${minimumRuns} runs no verdict is given. Ratio targets (<= 0.3x naive, <= 1.5x slim) compare medians. Sizes and layers are compared exactly; context bytes too, on the project's files: the tar bytes less each variant's own Dockerfile and .dockerignore, which differ by design. The table shows the whole tar.`,
		'',
		'The projects: bench/fixtures/ and the demo app. The fourth is a PEP 621 pyproject.toml project (Poetry and uv cannot install offline here). The fifth ships its own C extension (`./fastsum` in requirements.txt, `setup.py` with `ext_modules`), which dockwiz builds with build-essential and python3-dev in the builder stage only. demo-without-data is the demo with its 25 MB data file deleted, built with docker init and dockwiz slim only.',
		'',
		'Offline stand-ins (scripts/engine-up.sh): python:3.11 (~850 MB), python:3.11-slim (~210 MB), debian:12-slim and a distroless python image are built from Debian 12 packages, and a local package index serves Debian\'s Flask 2.2, gunicorn 20.1, waitress and their dependencies. The index sends PyPI\'s cache headers (files `max-age=365000000, immutable, public`, as PyPI\'s file host does; simple pages `max-age=600, public`) and the stand-ins\' pip.conf trusts it (pip keeps downloads in its HTTP cache only from https or a trusted host), so pip\'s cache and the cache mounts fill as they do against PyPI. On this machine the stand-ins were made before that line existed, so scripts/engine-up.sh added it to python:3.11-slim, python:3.11 and debian:12-slim in a layer of their own: every image built on them counts one layer more than in earlier results (the distroless runtime is unchanged), and pip now also keeps its downloads inside images that install without a cache mount and without `--no-cache-dir` (naive), as it does with PyPI. Sizes on the official images differ, ratios are what to compare.',
		'',
		...(results.notes ?? []).flatMap(note => [`Note: ${note}`, '']),
		'## Results',
		'',
	];
	for (const f of results.fixtures) {
		lines.push(`### ${f.name}`, '', `${f.shape}; ${f.manager}; serves \`${f.wsgiTarget ?? '?'}\` on port ${f.port}; warm edit in \`${f.editFile}\`.`, '', markdownTable(f), '');
		const notes = f.variants.flatMap(v => [...v.notes, ...(v.dependencyNote ? [`dependency change not measured: ${v.dependencyNote}.`] : [])].map(note => `- ${rowLabel(v)}: ${note}`));
		if (notes.length > 0) {
			lines.push(...notes, '');
		}
	}

	lines.push(...dataFileLines(results));
	lines.push('## Targets', '', '| | fixture | check | measured | target |', '| --- | --- | --- | ---: | --- |');
	for (const check of checks) {
		const status = checkStatus(check);
		lines.push(markdownRow([status === 'MISS' ? '**MISS**' : status, check.fixture, check.what, check.measured, check.excluded ? `${check.target} (excluded: ${check.excluded})` : check.target]));
	}

	lines.push('');
	const counted = checks.length - excluded.length;
	if (missed.length === 0) {
		lines.push(`Every one of the ${counted} checks was met${excluded.length > 0 ? ` (${excluded.length} excluded)` : ''}.`);
	} else {
		lines.push(`${missed.length} of ${counted} checks missed${excluded.length > 0 ? ` (${excluded.length} excluded, listed above)` : ''}, grouped by their reason:`, '');
		// One reason, many misses: each reason is written once, under it the misses it explains.
		const byReason = new Map<string, Check[]>();
		for (const check of missed) {
			const why = explainMiss(check, results) ?? 'not known';
			byReason.set(why, [...(byReason.get(why) ?? []), check]);
		}

		for (const [why, group] of byReason) {
			lines.push(`- ${group.map(check => `${check.fixture} ${check.what}: ${check.measured.split(' (')[0]}`).join('; ')}. Why: ${why}.`);
		}
	}

	lines.push('', '### The "no worse" timing targets and the tolerance', '', ...toleranceListing(checks), '');
	lines.push(...peerFileLines(results));
	lines.push('## dockwiz\'s Dockerfiles', '', 'As built, for the first project:', '');
	const first = results.fixtures[0];
	if (first) {
		for (const v of first.variants.filter(candidate => candidate.name.startsWith('dockwiz'))) {
			lines.push(`<details><summary>${v.label}</summary>`, '', '```dockerfile', v.dockerfile.trimEnd(), '```', '', ...(v.dockerignore === null ? [] : ['.dockerignore:', '', '```', v.dockerignore.trimEnd(), '```', '']), '</details>', '');
		}
	}

	return lines.join('\n');
}

/** The readme's summary: one row per project, the ratios the targets are about. */
export function summaryMarkdown(results: BenchResults): string {
	const lines = [
		markdownRow(['project', 'naive', 'docker init', 'dockwiz slim', 'dockwiz distroless', 'slim/naive size', 'slim/naive warm rebuild']),
		markdownRow(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
	];
	for (const f of results.fixtures) {
		const get = (name: VariantResult['name']) => f.variants.find(v => v.name === name);
		const cell = (v: VariantResult | undefined) => (v?.sizeBytes ? `${megabytes(v.sizeBytes)}, warm ${v.warmSeconds?.median.toFixed(1) ?? '-'} s` : 'failed');
		const naive = get('naive');
		const slim = get('dockwiz-slim');
		const sizeRatio = naive?.sizeBytes && slim?.sizeBytes ? (slim.sizeBytes / naive.sizeBytes).toFixed(2) : '-';
		const warmRatio = naive?.warmSeconds && slim?.warmSeconds ? (slim.warmSeconds.median / naive.warmSeconds.median).toFixed(2) : '-';
		lines.push(markdownRow([f.name, cell(naive), cell(get('docker-init')), cell(slim), cell(get('dockwiz-distroless')), sizeRatio, warmRatio]));
	}

	return lines.join('\n');
}
