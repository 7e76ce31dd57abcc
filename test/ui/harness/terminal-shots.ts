// Terminal screenshots shared by the harnesses: a tmux pane's ANSI capture rendered to SVG
// and PNG, and small helpers to drive a program in a tmux session.

import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {Resvg} from '@resvg/resvg-js';

export const columns = 100;
export const rows = 30;

// ---------------------------------------------------------------- ANSI -> SVG

type Style = {fg: string | null; bg: string | null; bold: boolean; dim: boolean; inverse: boolean; underline: boolean};
type Run = {column: number; text: string; style: Style};

const palette = ['#1e1e1e', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#e5e5e5'];
const bright = ['#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];
const foreground = '#d4d4d4';
const background = '#1e1e1e';

function color256(index: number): string {
	if (index < 8) return palette[index];
	if (index < 16) return bright[index - 8];
	if (index < 232) {
		const n = index - 16;
		const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
		return `rgb(${level(Math.floor(n / 36))},${level(Math.floor(n / 6) % 6)},${level(n % 6)})`;
	}

	const gray = 8 + (index - 232) * 10;
	return `rgb(${gray},${gray},${gray})`;
}

function applySgr(style: Style, codes: number[]): Style {
	const next = {...style};
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i];
		if (code === 0) Object.assign(next, {fg: null, bg: null, bold: false, dim: false, inverse: false, underline: false});
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 4) next.underline = true;
		else if (code === 7) next.inverse = true;
		else if (code === 22) Object.assign(next, {bold: false, dim: false});
		else if (code === 24) next.underline = false;
		else if (code === 27) next.inverse = false;
		else if (code >= 30 && code <= 37) next.fg = palette[code - 30];
		else if (code >= 90 && code <= 97) next.fg = bright[code - 90];
		else if (code === 39) next.fg = null;
		else if (code >= 40 && code <= 47) next.bg = palette[code - 40];
		else if (code >= 100 && code <= 107) next.bg = bright[code - 100];
		else if (code === 49) next.bg = null;
		else if ((code === 38 || code === 48) && codes[i + 1] === 5) {
			next[code === 38 ? 'fg' : 'bg'] = color256(codes[i + 2]);
			i += 2;
		} else if ((code === 38 || code === 48) && codes[i + 1] === 2) {
			next[code === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
			i += 4;
		}
	}

	return next;
}

const plainStyle: Style = {fg: null, bg: null, bold: false, dim: false, inverse: false, underline: false};

/** tmux emits attribute changes only, so a line starts with the style the last one ended in. */
function parseLine(line: string, startStyle: Style): {runs: Run[]; endStyle: Style} {
	const runs: Run[] = [];
	let style = startStyle;
	let column = 0;
	let current: Run | null = null;
	// SGR sequences, text, and any other escape (skipped).
	// eslint-disable-next-line no-control-regex
	const pattern = /\u001B\[([0-9;]*)m|([^\u001B]+)|\u001B[^m]*?[A-Za-z]/gu;
	for (const match of line.matchAll(pattern)) {
		if (match[1] !== undefined) {
			style = applySgr(style, match[1] === '' ? [0] : match[1].split(';').map(Number));
			current = null;
		} else if (match[2] !== undefined) {
			for (const char of match[2]) {
				if (!current) {
					current = {column, text: '', style};
					runs.push(current);
				}

				current.text += char;
				column++;
			}
		}
	}

	return {runs, endStyle: style};
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toSvg(screen: string): string {
	const cellWidth = 8.43;
	const lineHeight = 18;
	const padding = 12;
	const width = Math.ceil(columns * cellWidth + padding * 2);
	const height = rows * lineHeight + padding * 2;
	const parts: string[] = [`<rect width="100%" height="100%" fill="${background}"/>`];
	let style = plainStyle;
	screen
		.split('\n')
		.slice(0, rows)
		.forEach((line, row) => {
			const parsed = parseLine(line, style);
			style = parsed.endStyle;
			for (const run of parsed.runs) {
				const x = padding + run.column * cellWidth;
				const y = padding + row * lineHeight;
				let fg = run.style.fg ?? foreground;
				let bg = run.style.bg;
				if (run.style.inverse) [fg, bg] = [bg ?? background, fg];
				const runWidth = [...run.text].length * cellWidth;
				if (bg) parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${runWidth.toFixed(1)}" height="${lineHeight}" fill="${bg}"/>`);
				if (run.text.trim() === '') continue;
				const attributes = [
					`x="${x.toFixed(1)}"`,
					`y="${y + 13}"`,
					`fill="${fg}"`,
					run.style.bold ? 'font-weight="bold"' : '',
					run.style.dim ? 'fill-opacity="0.6"' : '',
					run.style.underline ? 'text-decoration="underline"' : '',
					`textLength="${runWidth.toFixed(1)}"`,
					'lengthAdjust="spacingAndGlyphs"',
				];
				parts.push(`<text ${attributes.filter(Boolean).join(' ')} xml:space="preserve">${escapeXml(run.text)}</text>`);
			}
		});
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans Mono" font-size="14">${parts.join('')}</svg>`;
}

export function savePng(outDir: string, name: string, screen: string): void {
	const png = new Resvg(toSvg(screen), {font: {loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans Mono'}}).render().asPng();
	const file = path.join(outDir, `${name}.png`);
	writeFileSync(file, png);
	console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

// ---------------------------------------------------------------- driving a tmux session

export function tmuxSession(session: string) {
	const tmux = (...args: string[]): string => execFileSync('tmux', args, {encoding: 'utf8'});
	const capture = () => tmux('capture-pane', '-e', '-p', '-t', session);
	const plain = () => tmux('capture-pane', '-p', '-t', session);
	return {
		tmux,
		capture,
		plain,
		start(command: string, cwd: string) {
			tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', cwd, command);
		},
		kill() {
			tmux('kill-session', '-t', session);
		},
		async until(text: string | RegExp, timeoutSeconds = 600): Promise<string> {
			const start = Date.now();
			for (;;) {
				const screen = plain();
				if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return capture();
				if (Date.now() - start > timeoutSeconds * 1000) throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${screen}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		async keys(...names: string[]): Promise<void> {
			tmux('send-keys', '-t', session, ...names);
			await new Promise(resolve => setTimeout(resolve, 400));
		},
	};
}
