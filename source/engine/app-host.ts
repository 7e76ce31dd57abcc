import net from 'node:net';
import type {Duplex} from 'node:stream';
// Type only: ssh2 loads (with its optional native add-ons) when an SSH engine's app is probed.
import type {Client, ConnectConfig} from 'ssh2';

// Where the smoke test reaches the app: on the engine's host, as the engine sees it. A
// container's port (host network, or published on the engine's 127.0.0.1) is on the machine
// the engine runs on, which for a remote engine is not this one:
// - local socket: 127.0.0.1 here;
// - tcp://HOST: HOST (the engine's address); published ports are then bound on all of the
//   engine's addresses when HOST is not a loopback one, or the probe could not reach them;
// - ssh://HOST: 127.0.0.1 on HOST, through a tunnel in the same SSH login (as `ssh -L` would).

export type AppHostLink = {
	/** A stream to the port on the engine's host; rejects when nothing listens there. */
	connect(port: number): Promise<Duplex>;
	close(): void;
};

export type AppHost = {
	/** Where the probe goes, for the report: "127.0.0.1 on the engine's host, through SSH". */
	describe: string;
	/** The address a published port is bound to on the engine's host. */
	publishIp: string;
	open(): Promise<AppHostLink>;
};

function tcpLink(host: string): AppHostLink {
	return {
		connect: port => new Promise((resolve, reject) => {
			const socket = net.connect({host, port});
			socket.setTimeout(2000);
			socket.once('connect', () => {
				socket.setTimeout(0);
				socket.removeListener('error', reject);
				resolve(socket);
			});
			socket.once('timeout', () => {
				socket.destroy();
				reject(new Error(`no answer from ${host}:${port} within 2 s`));
			});
			socket.once('error', reject);
		}),
		close() {},
	};
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** The engine's host reached over TCP: 127.0.0.1 for a local engine. */
export function tcpAppHost(host = '127.0.0.1', remote = false): AppHost {
	const probeHost = host === 'localhost' ? '127.0.0.1' : host;
	return {
		describe: remote ? `${probeHost} (the engine's host)` : '127.0.0.1',
		publishIp: isLoopback(probeHost) ? '127.0.0.1' : '0.0.0.0',
		open: async () => tcpLink(probeHost),
	};
}

/** The engine's host reached through SSH: 127.0.0.1 there, over a direct-tcpip channel. */
export function sshAppHost(config: ConnectConfig, label: string): AppHost {
	return {
		describe: `127.0.0.1 on ${label}, through SSH`,
		publishIp: '127.0.0.1',
		async open() {
			const {Client: SshClient} = (await import('ssh2')).default;
			const client: Client = new SshClient();
			await new Promise<void>((resolve, reject) => {
				client.once('ready', () => {
					client.removeListener('error', reject);
					resolve();
				});
				client.once('error', reject);
				client.connect(config);
			});
			// A channel that fails later must not crash the run: the probe sees its stream end.
			client.on('error', () => {});
			return {
				connect: port => new Promise((resolve, reject) => {
					client.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (error, stream) => {
						if (error) reject(error);
						else resolve(stream);
					});
				}),
				close() {
					client.end();
				},
			};
		},
	};
}
