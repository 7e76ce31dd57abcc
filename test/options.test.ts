import {describe, expect, it} from 'vitest';
import {resolveOptions} from '../source/options.js';

const isDir = (p: string) => p === '/proj' || p === '/proj/sub';
const resolve = (input: string[], flags: Record<string, unknown>, env: Record<string, string> = {}, tty = true) =>
	resolveOptions(input, flags, env, tty, '/proj', isDir);

describe('resolveOptions', () => {
	it('defaults to the wizard on the current folder with the slim flavor', () => {
		const r = resolve([], {});
		expect(r).toEqual({
			ok: true,
			options: expect.objectContaining({dir: '/proj', base: 'slim', runs: 1, build: true, mode: 'tui', yes: false}),
		});
	});

	it('resolves a relative folder against the working directory', () => {
		const r = resolve(['sub'], {});
		expect(r.ok && r.options.dir).toBe('/proj/sub');
	});

	it.each([
		[{base: 'foo'}, /--base foo .*--base slim/],
		[{runs: 0}, /--runs 0 is out of range/],
		[{runs: '2.5'}, /--runs 2\.5 is out of range/],
		[{python: '2.7'}, /--python 2\.7/],
		[{python: 'latest'}, /--python latest/],
		[{python: '3.5'}, /--python 3\.5 is not a Python version .*3\.8, 3\.9, .*3\.13 or 3\.14.*--python 3\.12/],
		[{python: '3.99'}, /--python 3\.99 is not .*python:X\.Y-slim images exist for 3\.8/],
		[{python: 'abc'}, /--python abc is not/],
		[{python: '3.7'}, /--python 3\.7 is not/],
		[{python: '3.15'}, /--python 3\.15 is not/],
		[{python: '3.012'}, /--python 3\.012 is not/],
		[{base: 'distroless', python: '3.12'}, /--python 3\.12 cannot be used with --base distroless: .*only Python 3\.11.*--python 3\.11.*--base slim/],
		[{network: 'a b'}, /--network a b/],
		[{write: true, dryRun: true}, /contradict/],
		[{report: 'out.txt'}, /Markdown/],
		[{pull: 'sometimes'}, /^--pull sometimes is not a pull mode\. Use --pull missing, --pull always or --pull never\.$/],
	])('rejects %o with a message naming the fix', (flags, message) => {
		const r = resolve([], flags);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toMatch(message);
	});

	it.each(['3.8', '3.10', '3.14'])('accepts --python %s, which has an official slim image', version => {
		const r = resolve([], {python: version});
		expect(r.ok && r.options.python).toBe(version);
	});

	it('accepts --python 3.11 with --base distroless, the one Python its image has', () => {
		const r = resolve([], {base: 'distroless', python: '3.11'});
		expect(r.ok && r.options).toMatchObject({base: 'distroless', python: '3.11'});
	});

	it('rejects an empty folder argument instead of using the current folder', () => {
		const r = resolve([''], {});
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toMatch(/folder argument is empty.*dockwiz path\/to\/project/);
		// The same with other flags: the current folder (a project here) is never taken instead.
		expect(resolve([''], {yes: true, build: false}).ok).toBe(false);
	});

	it('rejects a folder that does not exist', () => {
		const r = resolve(['nope'], {});
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toContain('/proj/nope is not a folder');
	});

	it('rejects two folders and a folder with --demo', () => {
		expect(resolve(['a', 'b'], {}).ok).toBe(false);
		expect(resolve(['sub'], {demo: true}).ok).toBe(false);
	});

	it('picks plain mode without a TTY or in CI, json mode with --json', () => {
		const plain = resolve([], {}, {}, false);
		expect(plain.ok && plain.options.mode).toBe('plain');
		const ci = resolve([], {}, {CI: 'true'}, true);
		expect(ci.ok && ci.options.mode).toBe('plain');
		const json = resolve([], {json: true}, {}, true);
		expect(json.ok && json.options.mode).toBe('json');
	});

	it('pulls missing base images by default; --pull always and never are kept', () => {
		expect(resolve([], {}).ok && (resolve([], {}) as {options: {pull: string}}).options.pull).toBe('missing');
		for (const pull of ['always', 'never', 'missing']) {
			const r = resolve([], {pull});
			expect(r.ok && r.options.pull).toBe(pull);
		}
	});

	it('keeps the values it was given', () => {
		const r = resolve([], {base: 'distroless', python: '3.11', runs: '3', network: 'host', keepImages: true, report: 'r.md', build: false});
		expect(r.ok && r.options).toMatchObject({base: 'distroless', python: '3.11', runs: 3, network: 'host', keepImages: true, report: 'r.md', build: false});
	});
});
