// The benchmark's tables: plain text for the terminal, Markdown for bench/results.md and the readme.
import type {Spread} from '../source/types.js';
import {runsAsNonRoot, type BenchResults, type FixtureResult, type VariantResult} from './results.js';
import {checkFixture, timingFloorSeconds, timingTolerance, type Check} from './targets.js';

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

function row(v: VariantResult): string[] {
	if (v.sizeBytes === null) {
		return [v.label, `FAILED: ${(v.error ?? 'did not build').split('\n')[0].slice(0, 120)}`, '', '', '', '', '', '', '', ''];
	}

	const user = v.user === null ? '-' : runsAsNonRoot(v.user) ? v.user : `${v.user} (root)`;
	// A dependency change that was not measured says so; its reason is in the notes under the table.
	const dependency = v.dependencySeconds ? seconds(v.dependencySeconds) : v.dependencyNote ? 'not measured' : '-';
	return [v.label, megabytes(v.sizeBytes), seconds(v.coldSeconds), seconds(v.warmSeconds), dependency, seconds(v.firstAnswerSeconds ?? null), contextSize(v.contextBytes), String(v.layers ?? '-'), user, v.httpStatus === null ? 'none' : String(v.httpStatus)];
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

export function checkLine(check: Check): string {
	return `${check.pass ? 'PASS' : 'MISS'}  ${check.fixture}: ${check.what} ${check.measured} (target ${check.target})${check.why ? ` — ${check.why}` : ''}`;
}

export function allChecks(results: BenchResults): Check[] {
	return results.fixtures.flatMap(f => checkFixture(f));
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

	// The setuptools copy is 8.5 MB: a larger gap has another cause, which the bench does not guess.
	if (check.what === 'slim/docker-init size' && slim.sizeBytes !== null && init.sizeBytes !== null && slim.sizeBytes - init.sizeBytes < 12e6) {
		return `${megabytes(slim.sizeBytes - init.sizeBytes)} more. gunicorn 20.1, the only gunicorn the offline index serves, requires setuptools: docker-init-style's pip installs into the system Python and finds the base image's setuptools (8.5 MB here) already there, while dockwiz's virtualenv installs its own copy. gunicorn 22 and later (what PyPI serves) no longer need setuptools, so on a machine with PyPI this difference should go away; the bench here cannot show it`;
	}

	const naive = f?.variants.find(v => v.name === 'naive');
	if (check.what === 'slim/naive warm rebuild' && slim.warmSeconds && naive?.warmSeconds) {
		return `the naive rebuild reruns pip install, here from a package index on the loopback (${naive.warmSeconds.median.toFixed(2)} s; downloads from PyPI take longer), while dockwiz's ${slim.warmSeconds.median.toFixed(2)} s (min ${slim.warmSeconds.min.toFixed(2)}) rebuild copies only the code`;
	}

	if (check.what.includes('warm rebuild') && slim.warmSeconds && init.warmSeconds) {
		return `both rebuild only the code layer: ${slim.warmSeconds.median.toFixed(2)} s against ${init.warmSeconds.median.toFixed(2)} s`;
	}

	if (check.what.includes('dependency-change rebuild')) {
		const other = f?.variants.find(v => check.what === `slim/${v.name} dependency-change rebuild`);
		return `both rerun pip install for every dependency (${slim.dependencySeconds?.median.toFixed(2) ?? '-'} s against ${other?.dependencySeconds?.median.toFixed(2) ?? '-'} s): a requirements file that changes invalidates the install layer in any template. dockwiz's pip cache mount keeps downloads for the next build, but the offline index's server (Python's SimpleHTTP) sends no cache headers, so pip caches nothing from it and downloads again; with PyPI (immutable, cacheable files) only the new package would be fetched. Installing and compiling the unchanged packages again is what remains, and dockwiz's install has more of them: gunicorn 20.1 and the setuptools it needs (1.3 MB, the largest wheel here) go into the virtualenv, which is then copied into the runtime stage as a layer of its own, while the naive image runs Flask's development server and finds setuptools in the base image`;
	}

	if (check.what === 'distroless/slim cold build') {
		return 'the distroless builder adds a step of its own (the folders the app writes to, made under /runtime) and a second base image to unpack';
	}

	if (check.what.includes('first answer')) {
		return 'not measured step by step; likely the server: the naive image runs Flask\'s development server in one process, dockwiz runs gunicorn, which starts a master and then a worker (each importing what it needs) before the first answer, and gunicorn 20.1 (the only one the offline index serves) imports pkg_resources at start, which scans every installed distribution (`import pkg_resources` alone took 1.6 s in python:3.11-slim on this machine during the bench); gunicorn 22 and later no longer import it. The distroless stand-in also ships compiled bytecode for only 11 of the 171 standard-library modules at the top of /usr/lib/python3.11 (the slim stand-in has all 171), so every distroless start compiles the rest in memory';
	}

	if (check.what.includes('cold build')) {
		return 'not measured step by step; likely because the two-stage build does more from scratch: a virtualenv built in one stage and copied into the runtime stage as a layer of its own, with gunicorn 20.1 and its setuptools installed into it. Both use a pip cache mount, which saves nothing here: the offline index sends no cache headers, so pip stores none of its downloads. docker-init-style installs into the system Python in one stage, where setuptools is already present';
	}

	if (check.what.includes('context bytes')) {
		return 'docker init\'s .dockerignore also leaves out README.md, LICENSE, .gitignore and bin/, which dockwiz keeps: it excludes only what the app cannot need';
	}

	if (check.what.includes('layers')) {
		return 'the runtime stage adds its own layers (user, virtualenv, code)';
	}

	return undefined;
}

/** bench/results.md: the method, the machine, a table per fixture, the target checks. */
export function resultsMarkdown(results: BenchResults): string {
	const checks = allChecks(results);
	const missed = checks.filter(check => !check.pass);
	const lines = [
		'# dockwiz benchmark',
		'',
		`Measured ${results.date} with \`npm run bench\` (bench/compare.ts), ${results.runs} ${results.runs === 1 ? 'run' : 'runs'} of each build.`,
		'',
		`Machine: ${machineLine(results)}.`,
		'',
		'## Method',
		'',
		'For each project, five Dockerfiles are built on the same engine, with the same builder and the same network mode, by dockwiz\'s own engine code (the context is packed and sent by dockwiz, as the product does):',
		'',
		'1. **naive**: `FROM python:3.11`, `WORKDIR /app`, `COPY . .`, `pip install` (requirements, or `.` for a pyproject project), `CMD python app.py`; no .dockerignore.',
		'2. **article\'s recipe**: a small base, the dependency files copied first, one `RUN` that removes pip\'s cache, a .dockerignore. The article uses `python:3.11-alpine`; no alpine image can be had offline here, so this is **python:3.11-slim**.',
		'3. **docker-init-style**: one stage on `python:3.11-slim`, a BuildKit cache mount for pip with the requirements bind-mounted, an unprivileged user, `COPY . .` after the dependencies, gunicorn, and docker init\'s .dockerignore.',
		'4. **dockwiz slim** and 5. **dockwiz distroless**: what `dockwiz` proposes (Dockerfile and .dockerignore), unchanged.',
		'',
		'Cold build: no cache. Warm rebuild: right after, one line appended to the app\'s module in the context stream (the folder is never written), built with the cache. BuildKit is used for every variant because the docker-init-style Dockerfile needs it (`RUN --mount`); BuildKit keeps cache mounts across no-cache builds, so docker-init-style cold builds after the first find pip\'s downloads in its cache mount, as they would on a developer\'s machine.',
		'Dependency change: after the warm rebuild, one package is added to the dependency file in the context stream (requirements.txt: a line; pyproject.toml: into `[project].dependencies`), chosen by dockwiz as the first of six, text-unidecode, pytz, idna the project does not list (each one pure-Python wheel with no dependencies, served by PyPI and the offline index), and built with the cache. It counts only when the rebuilt image has the package (checked with `importlib.metadata` in a container); a Dockerfile that does not install from the file is "not measured", with the reason under the table. First answer: from the container\'s start request to its first HTTP answer (probed every 50 ms), one new container per run.',
		'Size: the engine\'s image size; layers: filesystem layers; context: bytes of the tar sent; user: the image\'s `USER` (root when unset); HTTP: the first answer from the container, run on the host network, at 127.0.0.1 and the app\'s port (any status below 500 counts).',
		`Times are medians of the runs with (min–max). Timing tolerance for "no worse": a dockwiz time counts as worse than docker-init-style only when its median is more than ${timingTolerance * 100} % and more than ${timingFloorSeconds} s above docker-init-style's median, and above docker-init-style's slowest run (sub-second rebuilds of identical work vary by a few hundred milliseconds on this shared 2-core machine). Sizes and layers are compared exactly; context bytes too, on the project's files: the tar bytes less each variant's own Dockerfile and .dockerignore, which differ by design (dockwiz's carry a comment for each choice). The table shows the whole tar.`,
		'',
		'The projects: bench/fixtures/ and the demo app. The fourth was to be a Poetry or uv project; it is a PEP 621 pyproject.toml project instead, because neither can install offline here: Poetry (1.3.2 is what the local index has) fetches from PyPI unless the project names another source, which would be wrong on a real machine, and uv is not in the index. The fifth ships its own C extension (`./fastsum` in requirements.txt, `setup.py` with `ext_modules`), which dockwiz detects and builds with build-essential and python3-dev in the builder stage only; the single-stage templates install them in their only stage.',
		'',
		'Offline stand-ins (see ../shared/TESTENV.md in the team\'s notes, scripts/engine-up.sh): python:3.11 (~850 MB), python:3.11-slim (~210 MB), debian:12-slim and a distroless python image are built from Debian 12 packages, and a local package index serves Debian\'s Flask 2.2, gunicorn 20.1, waitress and their dependencies. Sizes on the official images differ, ratios are what to compare.',
		'',
		...(results.notes ?? []).flatMap(note => [`Note: ${note}`, '']),
		'## Results',
		'',
	];
	for (const f of results.fixtures) {
		lines.push(`### ${f.name}`, '', `${f.shape}; ${f.manager}; serves \`${f.wsgiTarget ?? '?'}\` on port ${f.port}; warm edit in \`${f.editFile}\`.`, '', markdownTable(f), '');
		const notes = f.variants.flatMap(v => [...v.notes, ...(v.dependencyNote ? [`dependency change not measured: ${v.dependencyNote}.`] : [])].map(note => `- ${v.label}: ${note}`));
		if (notes.length > 0) {
			lines.push(...notes, '');
		}
	}

	lines.push('## Targets', '', '| | fixture | check | measured | target |', '| --- | --- | --- | ---: | --- |');
	for (const check of checks) {
		lines.push(markdownRow([check.pass ? 'PASS' : '**MISS**', check.fixture, check.what, check.measured, check.target]));
	}

	lines.push('');
	if (missed.length === 0) {
		lines.push('Every target was met.');
	} else {
		lines.push(`${missed.length} of ${checks.length} checks missed:`, '');
		for (const check of missed) {
			const why = explainMiss(check, results);
			lines.push(`- ${check.fixture}, ${check.what}: ${check.measured} against ${check.target}${why ? `. Why: ${why}` : ''}.`);
		}
	}

	lines.push('', '## The Dockerfiles', '', 'As built, for the first project:', '');
	const first = results.fixtures[0];
	if (first) {
		for (const v of first.variants) {
			lines.push(`<details><summary>${v.label}</summary>`, '', '```dockerfile', v.dockerfile.trimEnd(), '```', '', ...(v.dockerignore === null ? [] : ['.dockerignore:', '', '```', v.dockerignore.trimEnd(), '```', '']), '</details>', '');
		}
	}

	return lines.join('\n');
}

/** The readme's summary: one row per project, the ratios the targets are about. */
export function summaryMarkdown(results: BenchResults): string {
	const lines = [
		markdownRow(['project', 'naive', 'docker-init-style', 'dockwiz slim', 'dockwiz distroless', 'slim/naive size', 'slim/naive warm rebuild']),
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
