import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A second dockerd of our own (own data, exec root, socket, pidfile and managed containerd;
 * its own network namespace, no bridge, no iptables), so a test can stop the engine mid-build without touching the
 * engine everyone else's tests use.
 */
export class PrivateEngine {
	readonly dir: string;
	readonly socket: string;
	readonly host: string;
	private process: ChildProcess | undefined;

	constructor(readonly name: string) {
		// Short: a unix socket path must stay under 108 bytes.
		this.dir = path.join('/tmp', `dwh-${name}-${process.pid}`);
		this.socket = path.join(this.dir, 'd.sock');
		this.host = `unix://${this.socket}`;
	}

	/** The docker CLI against this engine. */
	docker(args: string[], input?: Buffer): string {
		return execFileSync('docker', ['-H', this.host, ...args], {encoding: 'utf8', input, timeout: 120_000, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe']});
	}

	answers(): boolean {
		try {
			this.docker(['version', '--format', '{{.Server.Version}}']);
			return true;
		} catch {
			return false;
		}
	}

	async start(): Promise<void> {
		fs.mkdirSync(this.dir, {recursive: true});
		fs.writeFileSync(path.join(this.dir, 'daemon.json'), '{}\n');
		const log = fs.openSync(path.join(this.dir, 'dockerd.log'), 'a');
		// In a network namespace of its own: a dockerd started with --bridge=none deletes the
		// interface named docker0 at start, which in the host's namespace is the shared engine's
		// bridge (its containers could no longer start). unshare execs dockerd in place: same pid.
		this.process = spawn('unshare', ['--net', '--', 'dockerd',
			`--config-file=${path.join(this.dir, 'daemon.json')}`,
			`--data-root=${path.join(this.dir, 'data')}`,
			`--exec-root=${path.join(this.dir, 'exec')}`,
			`--pidfile=${path.join(this.dir, 'dockerd.pid')}`,
			`-H`, this.host,
			'--bridge=none',
			'--iptables=false',
			'--ip-masq=false',
			'--userland-proxy=false',
			'--log-level=warn',
		], {stdio: ['ignore', log, log]});
		fs.closeSync(log);
		const started = Date.now();
		while (!this.answers()) {
			if (this.process.exitCode !== null || Date.now() - started > 60_000) {
				throw new Error(`The private dockerd did not come up:\n${fs.readFileSync(path.join(this.dir, 'dockerd.log'), 'utf8').slice(-3000)}`);
			}

			await new Promise(resolve => setTimeout(resolve, 300));
		}
	}

	/** Stops it as `systemctl stop docker` would (SIGTERM), and waits until it is gone. */
	async stop(): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
		await exited;
		clearTimeout(timer);
	}

	/** Copies an image from the main engine into this one. */
	loadFromMain(image: string): void {
		const saved = execFileSync('docker', ['save', image], {maxBuffer: 2 * 1024 * 1024 * 1024, timeout: 300_000});
		this.docker(['load'], saved);
	}

	/** Stops it and removes everything it kept on disk. */
	async destroy(): Promise<void> {
		await this.stop();
		// A stopped dockerd unmounts its layers; anything still mounted below is unmounted before removal.
		const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map(line => line.split(' ')[1]).filter(mount => mount?.startsWith(this.dir)).reverse();
		for (const mount of mounts) execFileSync('umount', ['-l', mount], {stdio: 'ignore'});
		fs.rmSync(this.dir, {recursive: true, force: true});
	}
}
