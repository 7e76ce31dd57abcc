import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readProjectConfig} from '../../source/analysis/project-config.js';
import {applyProjectConfig, resolveCiFlags} from '../../source/ci/ci-options.js';
import {readConfigTable} from '../../source/ci/config.js';
import {resolveOptions, type Flags} from '../../source/options.js';
import {treesRemovedAfterEach} from '../analysis/tree.js';

const tree = treesRemovedAfterEach();

const fullPyproject = `[project]
name = "shop"
dependencies = ["flask"]

[tool.dockwiz]
base = "distroless"
python = "3.11"
port = 8080
ignored = ["DL3008", "dw020"]
trusted-registries = ["docker.io", "*.example.com"]

[tool.dockwiz.override]
error = ["DL3009"]
style = ["DW007"]

[tool.dockwiz.budgets]
max-size = "200MB"
max-ratio = 0.5
max-rebuild = "5s"
no-root = false
smoke = true
image = "proposal"
`;

async function configError(files: Record<string, string>): Promise<string> {
	const result = await readProjectConfig(await tree(files));
	if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.config)}`);
	return result.message;
}

describe('reading [tool.dockwiz] and .dockwiz.toml', () => {
	it('reads every setting of [tool.dockwiz] in pyproject.toml', async () => {
		const result = await readProjectConfig(await tree({'pyproject.toml': fullPyproject}));
		expect(result).toEqual({ok: true, config: {
			file: 'pyproject.toml',
			base: 'distroless',
			python: '3.11',
			port: 8080,
			budgets: {maxSizeBytes: 200_000_000, maxRatio: 0.5, maxRebuildSeconds: 5, noRoot: false, smoke: true, image: 'proposal'},
			rules: {ignored: ['DL3008', 'DW020'], override: {DL3009: 'error', DW007: 'info'}, trustedRegistries: ['docker.io', '*.example.com']},
		}});
	});

	it('reads the same keys at the top of .dockwiz.toml', async () => {
		const result = await readProjectConfig(await tree({'.dockwiz.toml': 'ignored = ["DL3013"]\n[budgets]\nmax-size = 150000000\nno-error-findings = false\n', 'pyproject.toml': '[project]\nname = "x"\n'}));
		expect(result.ok && result.config).toMatchObject({file: '.dockwiz.toml', budgets: {maxSizeBytes: 150_000_000, noErrorFindings: false}, rules: {ignored: ['DL3013']}});
	});

	it('finds nothing in a project without settings, or with a pyproject.toml of other tools', async () => {
		expect(await readProjectConfig(await tree({'app.py': ''}))).toEqual({ok: true, config: null});
		expect(await readProjectConfig(await tree({'pyproject.toml': '[tool.black]\nline-length = 100\n'}))).toEqual({ok: true, config: null});
		// A broken pyproject.toml without our table is the scan's finding, not a stop.
		expect(await readProjectConfig(await tree({'pyproject.toml': '[project\nname = \n'}))).toEqual({ok: true, config: null});
	});

	it('names the file and the key of each mistake', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{'pyproject.toml': '[tool.dockwiz]\nbase = "tiny"\n'}, 'pyproject.toml: tool.dockwiz.base = "tiny" is not a base flavor dockwiz knows. Use "slim", "distroless" or "alpine".'],
			[{'pyproject.toml': '[tool.dockwiz]\npython = 3.10\n'}, 'pyproject.toml: tool.dockwiz.python = 3.1 must be a string in quotes (TOML reads 3.10 as the number 3.1). Write e.g. python = "3.12".'],
			[{'pyproject.toml': '[tool.dockwiz]\npython = "2.7"\n'}, 'pyproject.toml: tool.dockwiz.python = "2.7" is not a Python version dockwiz can build.'],
			[{'pyproject.toml': '[tool.dockwiz]\nport = 70000\n'}, 'pyproject.toml: tool.dockwiz.port = 70000 is not a port.'],
			[{'pyproject.toml': '[tool.dockwiz]\nmax-size = "200MB"\n'}, 'pyproject.toml: tool.dockwiz.max-size is not a setting dockwiz knows. Use base, python, port, ignored, override, trusted-registries or budgets.'],
			[{'pyproject.toml': '[tool.dockwiz.budgets]\nmax-size = "big"\n'}, 'pyproject.toml: tool.dockwiz.budgets.max-size = "big" is not a size. Give one with its unit, e.g. max-size = "200MB".'],
			[{'pyproject.toml': '[tool.dockwiz.budgets]\nmax-rebuild = "fast"\n'}, 'pyproject.toml: tool.dockwiz.budgets.max-rebuild = "fast" is not a duration.'],
			[{'pyproject.toml': '[tool.dockwiz.budgets]\nmax-ratio = "half"\n'}, 'pyproject.toml: tool.dockwiz.budgets.max-ratio = "half" is not a ratio.'],
			[{'pyproject.toml': '[tool.dockwiz.budgets]\nmax-wasted = "lots"\n'}, 'pyproject.toml: tool.dockwiz.budgets.max-wasted = "lots" is not a size.'],
			[{'pyproject.toml': '[tool.dockwiz.budgets]\nno-root = "yes"\n'}, 'pyproject.toml: tool.dockwiz.budgets.no-root = "yes" must be true or false'],
			[{'pyproject.toml': '[tool.dockwiz.budgets]\nmax-layers = 3\n'}, 'pyproject.toml: tool.dockwiz.budgets.max-layers is not a budget dockwiz knows.'],
			[{'.dockwiz.toml': 'ignored = "DL3008"\n'}, '.dockwiz.toml: ignored must be a list of strings, e.g. ignored = ["DL3008"].'],
			[{'.dockwiz.toml': 'ignored = ["no-pip-cache"]\n'}, '.dockwiz.toml: ignored has "NO-PIP-CACHE", which is not a rule id.'],
			[{'.dockwiz.toml': '[override]\nfatal = ["DL3008"]\n'}, '.dockwiz.toml: override.fatal is not a severity. Use error, warning, info or style.'],
			[{'.dockwiz.toml': 'trusted-registries = ["https://ghcr.io/x"]\n'}, '.dockwiz.toml: trusted-registries has "https://ghcr.io/x", which is not a registry host.'],
			[{'.dockwiz.toml': 'budgets = 3\n'}, '.dockwiz.toml: budgets must be a table'],
			[{'.dockwiz.toml': 'base = "slim\n'}, '.dockwiz.toml is not valid TOML (line 1, column'],
			[{'pyproject.toml': '[tool.dockwiz]\nbase = \n'}, 'pyproject.toml is not valid TOML (line 2, column'],
			[{'pyproject.toml': '[tool]\ndockwiz = 3\n'}, 'pyproject.toml: tool.dockwiz must be a table'],
			[{'pyproject.toml': '[tool.dockwiz]\nport = 8000\n', '.dockwiz.toml': 'port = 8000\n'}, 'Both .dockwiz.toml and pyproject.toml\'s [tool.dockwiz] hold dockwiz settings.'],
		];
		for (const [files, message] of cases) {
			expect(await configError(files), JSON.stringify(files)).toContain(message);
		}
	});

	it('reads a config only from the project: a link out of it is refused, not followed', async () => {
		const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-outside-'));
		try {
			fs.writeFileSync(path.join(outside, 'settings.toml'), 'port = 1\n');
			const root = await tree({'app.py': ''});
			fs.symlinkSync(path.join(outside, 'settings.toml'), path.join(root, '.dockwiz.toml'));
			expect(await readProjectConfig(root)).toEqual({ok: false, message: '.dockwiz.toml is a link that leads outside the project folder: dockwiz reads its settings only from a regular file in the project. Replace it with one.'});
		} finally {
			fs.rmSync(outside, {recursive: true, force: true});
		}
	});

	it('checks a table without the file system: unknown keys stop it', () => {
		expect(readConfigTable({}, '.dockwiz.toml', '')).toEqual({ok: true, config: {file: '.dockwiz.toml', budgets: {}, rules: {ignored: [], override: {}, trustedRegistries: []}}});
		expect(readConfigTable({bases: 'slim'}, '.dockwiz.toml', '')).toMatchObject({ok: false, message: expect.stringContaining('.dockwiz.toml: bases is not a setting dockwiz knows') as string});
	});
});

describe('flags over the config', () => {
	const resolve = (flags: Flags) => resolveOptions([], flags, {}, false, '/', () => true);

	it('fills what the flags left out, and lets every flag win', async () => {
		const config = await readProjectConfig(await tree({'pyproject.toml': fullPyproject.replace('base = "distroless"', 'base = "alpine"')}));
		if (!config.ok || !config.config) throw new Error('config expected');
		const flags: Flags = {ci: true, maxSize: '300MB'};
		const base = resolve(flags);
		if (!base.ok) throw new Error(base.message);
		const applied = applyProjectConfig(base.options, flags, config.config);
		if (!applied.ok) throw new Error(applied.message);
		expect(applied.options).toMatchObject({base: 'alpine', python: '3.11', port: 8080, configFile: 'pyproject.toml', ci: true, yes: true, mode: 'plain'});
		// --max-size wins over max-size; the config's other budgets stay.
		expect(applied.options.budgets).toEqual({maxSizeBytes: 300_000_000, maxRatio: 0.5, maxRebuildSeconds: 5, noRoot: false, smoke: true, image: 'proposal'});

		const withFlags: Flags = {base: 'slim', python: '3.12'};
		const flagged = resolve(withFlags);
		if (!flagged.ok) throw new Error(flagged.message);
		const over = applyProjectConfig(flagged.options, withFlags, config.config);
		expect(over.ok && over.options).toMatchObject({base: 'slim', python: '3.12'});
	});

	it('refuses a distroless base with another Python, naming where each came from', async () => {
		const config = await readProjectConfig(await tree({'.dockwiz.toml': 'base = "distroless"\n'}));
		if (!config.ok || !config.config) throw new Error('config expected');
		const flags: Flags = {python: '3.12'};
		const resolved = resolve(flags);
		if (!resolved.ok) throw new Error(resolved.message);
		expect(applyProjectConfig(resolved.options, flags, config.config)).toEqual({ok: false, message: '--python 3.12 cannot be used with base = "distroless" in .dockwiz.toml: the distroless image has only Python 3.11. Use Python 3.11, or the slim base for Python 3.12.'});
	});
});

describe('the CI flags', () => {
	it('turn into options: --ci asks nothing and writes nothing; --format picks the document', () => {
		expect(resolveCiFlags({ci: true, format: 'sarif', maxSize: '200MB', maxRatio: '0.5', maxRebuild: '5s'})).toEqual({ok: true, value: {ci: true, format: 'sarif', budgets: {maxSizeBytes: 200_000_000, maxRatio: 0.5, maxRebuildSeconds: 5}}});
		const sarif = resolveOptions([], {format: 'sarif', build: false}, {}, true, '/', () => true);
		expect(sarif.ok && sarif.options).toMatchObject({mode: 'json', format: 'sarif', json: false});
		const json = resolveOptions([], {format: 'json'}, {}, true, '/', () => true);
		expect(json.ok && json.options).toMatchObject({mode: 'json', json: true});
		const ci = resolveOptions([], {ci: true}, {}, true, '/', () => true);
		expect(ci.ok && ci.options).toMatchObject({mode: 'plain', yes: true, write: false, ci: true, budgets: {}});
	});

	it('refuse what contradicts them with a message that names the fix', () => {
		const message = (flags: Flags) => {
			const result = resolveOptions([], flags, {}, false, '/', () => true);
			return result.ok ? 'ok' : result.message;
		};

		expect(message({format: 'xml'})).toBe('--format xml is not an output format dockwiz writes. Use --format text, --format json, --format sarif, --format github or --format markdown.');
		expect(message({json: true, format: 'sarif'})).toBe('--json and --format sarif contradict each other (--json is --format json). Pass one of them.');
		expect(message({ci: true, write: true})).toBe('--ci never writes the project\'s files. Drop --write (run dockwiz --write on your machine to write the proposal).');
		expect(message({maxSize: '200MB'})).toBe('--max-size sets a budget, which only --ci checks. Add --ci, or drop --max-size.');
		expect(message({ci: true, maxSize: 'huge'})).toBe('--max-size huge is not a size. Give e.g. --max-size 200MB.');
		expect(message({ci: true, maxRatio: '2x'})).toBe('--max-ratio 2x is not an after/before size ratio above 0. Give e.g. --max-ratio 0.5.');
		expect(message({ci: true, maxRebuild: 'quick'})).toBe('--max-rebuild quick is not a duration. Give e.g. --max-rebuild 5s.');
		expect(message({ci: true, maxWasted: 'some'})).toBe('--max-wasted some is not a size. Give e.g. --max-wasted 10MB.');
	});
});
