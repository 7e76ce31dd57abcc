// Which run and which process made an image or container. Every image and container dockwiz
// creates carries these labels, so what a killed run (SIGKILL, power loss) left can be found
// on the engine later, and told apart from what a run still alive is using.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import {processAlive} from '../process-alive.js';
import type {Labels} from './adapter.js';

export type RunIdentity = {
	runId: string;
	pid: number;
	/** The host name and the kernel's boot id: a pid means something only on the same host, in the same boot. */
	host: string;
	bootId: string;
};

/** One label, `dockwiz.run=<run id>/<pid>/<host>/<boot id>`, simple to filter on and to read back. */
export const runLabel = 'dockwiz.run';

/** How the label reads in an image's history, where it is dockwiz's, not an instruction of the user's. */
export const runLabelStep = /^LABEL dockwiz\.run=/;

function readBootId(): string {
	try {
		return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
	} catch {
		// No /proc (macOS, Windows): the pid check alone, on the same host name.
		return '';
	}
}

/** This process's identity, with a fresh run id. */
export function newRunIdentity(): RunIdentity {
	return {runId: `${Date.now().toString(36)}-${process.pid.toString(36)}-${randomBytes(3).toString('hex')}`, pid: process.pid, host: os.hostname(), bootId: readBootId()};
}

export function runLabels(identity: RunIdentity): Labels {
	return {[runLabel]: [identity.runId, identity.pid, identity.host, identity.bootId].map(part => String(part).replaceAll('/', '_')).join('/')};
}

/** The identity written on an image or container, or null when it carries none. */
export function identityFromLabels(labels: Labels): RunIdentity | null {
	const [runId, pidText, host = '', bootId = ''] = (labels[runLabel] ?? '').split('/');
	const pid = Number(pidText);
	if (!runId || !Number.isInteger(pid) || pid <= 0) return null;
	return {runId, pid, host, bootId};
}

export type Liveness = 'alive' | 'dead' | 'unknown';

/** Whether a pid of this host is running. */
export const pidRuns = processAlive;

/**
 * Whether the process that made a run is still running. Another host's process cannot be
 * checked from here: unknown, never dead. A reused pid reads as alive: kept, the safe side.
 */
export function livenessOf(other: RunIdentity, here: RunIdentity, isRunning: (pid: number) => boolean = pidRuns): Liveness {
	if (other.host !== here.host) return 'unknown';
	if (other.bootId !== '' && here.bootId !== '' && other.bootId !== here.bootId) return 'dead';
	return isRunning(other.pid) ? 'alive' : 'dead';
}
