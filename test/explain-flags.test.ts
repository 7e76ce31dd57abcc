import {describe, expect, it} from 'vitest';
import {helpText, parseCommandLine} from '../source/flags.js';
import {resolveOptions} from '../source/options.js';

const isDirectory = () => true;

describe('--explain', () => {
	it('is parsed, listed in --help, and resolved into the options', () => {
		const parsed = parseCommandLine(['--explain']);
		expect(parsed).toEqual({ok: true, action: 'run', input: [], flags: {explain: true}});
		expect(helpText).toContain('--explain');
		const resolved = resolveOptions([], {explain: true}, {}, false, '/project', isDirectory);
		expect(resolved.ok && resolved.options.explain).toBe(true);
	});

	it('is off unless asked', () => {
		const resolved = resolveOptions([], {}, {}, false, '/project', isDirectory);
		expect(resolved.ok && resolved.options.explain).toBe(false);
	});

	it('cannot run with --no-build, and says which to drop', () => {
		expect(resolveOptions([], {explain: true, build: false}, {}, false, '/project', isDirectory)).toEqual({ok: false, message: '--explain measures each change by building it; it cannot run with --no-build. Drop one of them.'});
	});

	it('takes no value', () => {
		expect(parseCommandLine(['--explain=yes'])).toEqual({ok: false, message: '--explain takes no value; pass --explain alone.'});
	});
});
