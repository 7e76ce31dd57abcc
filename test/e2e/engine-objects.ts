// What one dockwiz process has on the engine. Other runs share this engine at the same
// time, so only objects this process can be told by are looked at: images tagged
// `dockwiz-*:tmp-<nonce>-…` where the nonce starts with its process id in base 36, smoke
// containers named `dockwiz-smoke-<side>-<pid>-…`, and any container made from those images.

import {execFileSync} from 'node:child_process';

function docker(...args: string[]): string {
	// An expected "no such image" must not litter the test output.
	return execFileSync('docker', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
}

export type EngineImage = {ref: string; id: string};
export type EngineContainer = {id: string; name: string; image: string};

export function dockwizImages(): EngineImage[] {
	return docker('images', '--no-trunc', '--filter', 'reference=dockwiz-*', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}')
		.split('\n')
		.filter(Boolean)
		.map(line => {
			const [ref, id] = line.split(' ');
			return {ref, id};
		});
}

export function allContainers(): EngineContainer[] {
	return docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}}')
		.split('\n')
		.filter(Boolean)
		.map(line => {
			const [id, name, image] = line.split(' ');
			return {id, name, image};
		});
}

export function imageExists(id: string): boolean {
	try {
		docker('image', 'inspect', '--format', '{{.Id}}', id);
		return true;
	} catch {
		return false;
	}
}

/** Recognizes the objects of the dockwiz process with this id. */
export function ownedBy(pid: number) {
	// The nonce is exactly the id in base 36 and six hex digits, so no other id's nonce matches.
	const tagMark = new RegExp(`:tmp-${pid.toString(36)}[0-9a-f]{6}-`);
	const smokeMark = new RegExp(`^dockwiz-smoke-(?:before|after)-${pid}-`);
	return {
		image: (image: EngineImage) => tagMark.test(image.ref),
		container: (container: EngineContainer, ourImages: EngineImage[]) =>
			smokeMark.test(container.name) ||
			tagMark.test(container.image) ||
			ourImages.some(image => container.image === image.ref || image.id.includes(container.image.replace(/^sha256:/, ''))),
	};
}
