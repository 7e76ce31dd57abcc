// Bundles source/cli.tsx into dist/ (or the folder given as the first argument): one small
// entry that parses flags, and chunks each mode loads when it needs them, so the wizard's
// first frame waits for as little code as possible (see bench/startup.ts).
// Usage: node scripts/build.mjs [outdir]

import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {build} from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.resolve(root, process.argv[2] ?? 'dist');
const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * yoga-layout (Ink's layout engine) loads its WebAssembly from a data: URL, through fetch()
 * whenever a global fetch exists. On Node that first touch of fetch loads undici and decodes
 * the URL in JavaScript: about a fifth of the wizard's start-up. Its own fallback (atob into
 * bytes, then WebAssembly.instantiate) is what runs without fetch; this makes it always run.
 */
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, args => {
			const source = readFileSync(args.path, 'utf8');
			const check = /"function" ?!= ?typeof fetch/g;
			const found = source.match(check)?.length ?? 0;
			if (found === 0) {
				throw new Error(`yoga-layout changed: no fetch check in ${args.path}. Review scripts/build.mjs's yoga-without-fetch.`);
			}

			return {contents: source.replace(check, 'true'), loader: 'js'};
		});
	},
};

rmSync(outdir, {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: ['source/cli.tsx'],
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	outdir,
	chunkNames: 'chunks/[name]-[hash]',
	jsx: 'automatic',
	define: {
		'process.env.NODE_ENV': '"production"',
		DOCKWIZ_VERSION: JSON.stringify(version),
	},
	// dockerode stays on disk: its ssh2 dependency loads optional native add-ons a bundle cannot
	// carry. Ink's devtools hook is never used outside development.
	external: ['dockerode', 'react-devtools-core'],
	// Bundled CommonJS packages call require(); ESM output has none of its own.
	banner: {js: 'import {createRequire as __dockwizRequire} from "node:module"; const require = __dockwizRequire(import.meta.url);'},
	plugins: [yogaWithoutFetch],
	logLevel: 'warning',
});
