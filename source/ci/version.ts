import {readFileSync} from 'node:fs';

// Set by the build (scripts/build.mjs); from source the package.json two folders up says it.
declare const DOCKWIZ_VERSION: string | undefined;

let cached: string | undefined;

/** dockwiz's version, for the SARIF log's tool and the rule documentation's address. */
export function dockwizVersion(): string {
	cached ??= typeof DOCKWIZ_VERSION === 'string' ? DOCKWIZ_VERSION : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}).version;
	return cached;
}
