// What the proposal engine tests share: a command run with its output kept (classic builder,
// as the stand-in images are built), a fixture copied with the proposal written into it, its
// build, its container on the host network, and the container's first HTTP answer on loopback.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {writeProposal} from '../../source/write-files.js';

/**
 * The builders these tests build with: \`run\` uses the classic builder (as the stand-in images
 * are built), so proposals are asked for as an engine without BuildKit gets them (no cache
 * mounts). The BuildKit variant is built by dockwiz's own measurement in the engine tests.
 */
export const classicOnly = ['classic'];

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

/**
 * How long a started container gets to answer its first HTTP request. Generous on purpose:
 * a healthy app answers in a second or two, but on a loaded machine (two cores shared with
 * builds) Python's imports alone can take tens of seconds; waiting costs nothing when it answers.
 */
export const answerSeconds = 90;

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

/** What a proposal engine test created, to remove afterwards. */
export type Made = {containers: string[]; images: string[]; stepImages: string[]; dirs: string[]};

export function newMade(): Made {
	return {containers: [], images: [], stepImages: [], dirs: []};
}

/** The step images a classic build printed (` ---> id`): the builder stage's are no parents of the final image. */
export function stepImagesOf(buildOutput: string): string[] {
	return [...buildOutput.matchAll(/^ ---> ([0-9a-f]{12,64})$/gm)].map(match => match[1]);
}

/** Removes what the tests made: containers, images, then step images newest first, never forced and only untagged (a FROM step's id is a shared base image), then folders. */
export async function removeMade(made: Made): Promise<void> {
	for (const container of made.containers) {
		await run('docker', ['rm', '-f', container]);
	}

	for (const image of made.images) {
		await run('docker', ['rmi', '-f', image]);
	}

	for (const id of [...made.stepImages].reverse()) {
		const tags = await run('docker', ['image', 'inspect', '-f', '{{len .RepoTags}}', id]);
		if (tags.status === 0 && tags.output.trim() === '0') await run('docker', ['rmi', id]);
	}

	for (const dir of made.dirs) {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}

/** Copies a fixture into a temp folder of its own (removed afterwards) and writes the files there, as --write would. */
export async function fixtureWithFiles(made: Made, fixture: string, prefix: string, files: {dockerfile: string; dockerignore: string | null}): Promise<string> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-${path.basename(fixture)}-`));
	made.dirs.push(dir);
	fs.cpSync(fixture, dir, {recursive: true});
	await writeProposal(dir, [{path: 'Dockerfile', content: files.dockerfile}, ...(files.dockerignore === null ? [] : [{path: '.dockerignore', content: files.dockerignore}])], {dryRun: false});
	return dir;
}

/** Builds `dir` as `image` with the classic builder on the host network (the local index is on loopback); the image and every step image are noted for removal. */
export async function classicBuild(made: Made, dir: string, image: string): Promise<{status: number | null; output: string; seconds: number}> {
	made.images.push(image);
	const started = performance.now();
	const build = await run('docker', ['build', '--network', 'host', '-t', image, dir]);
	// The builder stage's images are no parents of the final one: note every step's image to remove it too.
	made.stepImages.push(...stepImagesOf(build.output));
	return {...build, seconds: (performance.now() - started) / 1000};
}

/** Starts `image` detached as `container` on the host network with these variables; the container is noted for removal. */
export async function startOnHost(made: Made, image: string, container: string, env: Record<string, string> = {}): Promise<{status: number | null; output: string}> {
	made.containers.push(container);
	return run('docker', ['run', '-d', '--network', 'host', ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]), '--name', container, image]);
}
