import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// Brings up (or reuses) the real Docker engine, the base images and the local package
// index before any engine test runs. A machine where this cannot be done fails the run
// loudly: engine tests are never skipped.
export default function setup(): void {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
	const started = Date.now();
	const result = spawnSync('bash', [path.join(root, 'scripts/engine-up.sh')], {stdio: ['ignore', 'inherit', 'inherit']});
	if (result.status !== 0) {
		throw new Error(`The Docker engine for the engine tests could not be brought up (scripts/engine-up.sh exited ${result.status ?? result.signal}); see its output above.`);
	}

	process.stderr.write(`[engine-up] took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
