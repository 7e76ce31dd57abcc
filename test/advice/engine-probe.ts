// What the proposal engine tests share: a command run with its output kept (classic builder,
// as the stand-in images are built), and the first HTTP answer of a container on loopback.
import {spawn} from 'node:child_process';

export async function run(command: string, args: string[]): Promise<{status: number | null; output: string}> {
	return new Promise(resolve => {
		const child = spawn(command, args, {env: {...process.env, DOCKER_BUILDKIT: '0'}});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.on('close', status => resolve({status, output}));
	});
}

/** The first answer within `seconds` (a refused connection means the server is not up yet), or null. */
export async function firstAnswer(url: string, seconds: number): Promise<{status: number; server: string; body: string} | null> {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url);
			return {status: response.status, server: response.headers.get('server') ?? '', body: await response.text()};
		} catch {
			await new Promise(resolve => setTimeout(resolve, 300));
		}
	}

	return null;
}
