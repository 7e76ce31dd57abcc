#!/usr/bin/env node
// Placeholder entry until the flow lands; replaced by the real CLI.
import {resolveOptions} from './options.js';

const result = resolveOptions(process.argv.slice(2), {}, process.env, Boolean(process.stdout.isTTY));
if (!result.ok) {
	process.stderr.write(`dockwiz: ${result.message}\n`);
	process.exitCode = 2;
}
