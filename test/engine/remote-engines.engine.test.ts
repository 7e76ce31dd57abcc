// The demo's before/after measured through remote ways into an engine, for real: DOCKER_HOST
// over TCP with TLS (client certificate verified), DOCKER_HOST over SSH (dockerode's
// `docker system dial-stdio` in an sshd login), and a Docker context made by the docker CLI.
//
// Which engine: the TLS endpoint is a TLS server of this test in front of the shared engine's
// socket (see remote-endpoints.ts), and the SSH login's `docker` talks to the same shared
// engine: one engine, never restarted, reached three remote ways. "Nothing left behind" is
// therefore checked on that engine (the run's images, tags and containers), and on this
// machine (the sshd and its sessions, the TLS server, the temp folders).

import {execFile, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DockwizReport} from '../../source/types.js';
import {allContainers, dockwizImages, ownedBy} from '../e2e/engine-objects.js';
import {cliPath, ensureBuilt, removeBuiltCopy, repoRoot} from '../hardening/run-cli.js';
import {makeCertificates, processExists, startSshd, startTlsEndpoint, type SshEndpoint, type TlsEndpoint} from './remote-endpoints.js';

// Never the synchronous form: the TLS endpoint runs in this process and must keep answering.
const run = promisify(execFile);

type DemoRun = {code: number | null; pid: number; report: DockwizReport | null; stderr: string; seconds: number};

// Short: sshd's and the docker CLI's paths live under it.
const temp = fs.mkdtempSync('/tmp/dwr-');
const home = path.join(temp, 'home');
// The runs' own temp folder (the demo's copy lives there while a run lasts).
const runTemp = path.join(temp, 'tmp');
fs.mkdirSync(runTemp, {recursive: true});

/** `dockwiz --demo --json --network host` with the given engine settings and nothing else of ours. */
function runDemo(engineEnv: Record<string, string>): Promise<DemoRun> {
	const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: home, TMPDIR: runTemp, CI: 'true', NO_COLOR: '1', ...engineEnv};
	const started = performance.now();
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cliPath, '--demo', '--json', '--network', 'host'], {cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		// Stopped as a user would (dockwiz then removes what it made), killed only if that hangs.
		const timer = setTimeout(() => child.kill('SIGINT'), 300_000);
		const killer = setTimeout(() => child.kill('SIGKILL'), 360_000);
		child.on('close', code => {
			clearTimeout(timer);
			clearTimeout(killer);
			let report: DockwizReport | null = null;
			try {
				report = JSON.parse(stdout) as DockwizReport;
			} catch {
				// No report: the checks below show the exit code and stderr.
			}

			resolve({code, pid: child.pid!, report, stderr, seconds: (performance.now() - started) / 1000});
		});
	});
}

/** What the run with this process id left on the shared engine. */
function leftOnEngine(pid: number): string[] {
	const owned = ownedBy(pid);
	const images = dockwizImages().filter(image => owned.image(image));
	const containers = allContainers().filter(container => owned.container(container, images));
	return [...images.map(image => `image ${image.ref}`), ...containers.map(container => `container ${container.name}`)];
}

/** Processes whose parent is this one, at any depth (an sshd's sessions and their commands). */
function descendants(pid: number): number[] {
	const parents = new Map<number, number>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// It ended while being read.
		}
	}

	const found: number[] = [];
	const walk = (parent: number) => {
		for (const [child, of] of parents) {
			if (of === parent) {
				found.push(child);
				walk(child);
			}
		}
	};

	walk(pid);
	return found;
}

function expectMeasuredDemo(run: DemoRun, endpoint: string): DockwizReport {
	const context = `exit ${run.code} after ${run.seconds.toFixed(1)} s\n${run.stderr.slice(-3000)}`;
	expect(run.code, context).toBe(0);
	const report = run.report!;
	expect(report, context).not.toBeNull();
	// The report and the progress lines name the remote endpoint, not the local socket.
	expect(report.engine?.endpoint).toBe(endpoint);
	expect(run.stderr).toContain(`at ${endpoint}`);
	const {before, after} = report.builds!;
	for (const side of [before, after]) {
		expect(side.ok, context).toBe(true);
		expect(side.error).toBeNull();
		expect(side.sizeBytes).toBeGreaterThan(0);
		expect(side.buildSeconds).toBeGreaterThan(0);
		expect(side.rebuildSeconds).toBeGreaterThan(0);
		// The context tar went through: the naive one carries the demo's 25 MB data file.
		expect(side.contextBytes).toBeGreaterThan(0);
		expect(side.smoke?.ok, JSON.stringify(side.smoke)).toBe(true);
		expect(side.smoke?.status).toBe(200);
	}

	expect(before.contextBytes).toBeGreaterThan(25_000_000);
	expect(after.contextBytes).toBeLessThan(before.contextBytes! / 100);
	expect(after.sizeBytes).toBeLessThan(before.sizeBytes!);
	expect(report.summary!.sizeRatio).toBeLessThan(1);
	expect(before.user).toBe('root');
	expect(after.user).not.toBe('root');
	expect(leftOnEngine(run.pid)).toEqual([]);
	expect(fs.readdirSync(runTemp)).toEqual([]);
	return report;
}

describe('remote engines: the demo measured over TLS, over SSH and through a Docker context', () => {
	let certs: ReturnType<typeof makeCertificates>;
	let tlsEndpoint: TlsEndpoint;
	let sshd: SshEndpoint;
	const figures: string[] = [];

	beforeAll(async () => {
		ensureBuilt();
		certs = makeCertificates(path.join(temp, 'certs'));
		tlsEndpoint = await startTlsEndpoint(certs);
		sshd = await startSshd(path.join(temp, 'sshd'), home);
	});

	afterAll(async () => {
		await tlsEndpoint?.close();
		await sshd?.stop();
		fs.rmSync(temp, {recursive: true, force: true});
		removeBuiltCopy();
		if (figures.length > 0) process.stderr.write(`[remote engines]\n${figures.join('\n')}\n`);
	});

	const note = (how: string, run: DemoRun, report: DockwizReport) => {
		const {before, after} = report.builds!;
		const mb = (bytes: number | null | undefined) => `${((bytes ?? 0) / 1e6).toFixed(1)} MB`;
		figures.push(`${how}: ${run.seconds.toFixed(1)} s; before ${mb(before.sizeBytes)} built ${before.buildSeconds?.toFixed(1)} s, rebuilt ${before.rebuildSeconds?.toFixed(1)} s, context ${mb(before.contextBytes)}, smoke ${before.smoke?.status} in ${before.smoke?.startupSeconds?.toFixed(2)} s; after ${mb(after.sizeBytes)} built ${after.buildSeconds?.toFixed(1)} s, rebuilt ${after.rebuildSeconds?.toFixed(1)} s, context ${mb(after.contextBytes)}, smoke ${after.smoke?.status} in ${after.smoke?.startupSeconds?.toFixed(2)} s`);
	};

	it('refuses a TLS client without a certificate the CA signed (verification is on)', async () => {
		const refusedBefore = tlsEndpoint.refused;
		const outcome = await new Promise<string>(resolve => {
			const socket = tls.connect({host: '127.0.0.1', port: tlsEndpoint.port, ca: fs.readFileSync(certs.ca)}, () => {
				// TLS 1.3 reports the server's refusal after the handshake: wait for it.
				socket.write('GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n');
			});
			socket.once('data', () => resolve('answered'));
			socket.once('error', error => resolve(`refused: ${error.message}`));
			socket.once('close', () => resolve('refused: closed'));
		});
		expect(outcome).toMatch(/^refused/);
		expect(tlsEndpoint.refused).toBeGreaterThan(refusedBefore);
	});

	it('DOCKER_HOST=tcp://127.0.0.1:PORT with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: builds, smoke test and clean-up through TLS', async () => {
		const endpoint = `tcp://127.0.0.1:${tlsEndpoint.port}`;
		const bytesBefore = tlsEndpoint.bytesToEngine;
		const run = await runDemo({DOCKER_HOST: endpoint, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir});
		const report = expectMeasuredDemo(run, endpoint);
		note('TLS (DOCKER_HOST)', run, report);
		// Both build contexts (and both rebuilds') crossed the TLS endpoint.
		const {before, after} = report.builds!;
		expect(tlsEndpoint.bytesToEngine - bytesBefore).toBeGreaterThan(2 * before.contextBytes! + 2 * after.contextBytes!);
		expect(report.engine?.appHost).toBe("127.0.0.1 (the engine's host)");
	});

	it('DOCKER_HOST=ssh://root@127.0.0.1:PORT: builds through `docker system dial-stdio`, the smoke test through the SSH host', async () => {
		const endpoint = `ssh://root@127.0.0.1:${sshd.port}`;
		const run = await runDemo({DOCKER_HOST: endpoint});
		const report = expectMeasuredDemo(run, endpoint);
		note('SSH (DOCKER_HOST)', run, report);
		expect(report.engine?.appHost).toBe('127.0.0.1 on 127.0.0.1, through SSH');
		const log = sshd.log();
		// Logged in with the key made here, ran the engine's stdio bridge, and tunnelled the probe.
		expect(log).toMatch(/Accepted publickey for root from 127\.0\.0\.1/);
		expect(sshd.commands()).toContain('docker system dial-stdio');
		expect(sshd.commands().every(command => command === 'docker system dial-stdio')).toBe(true);
		expect(log).toMatch(new RegExp(`direct_tcpip: originator .* target 127\\.0\\.0\\.1 port ${report.project.port}\\b`));
	});

	it('refuses an SSH host whose key is not in known_hosts, naming the fix', async () => {
		const knownHosts = path.join(home, '.ssh', 'known_hosts');
		const saved = fs.readFileSync(knownHosts, 'utf8');
		fs.writeFileSync(knownHosts, '');
		try {
			const run = await runDemo({DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}`});
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(`the SSH host key of [127.0.0.1]:${sshd.port} is not in ${knownHosts}`);
			expect(run.stderr).toContain(`ssh -p ${sshd.port} root@127.0.0.1`);
		} finally {
			fs.writeFileSync(knownHosts, saved);
		}
	});

	it('a Docker context made by the docker CLI (TLS material in the context store): the same demo through it', async () => {
		const dockerConfig = path.join(temp, 'docker-config');
		const endpoint = `tcp://127.0.0.1:${tlsEndpoint.port}`;
		const cliEnv = {...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DOCKER_HOST' && name !== 'DOCKER_CONTEXT')), DOCKER_CONFIG: dockerConfig};
		const ca = path.join(certs.clientDir, 'ca.pem');
		const cert = path.join(certs.clientDir, 'cert.pem');
		const key = path.join(certs.clientDir, 'key.pem');
		await run('docker', ['context', 'create', 'dockwiz-remote-tls', '--docker', `host=${endpoint},ca=${ca},cert=${cert},key=${key}`], {env: cliEnv});
		await run('docker', ['context', 'use', 'dockwiz-remote-tls'], {env: cliEnv});
		// The docker CLI itself reaches the engine through it.
		expect((await run('docker', ['version', '--format', '{{.Server.Version}}'], {env: cliEnv})).stdout.trim()).not.toBe('');
		const acceptedBefore = tlsEndpoint.accepted;
		const demo = await runDemo({DOCKER_CONFIG: dockerConfig});
		const report = expectMeasuredDemo(demo, endpoint);
		note('TLS (Docker context)', demo, report);
		expect(tlsEndpoint.accepted).toBeGreaterThan(acceptedBefore);
	});

	it('leaves nothing behind: no sshd session or process, no TLS server, no temp files of the runs', async () => {
		expect(descendants(sshd.pid)).toEqual([]);
		await sshd.stop();
		expect(processExists(sshd.pid)).toBe(false);
		await tlsEndpoint.close();
		const refused = await new Promise<boolean>(resolve => {
			const socket = tls.connect({host: '127.0.0.1', port: tlsEndpoint.port, rejectUnauthorized: false});
			socket.once('secureConnect', () => resolve(false));
			socket.once('error', () => resolve(true));
		});
		expect(refused).toBe(true);
		expect(fs.readdirSync(runTemp)).toEqual([]);
		// The runs' demo folders (in the temp dir) and their leftover journals are gone or empty.
		const journal = path.join(home, '.cache', 'dockwiz', 'leftovers.json');
		if (fs.existsSync(journal)) {
			const left = JSON.parse(fs.readFileSync(journal, 'utf8')) as Record<string, {images: string[]; containers: string[]}>;
			for (const entry of Object.values(left)) expect([...entry.images, ...entry.containers]).toEqual([]);
		}
	});
});
