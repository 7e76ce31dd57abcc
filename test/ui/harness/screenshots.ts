// Screenshots of every wizard screen from a real run: drives `dockwiz --demo` in a 100x30
// tmux terminal, captures each screen with its colours and renders it to PNG.
// Usage: node --import tsx test/ui/harness/screenshots.ts OUT_DIR [-- extra dockwiz flags]
// e.g.   node --import tsx test/ui/harness/screenshots.ts media -- --network host

import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {savePng as savePngIn, tmuxSession} from './terminal-shots.js';

const outDir = path.resolve(process.argv[2] ?? 'media');
const separator = process.argv.indexOf('--');
const extraFlags = separator === -1 ? [] : process.argv.slice(separator + 1);
const session = `dockwiz-shots-${process.pid}`;

// ---------------------------------------------------------------- driving the wizard

const {capture, plain, until, keys, start, kill} = tmuxSession(session);
const savePng = (name: string, screen: string) => {
	savePngIn(outDir, name, screen);
};

mkdirSync(outDir, {recursive: true});
const cli = ['node', '--import', 'tsx', 'source/cli.tsx', '--demo', ...extraFlags].join(' ');
start(`unset CI; ${cli}; sleep 30`, process.cwd());
try {
	// The scan can be quicker than a capture: keep the last scan screen caught (it lists the
	// most of what was found) until the findings replace it.
	let scan: string | null = null;
	const started = Date.now();
	while (!/\d+ findings?/.test(plain()) && Date.now() - started < 120_000) {
		const screen = capture();
		if (screen.includes('Reading your project')) scan = screen;
		await new Promise(resolve => setTimeout(resolve, 100));
	}

	if (scan) savePng('1-scan', scan);
	savePng('2-findings', await until(/\d+ findings?/));
	await keys('Enter');
	savePng('3-proposal', await until('Changes & why'));
	await keys('Tab');
	await keys('Tab');
	savePng('4-proposal-changes', await until('[size]'));
	await keys('Enter');
	savePng('5-build', await until(/AFTER[\s\S]*step \d+\/\d+/));
	savePng('6-summary', await until('Before / after'));
	await keys('Tab');
	savePng('7-summary-changes', await until('measured:'));
	await keys('q');
} finally {
	kill();
}
