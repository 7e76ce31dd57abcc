import {maskSecrets} from '../analysis/mask-secrets.js';
import type {EngineHandle} from './adapter.js';

// eslint-disable-next-line no-control-regex
const colours = /\u001B\[[0-9;?]*[A-Za-z]/g;

/** A container's log as lines fit to print: no colours, no blank lines, credentials masked. */
export function logTailLines(log: string, maxLines: number): string[] {
	return log
		.replaceAll(colours, '')
		.split(/\r?\n/)
		.map(line => line.replace(/\s+$/, ''))
		.filter(line => line.trim() !== '')
		.slice(-maxLines)
		.map(line => maskSecrets(line));
}

/** The container's last log lines; none when the engine cannot give them. */
export async function containerLogTail(engine: EngineHandle, id: string, maxLines: number): Promise<string[]> {
	const log = await engine.adapter.containerLogs(id, maxLines).catch(() => '');
	return logTailLines(log, maxLines);
}
