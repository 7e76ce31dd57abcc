// Rewrites an app's dependency files (in a temporary copy) so they ask only for what the
// offline index serves: a pin the index cannot meet loses its version, psycopg2-binary
// becomes psycopg2 (Debian packages only the one linked to the system's libpq), and a
// project Debian does not package is dropped. Every change is returned, to be printed:
// this is the harness adapting real apps to an offline machine, never the product.
import {readdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';

export type Relaxation = {file: string; from: string; to: string; why: string};

export type IndexLookup = (name: string) => Promise<string | null>;

// Old or binary-only names of projects Debian packages under their current name.
const renames = new Map([['psycopg2-binary', 'psycopg2'], ['psycopg-binary', 'psycopg'], ['mysql-connector', 'mysql-connector-python']]);

export function normalizeName(name: string): string {
	return name.toLowerCase().replaceAll(/[-_.]+/g, '-');
}

/** The version the index serves for a project, or null (http://host/simple/<name>/ -> wheel names). */
export function indexLookup(indexUrl: string): IndexLookup {
	const cache = new Map<string, Promise<string | null>>();
	return async name => {
		const key = normalizeName(name);
		if (!cache.has(key)) {
			cache.set(key, (async () => {
				// The index answers 404 for a project Debian does not package; anything else is a
				// failure of the index, which must stop the run rather than drop a requirement.
				const response = await fetch(`${indexUrl}${key}/`, {signal: AbortSignal.timeout(300_000)});
				if (response.status === 404) return null;
				if (!response.ok) throw new Error(`the index answered ${response.status} for ${key}`);
				const page = await response.text();
				const wheel = /href="[^"]*?-([0-9][^-"]*)-[^"-]+-[^"-]+-[^"-]+\.whl"/.exec(page);
				return wheel ? wheel[1] : null;
			})());
		}

		return cache.get(key)!;
	};
}

/** Whether a version meets a PEP 440 specifier list, for the forms apps use (==, >=, <=, >, <, ~=, !=). */
export function satisfies(version: string, spec: string): boolean {
	const parts = (text: string) => text.split(/[.+-]/).map(part => Number.parseInt(part, 10)).map(n => Number.isNaN(n) ? 0 : n);
	const compare = (a: string, b: string) => {
		const left = parts(a);
		const right = parts(b);
		for (let i = 0; i < Math.max(left.length, right.length); i++) {
			const d = (left[i] ?? 0) - (right[i] ?? 0);
			if (d !== 0) return Math.sign(d);
		}

		return 0;
	};

	for (const clause of spec.split(',').map(c => c.trim()).filter(Boolean)) {
		const match = /^(===|==|>=|<=|~=|!=|>|<)\s*(.+)$/.exec(clause);
		if (!match) return false;
		const [, op, raw] = match;
		const wanted = raw!.trim();
		if (wanted.endsWith('.*')) {
			const prefix = wanted.slice(0, -2);
			const same = version === prefix || version.startsWith(`${prefix}.`);
			if ((op === '==' && !same) || (op === '!=' && same)) return false;
			continue;
		}

		const c = compare(version, wanted);
		const ok = {'==': c === 0, '===': version === wanted, '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0, '!=': c !== 0,
			'~=': c >= 0 && compare(version, wanted.split('.').slice(0, -1).join('.') + '.999999') <= 0}[op!];
		if (!ok) return false;
	}

	return true;
}

const requirementLine = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*([^;#]*?)\s*(;[^#]*)?(#.*)?$/;

/** One requirement string relaxed to the index, or null to drop it. */
async function relaxRequirement(line: string, file: string, lookup: IndexLookup, out: Relaxation[]): Promise<string | null> {
	let text = line;
	const match = requirementLine.exec(text.trim());
	if (!match) return text;
	const [, rawName, extras = '', spec = '', marker = ''] = match;
	let name = rawName!;
	const renamed = renames.get(normalizeName(name));
	if (renamed) {
		out.push({file, from: text.trim(), to: renamed + extras, why: `Debian packages ${renamed}, not ${name}`});
		name = renamed;
	}

	const version = await lookup(name);
	if (version === null) {
		out.push({file, from: text.trim(), to: '(dropped)', why: `Debian does not package ${name}`});
		return null;
	}

	const pythonMarker = /\s*(and\s+)?python(_full)?_version\s*(==|>=|<=|<|>|!=|~=)\s*["']([^"']+)["']\s*(and\s+)?/g;
	let kept = marker;
	if (marker && /python(_full)?_version/.test(marker)) {
		const excludes = [...marker.matchAll(pythonMarker)].some(m => !satisfies('3.11', `${m[3]}${m[4]}`));
		kept = marker.replace(pythonMarker, ' ').replace(/^;\s*(and\s+)?/, '; ').replace(/\s*(and\s*)?$/, '').trim();
		if (kept === ';') kept = '';
		if (excludes) {
			out.push({file, from: text.trim(), to: `${name}${extras}${spec}${kept ? ` ${kept}` : ''}`, why: 'its python_version marker excludes 3.11, the offline Python'});
			text = `${name}${extras}${spec}${kept ? ` ${kept}` : ''}`;
		}
	}

	const cleanSpec = spec.replace(/^\s*@.*/, '').trim();
	if (cleanSpec && !cleanSpec.startsWith('@') && !satisfies(version, cleanSpec.replaceAll(/\s+/g, ''))) {
		out.push({file, from: text.trim(), to: `${name}${extras}`, why: `the index serves ${version}`});
		return `${name}${extras}${kept ? ` ${kept}` : ''}`;
	}

	return renamed ? `${name}${extras}${spec ? spec : ''}${kept ? ` ${kept}` : ''}` : text;
}

async function relaxRequirementsFile(root: string, file: string, lookup: IndexLookup, out: Relaxation[]): Promise<void> {
	const full = path.join(root, file);
	const lines = (await readFile(full, 'utf8')).split('\n');
	const kept: string[] = [];
	for (const line of lines) {
		const trimmed = line.trim();
		if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('-') || trimmed.includes('://') || trimmed.startsWith('.') || trimmed.startsWith('/')) {
			kept.push(line);
			continue;
		}

		const relaxed = await relaxRequirement(trimmed.replace(/\s+--hash=\S+/g, ''), file, lookup, out);
		if (relaxed !== null) kept.push(relaxed);
	}

	await writeFile(full, kept.join('\n'));
}

/** `name = "spec"` / `name = {version = "spec", ...}` tables (Pipfile, [tool.poetry.dependencies]). */
async function relaxTomlTable(text: string, header: RegExp, file: string, lookup: IndexLookup, out: Relaxation[]): Promise<string> {
	const lines = text.split('\n');
	let inside = false;
	const result: string[] = [];
	for (const line of lines) {
		if (/^\s*\[/.test(line)) inside = header.test(line.trim());
		const entry = /^(\s*)("?)([A-Za-z0-9][A-Za-z0-9._-]*)\2\s*=\s*(.+)$/.exec(line);
		if (!inside || !entry || normalizeName(entry[3]!) === 'python') {
			result.push(line);
			continue;
		}

		const [, indent, , name, value] = entry;
		const renamed = renames.get(normalizeName(name!));
		const target = renamed ?? name!;
		const version = await lookup(target);
		if (version === null) {
			out.push({file, from: line.trim(), to: '(dropped)', why: `Debian does not package ${target}`});
			continue;
		}

		const spec = /^"([^"]*)"/.exec(value!.trim())?.[1] ?? /version\s*=\s*"([^"]*)"/.exec(value!)?.[1] ?? '*';
		const pep440 = spec.replace(/^\^(\d+)(.*)$/, '>=$1$2').replace(/^~(\d)/, '>=$1');
		if (renamed || (spec !== '*' && !satisfies(version, pep440.replaceAll(/\s+/g, '')))) {
			const extras = /extras\s*=\s*(\[[^\]]*\])/.exec(value!)?.[1];
			const to = `${indent}${target} = ${extras ? `{version = "*", extras = ${extras}}` : '"*"'}`;
			out.push({file, from: line.trim(), to: to.trim(), why: renamed ? `Debian packages ${renamed}` : `the index serves ${version}`});
			result.push(to);
			continue;
		}

		result.push(line);
	}

	return result.join('\n');
}

/** PEP 621 `dependencies = [...]` in pyproject.toml. */
async function relaxProjectDependencies(text: string, file: string, lookup: IndexLookup, out: Relaxation[]): Promise<string> {
	// The array's body is strings, commas, blanks and comments: a `]` inside a string (`"celery[redis]"`) does not end it.
	const block = /(\n\s*dependencies\s*=\s*\[)((?:\s|,|#[^\n]*|"[^"]*"|'[^']*')*)(\])/.exec(text);
	if (!block) return text;
	const items = [...block[2]!.matchAll(/"([^"]+)"|'([^']+)'/g)].map(m => m[1] ?? m[2]!);
	const relaxed: string[] = [];
	for (const item of items) {
		const value = await relaxRequirement(item, file, lookup, out);
		if (value !== null) relaxed.push(value);
	}

	const body = relaxed.map(item => `\n    "${item.replaceAll('"', '\'')}",`).join('') + '\n';
	return text.slice(0, block.index) + block[1] + body + block[3] + text.slice(block.index + block[0].length);
}

async function exists(file: string): Promise<boolean> {
	return readFile(file).then(() => true, () => false);
}

async function requirementFiles(root: string, folder = ''): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(path.join(root, folder), {withFileTypes: true})) {
		const rel = path.join(folder, entry.name);
		if (entry.isDirectory() && (entry.name === 'requirements' || entry.name === 'requirements.d')) {
			found.push(...await requirementFiles(root, rel));
		} else if (entry.isFile() && /^requirements.*\.(txt|in)$|\.txt$/.test(entry.name) && (folder !== '' || entry.name.startsWith('requirements'))) {
			found.push(rel);
		}
	}

	return found;
}

/** Relaxes every dependency file of the app copied to `root`, returning what changed. */
export async function relaxApp(root: string, lookup: IndexLookup): Promise<Relaxation[]> {
	const out: Relaxation[] = [];
	for (const file of await requirementFiles(root)) {
		await relaxRequirementsFile(root, file, lookup, out);
	}

	const pyproject = path.join(root, 'pyproject.toml');
	if (await exists(pyproject)) {
		let text = await readFile(pyproject, 'utf8');
		text = await relaxProjectDependencies(text, 'pyproject.toml', lookup, out);
		text = await relaxTomlTable(text, /^\[tool\.poetry\.(dependencies|group\.main\.dependencies)\]$/, 'pyproject.toml', lookup, out);
		await writeFile(pyproject, text);
	}

	const pipfile = path.join(root, 'Pipfile');
	if (await exists(pipfile)) {
		await writeFile(pipfile, await relaxTomlTable(await readFile(pipfile, 'utf8'), /^\[packages\]$/, 'Pipfile', lookup, out));
	}

	// Offline there is no pipenv recent enough for the proposal's tool venv (Debian bookworm has
	// 2022.12): an app that also ships a requirements file is run on that file instead.
	if (await exists(pipfile) && (await requirementFiles(root)).length > 0) {
		await rm(pipfile);
		out.push({file: 'Pipfile', from: 'Pipfile', to: '(removed)', why: 'no pipenv >= 2023.10 offline; the app\'s requirements file is used'});
	}

	// A lock names versions (and hashes) the index cannot serve; with its manifest relaxed, the
	// lock is removed and the tool resolves again from the index.
	for (const lock of ['Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock']) {
		if (await exists(path.join(root, lock))) {
			await rm(path.join(root, lock));
			out.push({file: lock, from: lock, to: '(removed)', why: 'it pins versions and hashes the offline index cannot serve'});
		}
	}

	return out;
}
