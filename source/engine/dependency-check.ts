// Whether the image built after a dependency change has the added package: a rebuild that
// never installed it (a Dockerfile listing its packages by name, a lock file left alone) is
// fast for the wrong reason, and is reported as not measured.
import {statusOf, type EngineHandle, type Labels} from './adapter.js';

export type DependencyCheck = {
	image: string;
	/** The distribution name, as pip knows it. */
	packageName: string;
	network?: string;
	labels: Labels;
	onCreated?: (id: string) => void;
	onUnremoved?: (id: string) => void;
	timeoutSeconds?: number;
};

const sleep = (seconds: number) => new Promise<void>(resolve => {
	setTimeout(resolve, seconds * 1000);
});

/** Exit code of `interpreter -c code` in the image, or null when it could not run (no such interpreter, timeout). */
async function runPython(engine: EngineHandle, check: DependencyCheck, interpreter: string, code: string): Promise<number | null> {
	let id: string;
	try {
		id = await engine.adapter.createContainer({
			image: check.image,
			name: `dockwiz-depcheck-${process.pid}-${Date.now().toString(36)}`,
			labels: {'dockwiz.role': 'dependency-check', ...check.labels},
			network: check.network,
			entrypoint: [interpreter, '-c', code],
		});
	} catch {
		return null;
	}

	check.onCreated?.(id);
	try {
		await engine.adapter.startContainer(id);
		const started = performance.now();
		while ((performance.now() - started) / 1000 < (check.timeoutSeconds ?? 30)) {
			const state = await engine.adapter.inspectContainer(id);
			if (!state.running) return state.exitCode;
			await sleep(0.1);
		}

		return null;
	} catch {
		return null;
	} finally {
		await engine.adapter.removeContainer(id, {force: true}).catch((error: unknown) => {
			if (statusOf(error) === undefined) check.onUnremoved?.(id);
		});
	}
}

/** True when the image's Python (first on its PATH: a venv's when it has one) has the package; null when it could not be asked. */
export async function hasPackage(engine: EngineHandle, check: DependencyCheck): Promise<boolean | null> {
	const code = `import importlib.metadata as m; m.version(${JSON.stringify(check.packageName)})`;
	let ran = false;
	for (const interpreter of ['python', 'python3']) {
		const exitCode = await runPython(engine, check, interpreter, code);
		if (exitCode === 0) return true;
		// 1 is Python's PackageNotFoundError; anything else (127, a start failure) says nothing.
		if (exitCode === 1) ran = true;
	}

	return ran ? false : null;
}
