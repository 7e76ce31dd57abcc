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

/**
 * meow is given the package's name and version (source/flags.ts), so its package.json reader
 * and normaliser (read-package-up, normalize-package-data with its SPDX and semver tables) are
 * never called; yet its bundled dependencies build the normaliser at load, a third of meow's
 * start-up. This leaves the reader out of the bundle: a call to it throws, saying why.
 */
const meowWithoutPackageReader = {
	name: 'meow-without-package-reader',
	setup(builder) {
		builder.onLoad({filter: /meow[\\/]build[\\/]dependencies\.js$/}, args => {
			let source = readFileSync(args.path, 'utf8');
			const edits = [
				// Evaluated at load, for the reader only.
				['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', ''],
				['var libExports = requireLib$1();', 'var libExports;'],
				['promisify(execFile);', ''],
				// The two exports meow's options.js takes for reading package.json.
				['readPackageUpSync as a,', 'packageReaderLeftOut as a,'],
				['normalizePackageData as n,', 'packageReaderLeftOut as n,'],
			];
			for (const [from, to] of edits) {
				if (!source.includes(from)) {
					throw new Error(`meow changed: "${from}" is not in ${args.path}. Review scripts/build.mjs's meow-without-package-reader.`);
				}

				source = source.replace(from, to);
			}

			source += '\nfunction packageReaderLeftOut() { throw new Error("meow must be given pkg: its package.json reader is left out of the bundle (scripts/build.mjs)."); }\n';
			return {contents: source, loader: 'js'};
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
	// dockerode and ssh2 (the smoke test's tunnel to an SSH engine's host) stay on disk: ssh2
	// loads optional native add-ons a bundle cannot carry. Ink's devtools hook is never used outside development.
	external: ['dockerode', 'ssh2', 'react-devtools-core'],
	// Bundled CommonJS packages call require(); ESM output has none of its own.
	banner: {js: 'import {createRequire as __dockwizRequire} from "node:module"; const require = __dockwizRequire(import.meta.url);'},
	plugins: [yogaWithoutFetch, meowWithoutPackageReader],
	logLevel: 'warning',
});
