import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {failureRules, hintsFor, renderFailureHintsDoc, type FailureExample, type FailureRule} from '../../source/advice/failure-hints/index.js';
import {maskSecrets} from '../../source/analysis/mask-secrets.js';
import {debianPackageOfLibrary, libraryStem} from '../../source/advice/failure-hints/fh004-missing-shared-library.js';

function inputOf(example: FailureExample) {
	return {phase: example.phase, instruction: example.instruction, exitCode: example.exitCode, logTail: example.log.split('\n')};
}

/** Each example of each hint, numbered as the catalogue lists them. */
function cases(kind: 'bad' | 'good') {
	return failureRules.flatMap(rule => rule.examples[kind].map((example, index) => [`${rule.id} ${kind} #${index + 1}`, rule, example] as const));
}

describe('the failure hint catalogue', () => {
	it('has unique FH ids in order, each with a title, a fix, a phase and both kinds of example', () => {
		const ids = failureRules.map(rule => rule.id);
		expect(ids).toEqual(ids.map((_id, index) => `FH${String(index + 1).padStart(3, '0')}`));
		for (const rule of failureRules) {
			expect(rule.title.length, rule.id).toBeGreaterThan(10);
			expect(rule.fix.length, rule.id).toBeGreaterThan(20);
			expect(rule.phases.length, rule.id).toBeGreaterThan(0);
			expect(rule.examples.bad.length, rule.id).toBeGreaterThan(0);
			expect(rule.examples.good.length, rule.id).toBeGreaterThan(0);
		}
	});

	it.each(cases('bad'))('%s is recognised, and the hint names what it must', (_name, rule: FailureRule, example) => {
		const hints = hintsFor(inputOf(example));
		const hint = hints.find(found => found.id === rule.id);
		expect(hint, JSON.stringify(hints)).toBeDefined();
		const said = `${hint!.message} ${hint!.fix}`;
		for (const name of example.names ?? []) expect(said).toContain(name);
		// One line each, as the renderers print them.
		expect(hint!.message).not.toMatch(/\n/);
		expect(hint!.fix).not.toMatch(/\n/);
		// Exactly one hint: the rules do not talk over each other on their own examples.
		expect(hints.map(found => found.id)).toEqual([rule.id]);
	});

	it.each(cases('good'))('%s is left alone', (_name, rule: FailureRule, example) => {
		expect(hintsFor(inputOf(example)).filter(found => found.id === rule.id)).toEqual([]);
	});

	it('keeps docs/failure-hints.md in step with the hint modules (run scripts/gen-failure-hints-doc.ts)', () => {
		const doc = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'failure-hints.md'), 'utf8');
		expect(doc, 'docs/failure-hints.md is out of date: run `node --import tsx scripts/gen-failure-hints-doc.ts`').toBe(renderFailureHintsDoc(failureRules, hintsFor));
		for (const rule of failureRules) expect(doc).toContain(`## ${rule.id}`);
	});
});

describe('hintsFor', () => {
	it('says nothing about a log it does not recognise', () => {
		expect(hintsFor({phase: 'build', instruction: 'RUN false', exitCode: 1, logTail: []})).toEqual([]);
		expect(hintsFor({phase: 'smoke', exitCode: 137, logTail: ['Killed']})).toEqual([]);
	});

	it('reads build output with BuildKit\'s step prefixes and CRLF endings', () => {
		const hints = hintsFor({
			phase: 'build',
			instruction: 'RUN pip install -r requirements.txt',
			exitCode: 1,
			logTail: ['#9 3.214 ERROR: Could not find a version that satisfies the requirement Django==1.2.3 (from versions: 4.2, 5.0)\r', '#9 3.215 ERROR: No matching distribution found for Django==1.2.3\r'],
		});
		expect(hints).toEqual([expect.objectContaining({id: 'FH001'})]);
		expect(hints[0].fix).toContain('5.0');
	});

	it('accepts a tail given as one block of text', () => {
		expect(hintsFor({phase: 'smoke', exitCode: 1, logTail: ["line one\nModuleNotFoundError: No module named 'yaml'"]})[0].fix).toContain('PyYAML');
	});

	it('keeps a hint to its phase: a port clash in build output is not the container\'s', () => {
		expect(hintsFor({phase: 'build', exitCode: 1, logTail: ['OSError: [Errno 98] Address already in use']})).toEqual([]);
	});

	it('gives gunicorn\'s boot failure to the rule that names its cause, and falls back to the traceback line', () => {
		const boot = ['[1] [ERROR] Exception in worker process', 'Traceback (most recent call last):'];
		const end = ['[1] [INFO] Worker exiting (pid: 7)', '[1] [ERROR] Reason: Worker failed to boot.'];
		const withKnownCause = hintsFor({phase: 'smoke', exitCode: 3, logTail: [...boot, "ImportError: libpq.so.5: cannot open shared object file: No such file or directory", ...end]});
		expect(withKnownCause.map(hint => hint.id)).toEqual(['FH004']);
		const withOtherCause = hintsFor({phase: 'smoke', exitCode: 3, logTail: [...boot, 'ValueError: invalid literal for int() with base 10: \'abc\'', ...end]});
		expect(withOtherCause).toEqual([expect.objectContaining({id: 'FH006', message: "gunicorn could not load the app: ValueError: invalid literal for int() with base 10: 'abc'"})]);
	});

	it('masks credentials in what it echoes from the log', () => {
		const hints = hintsFor({
			phase: 'smoke',
			exitCode: 3,
			logTail: [
				'Traceback (most recent call last):',
				"sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect: postgresql://shop:hunter2-pass@db:5432/shop password=hunter2-pass",
				'[1] [ERROR] Reason: Worker failed to boot.',
			],
		});
		expect(hints).toHaveLength(1);
		expect(hints[0].message).toContain('postgresql://shop:***@db:5432/shop');
		expect(JSON.stringify(hints)).not.toContain('hunter2');
	});

	it('never echoes the credentials in the catalogue\'s examples', () => {
		for (const [, , example] of cases('bad')) expect(JSON.stringify(hintsFor(inputOf(example)))).not.toContain('example-token-123');
	});

	it('cuts an echoed line that would not fit on one line', () => {
		const long = `RuntimeError: ${'x'.repeat(500)}`;
		const [hint] = hintsFor({phase: 'smoke', exitCode: 3, logTail: [long, 'Reason: Worker failed to boot.']});
		expect(hint.message.length).toBeLessThanOrEqual(240);
		expect(hint.message.endsWith('…')).toBe(true);
	});

	it('names the folder to chown when the path is a file the app creates', () => {
		const [hint] = hintsFor({phase: 'smoke', exitCode: 1, logTail: ["sqlite3.OperationalError: x", "PermissionError: [Errno 13] Permission denied: '/app/instance/app.db'"]});
		expect(hint.fix).toContain('mkdir -p /app/instance && chown');
	});

	it('tells a missing environment variable from a KeyError in the app\'s own dict', () => {
		const traceback = (line: string) => ['Traceback (most recent call last):', '  File "/app/app.py", line 3, in <module>', line, "KeyError: 'API_URL'"];
		expect(hintsFor({phase: 'smoke', exitCode: 1, logTail: traceback("    API_URL = os.environ['API_URL']")})[0].id).toBe('FH009');
		expect(hintsFor({phase: 'smoke', exitCode: 1, logTail: traceback("    API_URL = settings['API_URL']")})).toEqual([]);
	});
});

describe('shared libraries', () => {
	it.each([
		['libpq.so.5', 'libpq5'],
		['libgobject-2.0-0', 'libglib2.0-0'],
		['libgobject-2.0.so.0', 'libglib2.0-0'],
		['pango-1.0-0', 'libpango-1.0-0'],
		['cairo-2', 'libcairo2'],
		['libGL.so.1', 'libgl1'],
		['libxslt.so.1', 'libxslt1.1'],
		['libjpeg.so.62', 'libjpeg62-turbo'],
		['libmariadb.so.3', 'libmariadb3'],
		['libgomp.so.1', 'libgomp1'],
		['libsqlite3.so.0', 'libsqlite3-0'],
		['libyaml-0.so.2', 'libyaml-0-2'],
	])('%s comes from %s', (library, debianPackage) => {
		expect(debianPackageOfLibrary[libraryStem(library)]).toBe(debianPackage);
	});
});

describe('maskSecrets', () => {
	it('masks URL passwords and password-like pairs, and leaves other text alone', () => {
		expect(maskSecrets('https://user:abc123@pypi.example/simple')).toBe('https://user:***@pypi.example/simple');
		expect(maskSecrets('password="p@ss w" token=xyz')).toBe('password="***" token=***');
		expect(maskSecrets("Permission denied: '/app/instance'")).toBe("Permission denied: '/app/instance'");
	});
});

describe('maskSecrets placeholders', () => {
	it('leaves a fix\'s own placeholders readable', () => {
		expect(maskSecrets('`docker run -e SECRET_KEY=...` or `ENV API_TOKEN=<value>`')).toBe('`docker run -e SECRET_KEY=...` or `ENV API_TOKEN=<value>`');
	});
});

describe('pathological logs', () => {
	// Shapes that make a careless pattern backtrack on every character; their timing is in
	// `npm run bench:pathological` (log-lines-masking-and-hints). Here: what comes out of them.
	const shapes = ['a.', 'Because ', 'exec ', "'a", 'a://b:', '[Errno 13] Permission denied: ', "No module named 'a.", 'lib.so.1.', 'password=a '];

	it('cuts every echoed word of a 1 MB line to a readable length', () => {
		for (const unit of shapes) {
			const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
			for (const hint of hintsFor({phase: 'smoke', exitCode: 3, logTail: Array.from({length: 40}, () => line)})) {
				expect(hint.message.length, unit).toBeLessThan(1000);
			}
		}
	});

	it('masks a credential at the end of a long line of noise', () => {
		const line = `${'a.'.repeat(50_000)} postgres://u:hunter2@db/x`;
		expect(maskSecrets(line)).not.toContain('hunter2');
	});

	it('still finds a cause at the end of a very long log', () => {
		const noise = Array.from({length: 100_000}, (_unused, index) => `Collecting package-${index}`);
		expect(hintsFor({phase: 'smoke', exitCode: 1, logTail: [...noise, "ModuleNotFoundError: No module named 'yaml'"]})[0].id).toBe('FH003');
	});
});
