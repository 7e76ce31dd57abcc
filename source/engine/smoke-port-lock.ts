// On the host network a smoke-tested app listens on the host's own port: two dockwiz runs on
// this machine testing the same port at once (two CI jobs, two terminals) would collide, and
// one could even take the other's answer for its own app. A lock file per port, in the temp
// folder, makes them take turns; a holder that died no longer counts. Best effort: where the
// temp folder cannot hold the file, the port check alone still stands.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {processAlive} from '../process-alive.js';
import {abortableSleep} from './abortable-sleep.js';

export type PortLock = {release(): void};

export type PortLockOutcome = {ok: true; lock: PortLock} | {ok: false; holder: number | null; aborted: boolean};

const noLock: PortLock = {release() {}};

function holderOf(file: string): number | null {
	try {
		const pid = Number(fs.readFileSync(file, 'utf8').split(' ')[0]);
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

// One folder for every run on the machine, whatever TMPDIR each was given.
const machineTemp = process.platform === 'win32' ? os.tmpdir() : '/tmp';

/** Takes the port's turn, waiting up to `waitSeconds` for another run's smoke test on it to end. */
export async function lockSmokePort(port: number, waitSeconds: number, signal: AbortSignal, dir = machineTemp): Promise<PortLockOutcome> {
	const file = path.join(dir, `dockwiz-smoke-port-${port}.lock`);
	const mine = `${process.pid} ${randomBytes(6).toString('hex')}`;
	const deadline = performance.now() + waitSeconds * 1000;
	for (;;) {
		try {
			fs.writeFileSync(file, mine, {flag: 'wx'});
			return {
				ok: true,
				lock: {
					release() {
						// Only our own turn: a file a stale-lock takeover replaced is another run's.
						try {
							if (fs.readFileSync(file, 'utf8') === mine) fs.rmSync(file, {force: true});
						} catch {
							// Already gone: nothing to release.
						}
					},
				},
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return {ok: true, lock: noLock};
		}

		const holder = holderOf(file);
		if (holder !== null && !processAlive(holder)) {
			// Its run was killed mid-test: the turn is free (unless another user's file may not be removed).
			try {
				fs.rmSync(file, {force: true});
			} catch {
				return {ok: true, lock: noLock};
			}

			continue;
		}

		if (signal.aborted || performance.now() > deadline) return {ok: false, holder, aborted: signal.aborted};
		await abortableSleep(100, signal);
	}
}
