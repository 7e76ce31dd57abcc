// Screenshots of a real base-image pull on the Build screen: a registry with a password on
// 127.0.0.1 (Debian's docker-registry), an image with 150 MB of its own pushed into it and
// removed locally, a project whose Dockerfile starts FROM it, and the credentials in a
// DOCKER_CONFIG of its own, as `docker login` would have stored them. Drives the wizard in a
// 100x30 tmux terminal; removes everything it made (registry, image, folders) at the end.
// Usage: node --import tsx test/ui/harness/pull-screenshots.ts OUT_DIR
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {engineOrFail, fixtureCopy, runLabel} from '../../engine/engine-helpers.js';
import {buildUniqueImage, pushAs, startRegistry} from '../../engine/local-registry.js';
import {savePng} from './terminal-png.js';

const columns = 100;
const rows = 30;
const outDir = path.resolve(process.argv[2] ?? 'media');
const session = `dockwiz-pull-shots-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const capture = () => tmux('capture-pane', '-e', '-p', '-t', session);
const plain = () => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function until(test: RegExp, timeoutSeconds = 300): Promise<void> {
	const start = Date.now();
	while (!test.test(plain())) {
		if (Date.now() - start > timeoutSeconds * 1000) throw new Error(`timed out waiting for ${String(test)}; the screen was:\n${plain()}`);
		await sleep(50);
	}
}

const password = `pw-${randomBytes(12).toString('hex')}`;
const engine = await engineOrFail();
const registry = await startRegistry({username: 'alice', password});
const image = `${registry.address}/team/python:3.11-slim`;
const local = `dockwiz-pullshot:${process.pid}`;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-pull-shots-'));
const project = fixtureCopy();
const remove = (reference: string) => engine.adapter.removeImage(reference).catch(() => undefined);
try {
	await buildUniqueImage(engine.docker, local, 'python:3.11-slim', runLabel().line, 150);
	await pushAs(engine.docker, local, image, {username: 'alice', password});
	await remove(local);
	fs.writeFileSync(path.join(project, 'Dockerfile'), fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8').replace('FROM python:3.11', `FROM ${image}`));
	fs.writeFileSync(path.join(scratch, 'config.json'), JSON.stringify({auths: {[registry.address]: {auth: Buffer.from(`alice:${password}`).toString('base64')}}}));
	fs.mkdirSync(outDir, {recursive: true});
	const cli = `unset CI; DOCKER_CONFIG=${scratch} node --import tsx source/cli.tsx ${project} --network host 2>${scratch}/stderr; sleep 30`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', process.cwd(), cli);
	try {
		await until(/\d+ findings?/);
		tmux('send-keys', '-t', session, 'Enter');
		await until(/Changes & why/);
		tmux('send-keys', '-t', session, 'Enter');
		// The frame nearest half-way while the bar runs (bytes, speed and time left all showing).
		let running: string | null = null;
		let nearest = Number.POSITIVE_INFINITY;
		const started = Date.now();
		while (!/✓ pull \S+ {2}pulled/.test(plain()) && Date.now() - started < 300_000) {
			const screen = plain();
			const bytes = /([\d.]+) MB \/ ([\d.]+) MB .*MB\/s/.exec(screen);
			if (bytes && Math.abs(Number(bytes[1]) / Number(bytes[2]) - 0.5) < nearest) {
				nearest = Math.abs(Number(bytes[1]) / Number(bytes[2]) - 0.5);
				running = capture();
			}

			await sleep(40);
		}

		if (running) {
			savePng(outDir, 'pull-1-build-pulling', running, columns, rows);
			// eslint-disable-next-line no-control-regex
			fs.writeFileSync(path.join(outDir, 'pull-1-build-pulling.txt'), running.replace(/\u001B\[[0-9;]*m/g, ''));
		}

		await until(/AFTER[\s\S]*step \d+\/\d+/);
		const pulled = capture();
		savePng(outDir, 'pull-2-build-pulled', pulled, columns, rows);
		fs.writeFileSync(path.join(outDir, 'pull-2-build-pulled.txt'), plain());
		await until(/Before \/ after/);
		savePng(outDir, 'pull-3-summary', capture(), columns, rows);
		fs.writeFileSync(path.join(outDir, 'pull-3-summary.txt'), plain());
		tmux('send-keys', '-t', session, 'q');
		await sleep(1500);
		for (const file of fs.readdirSync(outDir).filter(name => name.startsWith('pull-') && name.endsWith('.txt'))) {
			if (fs.readFileSync(path.join(outDir, file), 'utf8').includes(password)) throw new Error(`${file} holds the password`);
		}

		if (fs.readFileSync(path.join(scratch, 'stderr'), 'utf8').includes(password)) throw new Error('stderr holds the password');
	} finally {
		tmux('kill-session', '-t', session);
	}
} finally {
	await remove(image);
	await remove(local);
	await registry.stop();
	fs.rmSync(scratch, {recursive: true, force: true});
	fs.rmSync(project, {recursive: true, force: true});
}
