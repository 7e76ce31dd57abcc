// Running dockwiz as an unprivileged user (root reads and writes everything, so permission
// cases run as `nobody`). Nothing nobody needs may sit in the checkout or depend on /tmp:
// checkouts live in private folders (mode 700, as home folders often are) and /tmp may not be
// world-writable. So this prepares, in a folder of the test's own that nobody owns, a copy of
// the built CLI with the packages it loads at run time, and a HOME and TMPDIR for nobody.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {repoRoot} from './run-cli.js';

export const nobody = 65_534;
/** Whether runs must drop privileges (as root) to meet permission checks at all. */
export const runningAsRoot = process.getuid?.() === 0;

export type UnprivilegedKit = {
	/** The CLI copy nobody can read and run. */
	cliPath: string;
	/** Prefix for runCli: the command that drops to nobody (empty when not root). */
	prefix: string[] | undefined;
	/** HOME and TMPDIR inside the kit, owned by nobody. */
	env: NodeJS.ProcessEnv;
	/** A working folder nobody can enter. */
	home: string;
	/** A fresh folder under the kit for a test's project (owned by root, mode 755). */
	projectDir(): string;
	remove(): void;
};

/** The packages `name` needs at run time, found in the checkout's flat node_modules. */
function runtimeClosure(name: string): string[] {
	const seen = new Set<string>();
	const queue = [name];
	while (queue.length > 0) {
		const next = queue.pop()!;
		const dir = path.join(repoRoot, 'node_modules', next);
		if (seen.has(next) || next.startsWith('@types/') || !fs.existsSync(dir)) continue;
		seen.add(next);
		const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>};
		queue.push(...Object.keys({...manifest.dependencies, ...manifest.optionalDependencies}));
	}

	return [...seen];
}

/** Builds the kit: the CLI as users get it, plus dockerode's packages (the bundle leaves it outside). */
export function prepareUnprivileged(): UnprivilegedKit {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-unprivileged-'));
	const cliDir = path.join(base, 'cli');
	execFileSync(process.execPath, ['scripts/build.mjs', cliDir], {cwd: repoRoot, stdio: 'inherit', timeout: 300_000});
	for (const name of runtimeClosure('dockerode')) {
		fs.cpSync(path.join(repoRoot, 'node_modules', name), path.join(base, 'node_modules', name), {recursive: true, dereference: true});
	}

	const home = path.join(base, 'home');
	const projects = path.join(base, 'projects');
	fs.mkdirSync(home);
	fs.mkdirSync(projects);
	fs.chmodSync(projects, 0o755);
	if (runningAsRoot) {
		// nobody owns the kit's top and its home; what root made inside stays readable (umask 022).
		fs.chownSync(base, nobody, nobody);
		fs.chownSync(home, nobody, nobody);
	}

	fs.chmodSync(base, 0o755);
	return {
		cliPath: path.join(cliDir, 'cli.js'),
		prefix: runningAsRoot ? ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups'] : undefined,
		env: {HOME: home, TMPDIR: home, XDG_CACHE_HOME: path.join(home, '.cache')},
		home,
		projectDir() {
			const dir = fs.mkdtempSync(path.join(projects, 'project-'));
			fs.chmodSync(dir, 0o755);
			return dir;
		},
		remove() {
			// Tests take permissions away; give them back so the folder can go.
			execFileSync('chmod', ['-R', 'u+rwx', base]);
			fs.rmSync(base, {recursive: true, force: true});
		},
	};
}
