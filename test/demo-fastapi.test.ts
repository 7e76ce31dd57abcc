import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultChoices, findingsFor, propose} from '../source/advice/index.js';
import {scanProject} from '../source/analysis/scan-project.js';
import {materializeDemo} from '../source/demo.js';
import {helpText, parseCommandLine} from '../source/flags.js';
import {resolveOptions} from '../source/options.js';

const resolve = (argv: string[]) => {
	const parsed = parseCommandLine(argv);
	if (!parsed.ok || parsed.action !== 'run') throw new Error(`not a run: ${JSON.stringify(parsed)}`);
	return resolveOptions(parsed.input, parsed.flags, {}, true, '/proj', p => p === '/proj');
};

describe('--demo [NAME]', () => {
	it('--demo fastapi and --demo=fastapi choose the FastAPI demo; the name is not taken for a folder', () => {
		for (const argv of [['--demo', 'fastapi', '--json'], ['--demo=fastapi', '--json'], ['--json', '--demo', 'fastapi']]) {
			const result = resolve(argv);
			expect(result.ok && result.options).toMatchObject({demo: true, demoApp: 'fastapi', dir: '/proj', mode: 'json'});
		}
	});

	it('--demo alone stays the Flask demo, and a folder before --demo is still refused', () => {
		const alone = resolve(['--demo', '--yes']);
		expect(alone.ok && alone.options.demo).toBe(true);
		expect(alone.ok && alone.options.demoApp).toBeUndefined();
		const withFolder = resolve(['shop', '--demo']);
		expect(withFolder).toEqual({ok: false, message: expect.stringMatching(/^--demo runs on the bundled demo app/)});
	});

	it('an unknown name is refused with the names to use and the way to run on a folder', () => {
		expect(resolve(['--demo', 'rails'])).toEqual({ok: false, message: expect.stringMatching(/^--demo rails is not a bundled demo: use --demo flask, --demo fastapi or --demo django \(--demo alone is flask\)\. To run on a folder, drop --demo/)});
		expect(resolve(['--demo=']).ok).toBe(false);
	});

	it('--help names the demos', () => {
		expect(helpText).toMatch(/--demo \[NAME\]\s+Run on a bundled demo app.*flask\s+\(the default\), fastapi or django/s);
	});
});

describe('the FastAPI demo', () => {
	it('is written to its own temp folder, found as FastAPI, linted for --reload and proposed with uvicorn', async () => {
		const demo = await materializeDemo('fastapi');
		try {
			expect(path.basename(demo.dir)).toBe('fastapi-demo');
			expect(fs.readFileSync(path.join(demo.dir, 'main.py'), 'utf8')).toMatch(/^app = FastAPI\(/m);
			expect(fs.existsSync(path.join(demo.dir, '.git/HEAD'))).toBe(true);
			expect(fs.existsSync(path.join(demo.dir, '__pycache__/main.cpython-311.pyc'))).toBe(true);
			const report = await scanProject(demo.dir);
			expect(report).toMatchObject({framework: 'fastapi', asgiTarget: 'main:app', wsgiTarget: null, server: 'uvicorn', port: 8000});
			expect(findingsFor(report, '3.11').map(finding => finding.rule)).toContain('DW040');
			const proposal = propose(report, defaultChoices(report, {base: 'slim', python: '3.11'}));
			expect(proposal.dockerfile).toMatch(/exec uvicorn main:app --host 0\.0\.0\.0 --port \\"\$\{PORT:-8000\}\\" --proxy-headers/);
		} finally {
			await demo.cleanup();
		}

		expect(fs.existsSync(demo.dir)).toBe(false);
	});
});
