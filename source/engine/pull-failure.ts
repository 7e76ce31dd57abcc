// What a failed pull tells the user: which registry, and the one thing to do about it.
// The engine's own reason is kept in brackets; a credential never reaches the message.
import {loginCommand} from './image-reference.js';

/** dockerode prefixes the engine's message with its HTTP status: `(HTTP code 500) server error - `. */
export function engineReason(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/^\(HTTP code \d+\)[^-]*-\s*/, '').trim();
}

export function pullFailureMessage(image: string, registry: string, reason: string, credentialSource: string | null): string {
	const login = loginCommand(registry);
	const where = registry === 'docker.io' ? 'Docker Hub' : `Registry ${registry}`;
	if (/repository does not exist or may require/i.test(reason)) {
		return `${where} has no ${image} that these credentials may pull (${reason}). Check the name and tag in the FROM line; if the image is private, log in with \`${login}\` and run dockwiz again.`;
	}

	if (/unauthori[sz]ed|authentication required|access denied|denied:|401|incorrect username or password|no basic auth credentials/i.test(reason)) {
		return credentialSource
			? `${where} refused the credentials dockwiz found for it in ${credentialSource} when pulling ${image} (${reason}). Log in again with \`${login}\`, then run dockwiz again.`
			: `${where} needs credentials to pull ${image} (${reason}) and none are stored for it. Log in with \`${login}\` (dockwiz uses what docker login stores), then run dockwiz again.`;
	}

	if (/manifest unknown|not found|no such manifest|name unknown/i.test(reason)) {
		return `${where} has no image ${image} (${reason}). Check the name and tag in the FROM line, or push the image there first.`;
	}

	return `Base image ${image} is not on this engine and could not be pulled (${reason}). Pull it where a registry is reachable (docker pull ${image}), or change the FROM line.`;
}
