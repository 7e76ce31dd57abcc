// The built dockwiz in a real 100x30 terminal (tmux) on the real engine, driven by keys as a
// user would: the demo from the first screen to the measured summary, and Ctrl+C in the middle
// of a build. The engine project's global setup has brought the engine, the stand-in base
// images and the local package index up; the demo's builds need --network host to reach it.

import {afterEach, describe, expect, it} from 'vitest';
import {allContainers, dockwizImages, imageExists, ownedBy, type EngineImage} from './engine-objects.js';
import {beforeMarker, launchCli, type Terminal} from './terminal.js';

const opened: Terminal[] = [];
const open = (args: string[]) => {
	const terminal = launchCli(args);
	opened.push(terminal);
	return terminal;
};

afterEach(() => {
	for (const terminal of opened.splice(0)) terminal.close();
});

const unitBytes: Record<string, number> = {B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12};

/** "877 MB" -> bytes; null for anything else (a dash when a side has no number). */
function parseBytes(text: string): number | null {
	const match = /^([\d.]+) (B|kB|MB|GB|TB)$/.exec(text.trim());
	return match ? Number(match[1]) * unitBytes[match[2]] : null;
}

/** The cells of the comparison table's row that starts with `label`. */
function tableRow(screen: string, label: string): string[] {
	const line = screen.split('\n').find(row => row.replace(/^[│\s]+/, '').startsWith(label));
	if (!line) throw new Error(`no "${label}" row on the summary screen:\n${screen}`);
	return line
		.split('│')
		.map(cell => cell.trim())
		.filter(Boolean);
}

describe('dockwiz --demo in a real terminal on the real engine', () => {
	it('walks from the findings to the measured summary by keys, then quits and restores the screen', async () => {
		const t = open(['--demo', '--network', 'host']);

		await t.untilText(/\d+ findings in your Dockerfile/, 120);
		expect(t.alternate()).toBe(true);
		expect(t.screen()).toContain('enter see the proposal');

		t.keys('Enter');
		await t.untilText('Changes & why', 30);
		expect(t.screen()).toContain('FROM python:3.11-slim');

		t.keys('Enter');
		await t.untilText('BEFORE your Dockerfile', 30);
		// Both cold builds show live progress on the way.
		await t.untilText(/AFTER[\s\S]*step \d+\/\d+/, 600);

		const summary = await t.untilText('Before / after', 900);
		const [, beforeSize, afterSize] = tableRow(summary, 'Image size');
		const beforeBytes = parseBytes(beforeSize);
		const afterBytes = parseBytes(afterSize);
		expect(beforeBytes, `image sizes on the summary: ${beforeSize} / ${afterSize}`).not.toBeNull();
		expect(afterBytes).not.toBeNull();
		expect(afterBytes!).toBeGreaterThan(0);
		expect(afterBytes!).toBeLessThan(beforeBytes!);

		const [, beforeHttp, afterHttp] = tableRow(summary, 'HTTP');
		expect(beforeHttp).toMatch(/^\d{3} ok$/);
		expect(afterHttp).toMatch(/^\d{3} ok$/);

		const [, beforeUser, afterUser] = tableRow(summary, 'Runs as');
		expect(beforeUser).toBe('root');
		expect(afterUser).not.toBe('root');

		t.keys('q');
		expect(await t.exitCode(120)).toBe(0);
		expect(t.alternate()).toBe(false);
		expect(t.cursorVisible()).toBe(true);
		const restored = t.screen();
		// The shell's screen is back, with the headline the wizard leaves behind, and no frame.
		expect(restored).toContain(beforeMarker);
		expect(restored).toMatch(/dockwiz: image [\d.]+ [kMG]?B -> [\d.]+ [kMG]?B/);
		expect(restored).not.toContain('Before / after');
		expect(restored).not.toContain('Scan › Findings');
	});

	it('Ctrl+C during a build exits 130, restores the screen and leaves none of its images or containers', async () => {
		const t = open(['--demo', '--network', 'host']);
		const pid = await t.pid();
		const ours = ownedBy(pid);
		const seenImages = new Map<string, EngineImage>();
		const remember = () => {
			for (const image of dockwizImages().filter(ours.image)) seenImages.set(image.ref, image);
		};

		expect(dockwizImages().filter(ours.image)).toEqual([]);

		await t.untilText(/\d+ findings in your Dockerfile/, 120);
		t.keys('Enter');
		await t.untilText('Changes & why', 30);
		t.keys('Enter');

		// Interrupt the after's cold build: the before's image exists by then.
		await t.untilText(/AFTER[\s\S]*step \d+\/\d+/, 600);
		remember();
		t.keys('C-c');
		remember();
		expect([...seenImages.keys()].length, 'the before image of this run existed when Ctrl+C was pressed').toBeGreaterThan(0);

		expect(await t.exitCode(300)).toBe(130);
		expect(t.alternate()).toBe(false);
		expect(t.cursorVisible()).toBe(true);
		const restored = t.screen();
		expect(restored).toContain(beforeMarker);
		expect(restored).toContain('dockwiz: interrupted');
		expect(restored).not.toContain('Scan › Findings');

		const seen = [...seenImages.values()];
		expect(dockwizImages().filter(ours.image)).toEqual([]);
		expect(seen.filter(image => imageExists(image.id))).toEqual([]);
		expect(allContainers().filter(container => ours.container(container, seen))).toEqual([]);
	});
});
