import http from 'node:http';
import type {Duplex} from 'node:stream';
import type {Client, ClientChannel, ConnectConfig} from 'ssh2';

// The Engine API over one SSH login: requests go through `docker system dial-stdio` channels
// (what the Docker CLI's ssh helper runs), kept open for the next request, all in the same
// connection. dockerode's own SSH transport logs in again, and starts the docker CLI on the
// engine's host again, for every request: a measured demo made about 60 logins.
// The login ends a second after the last request finished, so a finished run is not kept alive.

const idleSeconds = 1;

export class SshDialAgent extends http.Agent {
	private client: Client | null = null;
	private ready: Promise<Client> | null = null;
	private open = 0;
	private idleTimer: NodeJS.Timeout | undefined;

	constructor(private readonly config: ConnectConfig) {
		super({keepAlive: true, maxSockets: 8});
	}

	/** Node's own (not in @types/node): every request passes here, so the idle clock starts after the last one. */
	addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
		this.opened();
		request.once('close', () => this.closed());
		(http.Agent.prototype as unknown as {addRequest(this: http.Agent, request: http.ClientRequest, options: http.RequestOptions): void}).addRequest.call(this, request, options);
	}

	// A channel is not a TCP socket: nothing to set keep-alive on, nothing to (un)ref.
	override keepSocketAlive(): boolean {
		return true;
	}

	override reuseSocket(): void {}

	override createConnection(_options: unknown, callback?: (error: Error | null, stream: Duplex) => void): Duplex | undefined {
		this.login().then(
			client => {
				client.exec('docker system dial-stdio', (error, channel) => {
					if (error) {
						callback?.(error, undefined as unknown as Duplex);
						return;
					}

					// dial-stdio's own complaints (no docker there, no engine) go to stderr; not needed here.
					channel.stderr.resume();
					callback?.(null, channel as ClientChannel);
				});
			},
			(error: Error) => {
				callback?.(error, undefined as unknown as Duplex);
			},
		);
		return undefined;
	}

	/** Ends the login now (the run is over, or stopped). */
	override destroy(): void {
		clearTimeout(this.idleTimer);
		this.client?.end();
		this.client = null;
		this.ready = null;
		super.destroy();
	}

	private login(): Promise<Client> {
		this.ready ??= (async () => {
			const {Client: SshClient} = (await import('ssh2')).default;
			const client = new SshClient();
			await new Promise<void>((resolve, reject) => {
				client.once('ready', () => {
					client.removeListener('error', reject);
					resolve();
				});
				client.once('error', reject);
				client.connect(this.config);
			});
			client.on('error', () => {
				// A connection that fails later fails its open channels' requests; the next request logs in again.
			});
			client.once('close', () => {
				if (this.client === client) {
					this.client = null;
					this.ready = null;
				}
			});
			this.client = client;
			return client;
		})();
		// A failed login is not kept: the next request tries again.
		this.ready.catch(() => {
			this.ready = null;
		});
		return this.ready;
	}

	private opened(): void {
		this.open++;
		clearTimeout(this.idleTimer);
	}

	private closed(): void {
		this.open--;
		if (this.open > 0) return;
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(() => {
			// The kept channels end with the login.
			this.destroy();
		}, idleSeconds * 1000);
	}
}
