// Remote ways into the shared Docker engine, made on this machine for the remote-engine test:
// - TLS: a TLS server on 127.0.0.1 that verifies the client's certificate (signed by a CA
//   made here with openssl) and forwards each connection to /var/run/docker.sock. It is a real
//   TLS endpoint in front of the shared engine, not a second engine: the shared engine is never
//   restarted, and the test's images and containers are made (and must be removed) on it.
// - SSH: an sshd of the test's own (its config, host key, authorized key, pid file and log in a
//   temp folder, on a free 127.0.0.1 port) as the engine host's login; dockerode runs
//   `docker system dial-stdio` in it, which talks to the same engine.
// openssl and sshd are installed by scripts/engine-up.sh.

import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import {freePort} from './engine-helpers.js';

export const engineSocket = '/var/run/docker.sock';

function openssl(args: string[], cwd: string): void {
	execFileSync('openssl', args, {cwd, stdio: ['ignore', 'ignore', 'pipe']});
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, as Docker's TLS docs make them. */
export function makeCertificates(dir: string): {ca: string; serverCert: string; serverKey: string; clientDir: string} {
	fs.mkdirSync(dir, {recursive: true});
	openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=dockwiz test CA', '-keyout', 'ca-key.pem', '-out', 'ca.pem'], dir);
	fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n');
	fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage = clientAuth\n');
	for (const [name, subject] of [['server', '/CN=127.0.0.1'], ['client', '/CN=dockwiz test client']]) {
		openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', subject, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`], dir);
		openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
	}

	// DOCKER_CERT_PATH's layout: ca.pem, cert.pem, key.pem.
	const clientDir = path.join(dir, 'client');
	fs.mkdirSync(clientDir);
	fs.copyFileSync(path.join(dir, 'ca.pem'), path.join(clientDir, 'ca.pem'));
	fs.copyFileSync(path.join(dir, 'client.pem'), path.join(clientDir, 'cert.pem'));
	fs.copyFileSync(path.join(dir, 'client-key.pem'), path.join(clientDir, 'key.pem'));
	return {ca: path.join(dir, 'ca.pem'), serverCert: path.join(dir, 'server.pem'), serverKey: path.join(dir, 'server-key.pem'), clientDir};
}

export type TlsEndpoint = {
	port: number;
	/** Connections whose client certificate was verified. */
	accepted: number;
	/** Handshakes refused (no certificate, or one the CA did not sign). */
	refused: number;
	/** Bytes the clients sent to the engine through it (build contexts included). */
	bytesToEngine: number;
	close(): Promise<void>;
};

/** A TLS server with client-certificate verification, forwarding to the shared engine's socket. */
export async function startTlsEndpoint(certs: {ca: string; serverCert: string; serverKey: string}): Promise<TlsEndpoint> {
	const sockets = new Set<net.Socket>();
	const endpoint: TlsEndpoint = {port: 0, accepted: 0, refused: 0, bytesToEngine: 0, close: async () => undefined};
	const server = tls.createServer({
		ca: fs.readFileSync(certs.ca),
		cert: fs.readFileSync(certs.serverCert),
		key: fs.readFileSync(certs.serverKey),
		requestCert: true,
		rejectUnauthorized: true,
	}, client => {
		endpoint.accepted++;
		const engine = net.connect(engineSocket);
		sockets.add(client).add(engine);
		client.on('data', (chunk: Buffer) => {
			endpoint.bytesToEngine += chunk.length;
		});
		client.pipe(engine).pipe(client);
		const end = () => {
			client.destroy();
			engine.destroy();
			sockets.delete(client);
			sockets.delete(engine);
		};

		client.on('error', end).on('close', end);
		engine.on('error', end).on('close', end);
	});
	server.on('tlsClientError', () => {
		endpoint.refused++;
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	endpoint.port = (server.address() as net.AddressInfo).port;
	endpoint.close = () => new Promise(resolve => {
		for (const socket of sockets) socket.destroy();
		server.close(() => resolve());
	});
	return endpoint;
}

export type SshEndpoint = {
	port: number;
	pid: number;
	/** The home a client uses: .ssh/id_ed25519 and .ssh/known_hosts for this sshd. */
	clientHome: string;
	log(): string;
	/** The commands clients ran in their logins, in order. */
	commands(): string[];
	stop(): Promise<void>;
};

/** An sshd of the test's own on 127.0.0.1, logging in root with a key made here. */
export async function startSshd(dir: string, clientHome: string): Promise<SshEndpoint> {
	const sshd = '/usr/sbin/sshd';
	if (!fs.existsSync(sshd)) throw new Error('sshd is missing: scripts/engine-up.sh installs openssh-server; run npm run engine:up.');
	fs.mkdirSync(dir, {recursive: true});
	const sshDir = path.join(clientHome, '.ssh');
	fs.mkdirSync(sshDir, {recursive: true, mode: 0o700});
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dockwiz test host', '-f', path.join(dir, 'host_ed25519')]);
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dockwiz test client', '-f', path.join(sshDir, 'id_ed25519')]);
	fs.copyFileSync(path.join(sshDir, 'id_ed25519.pub'), path.join(dir, 'authorized_keys'));
	const port = await freePort();
	const hostKey = fs.readFileSync(path.join(dir, 'host_ed25519.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
	fs.writeFileSync(path.join(sshDir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
	const logFile = path.join(dir, 'sshd.log');
	// Runs what the client asked for, unchanged, after writing it down (sshd logs no command text).
	const commandsFile = path.join(dir, 'commands.log');
	const recorder = path.join(dir, 'record-command');
	fs.writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$SSH_ORIGINAL_COMMAND" >>'${commandsFile}'\nexec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\n`, {mode: 0o755});
	fs.writeFileSync(path.join(dir, 'sshd_config'), [
		`Port ${port}`,
		'ListenAddress 127.0.0.1',
		`HostKey ${path.join(dir, 'host_ed25519')}`,
		`PidFile ${path.join(dir, 'sshd.pid')}`,
		`AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
		'PubkeyAuthentication yes',
		'PasswordAuthentication no',
		'KbdInteractiveAuthentication no',
		'PermitRootLogin prohibit-password',
		'UsePAM no',
		// The temp folder is not root's home: its modes are not the ones sshd insists on there.
		'StrictModes no',
		// The smoke test's tunnel to the app's port on this host.
		'AllowTcpForwarding local',
		'X11Forwarding no',
		'PrintMotd no',
		`ForceCommand ${recorder}`,
		// DEBUG1 logs each command and each tunnel the test checks for.
		'LogLevel DEBUG1',
		'',
	].join('\n'));
	const log = fs.openSync(logFile, 'a');
	// -D: stays in the foreground, a child of this test, stopped by its pid; -e: logs to stderr.
	const child: ChildProcess = spawn(sshd, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {stdio: ['ignore', log, log]});
	fs.closeSync(log);
	const started = Date.now();
	while (!(await answers(port))) {
		if (child.exitCode !== null || Date.now() - started > 15_000) {
			throw new Error(`sshd did not start:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		}

		await new Promise(resolve => setTimeout(resolve, 100));
	}

	return {
		port,
		pid: child.pid!,
		clientHome,
		log: () => fs.readFileSync(logFile, 'utf8'),
		commands: () => (fs.existsSync(commandsFile) ? fs.readFileSync(commandsFile, 'utf8').split('\n').filter(Boolean) : []),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

function answers(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port});
		socket.once('data', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Whether a process with this id still exists. */
export function processExists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
