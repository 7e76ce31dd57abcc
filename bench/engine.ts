// npm run bench:engine
// 1. The same Dockerfile built by dockwiz and by `docker build` on the same engine and builder
//    (classic, --no-cache, network host), alternating, 5 runs each: the median ratio (target <= 1.05).
// 2. Packing a 200 MB context: dockwiz's walk + tar stream against `tar` on the same files.
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {walkContext} from '../source/analysis/context-walk.js';
import {buildImage, connectEngine, packContext, spreadOf, type Engine} from '../source/engine/index.js';
import {ratio as afterOverBefore} from '../source/report/format.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'engine', 'flask-demo');
const tag = `dockwiz-bench:${process.pid}`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{code: number; stderr: string; stdoutBytes: number}> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		let stdoutBytes = 0;
		child.stdout.on('data', (chunk: Buffer) => {
			stdoutBytes += chunk.length;
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', code => resolve({code: code ?? 1, stderr, stdoutBytes}));
	});
}

async function dockwizBuild(engine: Engine, dockerfile: string): Promise<number> {
	const started = performance.now();
	const walk = await walkContext(fixture, null);
	const outcome = await buildImage(engine, {
		side: 'before',
		phase: 'build',
		context: () => packContext(fixture, walk.included, new Map([['Dockerfile', dockerfile]])),
		tag,
		nocache: true,
		network: 'host',
		builder: 'classic',
		needsBuildkit: false,
		timeoutSeconds: 600,
	}, () => undefined, new AbortController().signal);
	const seconds = (performance.now() - started) / 1000;
	if (!outcome.ok) {
		throw new Error(`dockwiz build failed: ${outcome.error}`);
	}

	return seconds;
}

async function cliBuild(): Promise<number> {
	const started = performance.now();
	const result = await run('docker', ['build', '--no-cache', '--network', 'host', '-q', '-t', tag, fixture], {...process.env, DOCKER_BUILDKIT: '0'});
	const seconds = (performance.now() - started) / 1000;
	if (result.code !== 0) {
		throw new Error(`docker build failed: ${result.stderr.trim()}`);
	}

	return seconds;
}

async function removeBenchImage(engine: Engine): Promise<void> {
	await engine.adapter.removeImage(tag).catch(() => undefined);
}

async function benchBuilds(engine: Engine): Promise<void> {
	const dockerfile = fs.readFileSync(path.join(fixture, 'Dockerfile'), 'utf8');
	const ours: number[] = [];
	const theirs: number[] = [];
	console.log(`Builds: ${path.relative(process.cwd(), fixture)}/Dockerfile, classic builder, --no-cache, network host, ${runs} runs each, alternating`);
	// One untimed build of each warms the page cache and the package index.
	await dockwizBuild(engine, dockerfile);
	await removeBenchImage(engine);
	await cliBuild();
	await removeBenchImage(engine);
	for (let i = 0; i < runs; i++) {
		const [first, second] = i % 2 === 0 ? ['dockwiz', 'docker'] : ['docker', 'dockwiz'];
		for (const who of [first, second]) {
			const seconds = who === 'dockwiz' ? await dockwizBuild(engine, dockerfile) : await cliBuild();
			(who === 'dockwiz' ? ours : theirs).push(seconds);
			await removeBenchImage(engine);
			console.log(`  run ${i + 1} ${who.padEnd(7)} ${seconds.toFixed(2)} s`);
		}
	}

	const a = spreadOf(ours)!;
	const b = spreadOf(theirs)!;
	const ratio = afterOverBefore(a.median, b.median) ?? Number.NaN;
	console.log(`  dockwiz      median ${a.median.toFixed(2)} s (min ${a.min.toFixed(2)}, max ${a.max.toFixed(2)})`);
	console.log(`  docker build median ${b.median.toFixed(2)} s (min ${b.min.toFixed(2)}, max ${b.max.toFixed(2)})`);
	console.log(`  ratio dockwiz/docker: ${ratio.toFixed(3)} (target <= 1.05: ${ratio <= 1.05 ? 'met' : 'NOT met'})`);
}

function makeContext(totalBytes: number): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-bench-context-'));
	const block = randomBytes(1024 * 1024);
	let written = 0;
	let index = 0;
	// A mix of a few large files and many small ones, in nested folders.
	while (written < totalBytes) {
		const size = index % 10 === 0 ? 4 * 1024 * 1024 : 64 * 1024;
		const dir = path.join(root, `pkg${index % 20}`, `mod${index % 7}`);
		fs.mkdirSync(dir, {recursive: true});
		const content = size <= block.length ? block.subarray(0, size) : Buffer.concat(Array.from({length: size / block.length}, () => block));
		fs.writeFileSync(path.join(dir, `file${index}.bin`), content);
		written += size;
		index++;
	}

	return root;
}

async function ourPack(root: string): Promise<{seconds: number; bytes: number}> {
	const started = performance.now();
	const walk = await walkContext(root, null);
	const packed = packContext(root, walk.included);
	let bytes = 0;
	for await (const chunk of packed.stream) {
		bytes += (chunk as Buffer).length;
	}

	await packed.done;
	return {seconds: (performance.now() - started) / 1000, bytes};
}

async function tarPack(root: string): Promise<{seconds: number; bytes: number}> {
	const started = performance.now();
	// To a pipe, not /dev/null: GNU tar skips reading files when it writes to /dev/null.
	const result = await run('tar', ['-cf', '-', '-C', root, '.']);
	if (result.code !== 0) {
		throw new Error(`tar failed: ${result.stderr}`);
	}

	return {seconds: (performance.now() - started) / 1000, bytes: result.stdoutBytes};
}

async function benchPacking(): Promise<void> {
	const totalBytes = 200 * 1024 * 1024;
	const root = makeContext(totalBytes);
	try {
		const files = (await walkContext(root, null)).included.filter(f => f.kind === 'file').length;
		console.log(`Packing: ${(totalBytes / 1024 / 1024).toFixed(0)} MiB in ${files} files, to a pipe read by this process, 3 runs each, alternating`);
		await ourPack(root);
		await tarPack(root);
		const ours: number[] = [];
		const theirs: number[] = [];
		let oursBytes = 0;
		let tarBytes = 0;
		for (let i = 0; i < 3; i++) {
			const a = await ourPack(root);
			const b = await tarPack(root);
			ours.push(a.bytes / 1024 / 1024 / a.seconds);
			theirs.push(b.bytes / 1024 / 1024 / b.seconds);
			oursBytes = a.bytes;
			tarBytes = b.bytes;
		}

		const a = spreadOf(ours)!;
		const b = spreadOf(theirs)!;
		console.log(`  dockwiz pack  median ${a.median.toFixed(0)} MiB/s (min ${a.min.toFixed(0)}, max ${a.max.toFixed(0)}), ${oursBytes} bytes`);
		console.log(`  tar           median ${b.median.toFixed(0)} MiB/s (min ${b.min.toFixed(0)}, max ${b.max.toFixed(0)}), ${tarBytes} bytes`);
		console.log(`  throughput dockwiz/tar: ${(a.median / b.median).toFixed(2)}`);
	} finally {
		fs.rmSync(root, {recursive: true, force: true});
	}
}

const connected = await connectEngine();
if (!connected.ok) {
	console.error(connected.message);
	process.exit(1);
}

console.log(`Engine ${connected.info.engineVersion} (API ${connected.info.apiVersion}) at ${connected.info.endpoint}`);
try {
	await benchBuilds(connected.engine);
} finally {
	await removeBenchImage(connected.engine);
}

await benchPacking();
