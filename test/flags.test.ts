import {describe, expect, it} from 'vitest';
import {flagTable, helpText, parseCommandLine} from '../source/flags.js';

describe('parseCommandLine', () => {
	it('maps every flag, in both spellings where there are two', () => {
		const parsed = parseCommandLine([
			'shop',
			'--demo',
			'-y',
			'--json',
			'--no-build',
			'--write',
			'--dry-run',
			'--keep-images',
			'--base',
			'distroless',
			'--python=3.12',
			'--runs',
			'3',
			'--network',
			'host',
			'--report',
			'out.md',
			'--logs',
		]);
		expect(parsed).toEqual({
			ok: true,
			action: 'run',
			input: ['shop'],
			flags: {
				demo: true,
				yes: true,
				json: true,
				build: false,
				write: true,
				dryRun: true,
				keepImages: true,
				base: 'distroless',
				python: '3.12',
				runs: '3',
				network: 'host',
				report: 'out.md',
				logs: true,
			},
		});
	});

	it('gives no flags and no folder for an empty command line', () => {
		expect(parseCommandLine([])).toEqual({ok: true, action: 'run', input: [], flags: {}});
	});

	it('keeps an empty argument as a folder, for resolveOptions to refuse (never the current folder)', () => {
		expect(parseCommandLine(['', '--no-build'])).toEqual({ok: true, action: 'run', input: [''], flags: {build: false}});
	});

	it('lets the last of --build and --no-build win', () => {
		const parsed = parseCommandLine(['--no-build', '--build']);
		expect(parsed.ok && parsed.action === 'run' && parsed.flags.build).toBe(true);
	});

	it('keeps a value that starts with a dash, so range checks can name it', () => {
		const parsed = parseCommandLine(['--runs', '-3']);
		expect(parsed.ok && parsed.action === 'run' && parsed.flags.runs).toBe('-3');
	});

	it('takes everything after -- as folders', () => {
		const parsed = parseCommandLine(['--', '--odd-folder']);
		expect(parsed.ok && parsed.action === 'run' && parsed.input).toEqual(['--odd-folder']);
	});

	it.each([
		[['--help'], 'help'],
		[['-h'], 'help'],
		[['--version'], 'version'],
		[['-v'], 'version'],
		[['--frobnicate', '--help'], 'help'],
		[['--version', '--help'], 'help'],
	])('%j asks for %s', (argv, action) => {
		expect(parseCommandLine(argv)).toEqual({ok: true, action});
	});

	it.each([
		[['--frobnicate'], 'unknown option --frobnicate. Run dockwiz --help to see the options it takes.'],
		[['--keep', '--colour=always', '--keep'], 'unknown options --keep, --colour. Run dockwiz --help to see the options it takes.'],
		[['-x'], 'unknown option -x. Run dockwiz --help to see the options it takes.'],
		[['--constructor', '--toString=x'], 'unknown options --constructor, --toString. Run dockwiz --help to see the options it takes.'],
		[['--base'], '--base needs a value, e.g. --base slim.'],
		[['--report'], '--report needs a value, e.g. --report dockwiz-report.md.'],
		[['--pull'], '--pull needs a value, e.g. --pull missing.'],
		[['--json=yes'], '--json takes no value; pass --json alone.'],
	])('%j is refused: %s', (argv, message) => {
		expect(parseCommandLine(argv)).toEqual({ok: false, message});
	});

	it('lets the last of a repeated flag win, as before meow', () => {
		expect(parseCommandLine(['--base', 'alpine', '--base', 'slim', '--json', '--json'])).toEqual({ok: true, action: 'run', input: [], flags: {base: 'slim', json: true}});
	});

	it('takes short flags grouped, and a value after = or after a space', () => {
		expect(parseCommandLine(['-y', '--runs=2', '--network', 'host', 'app'])).toEqual({ok: true, action: 'run', input: ['app'], flags: {yes: true, runs: '2', network: 'host'}});
	});

	it('keeps an explicitly empty value for resolveOptions to refuse by name', () => {
		expect(parseCommandLine(['--base', ''])).toEqual({ok: true, action: 'run', input: [], flags: {base: ''}});
	});

	it.each([
		[['--no-demo'], 'unknown option --no-demo. Run dockwiz --help to see the options it takes.'],
		[['--no-build=1'], '--no-build takes no value; pass --no-build alone.'],
		[['--runs', '--json'], '--runs needs a value, e.g. --runs 3.'],
		[['-yq'], 'unknown option -q. Run dockwiz --help to see the options it takes.'],
	])('%j is refused too: %s', (argv, message) => {
		expect(parseCommandLine(argv)).toEqual({ok: false, message});
	});

	it('answers --help even when the rest of the line is wrong', () => {
		expect(parseCommandLine(['--json=yes', '-h', '--base'])).toEqual({ok: true, action: 'help'});
	});

	it('shows one line of --help per entry of the flag table', () => {
		for (const entry of Object.values(flagTable)) {
			expect(helpText).toContain(`    ${entry.usage.padEnd(20)}${entry.about}`);
		}
	});

	it('documents every flag it takes', () => {
		for (const flag of ['--demo', '--yes', '--json', '--no-build', '--write', '--dry-run', '--base', '--python', '--runs', '--network', '--keep-images', '--report', '--pull', '--help', '--version']) {
			expect(helpText).toContain(flag);
		}
	});
});
