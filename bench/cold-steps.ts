// node --import tsx bench/cold-steps.ts VARIANTS.json [runs]
// Cold builds of several Dockerfiles for one project, interleaved run by run, with each build
// step's time as BuildKit reports it (a vertex's completed minus started) or, with the classic
// builder, the time between its "Step n/m" lines. Every BuildKit cache mount gets an id of its
// own per build, so each cold build finds its mounts empty without pruning anything on the engine.
// VARIANTS.json: {"root": "folder", "builder": "buildkit"|"classic", "variants": {"name": "Dockerfile text"}}
import {randomBytes} from 'node:crypto';
import {readFileSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import tar from 'tar-stream';
import {messageList, readFields, stringField, type WireFields} from '../source/engine/protobuf-wire.js';

type Spec = {root: string; builder: 'buildkit' | 'classic'; variants: Record<string, string>};
const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Spec;
const runs = Number(process.argv[3] ?? 3);
const docker = new Docker();

function files(root: string, folder = ''): string[] {
	return readdirSync(path.join(root, folder)).flatMap(name => {
		const relative = folder ? `${folder}/${name}` : name;
		if (name === '__pycache__' || name === 'Dockerfile' || name === '.dockerignore') return [];
		return statSync(path.join(root, relative)).isDirectory() ? files(root, relative) : [relative];
	});
}

function context(dockerfile: string): NodeJS.ReadableStream {
	const pack = tar.pack();
	for (const file of files(spec.root)) pack.entry({name: file}, readFileSync(path.join(spec.root, file)));
	pack.entry({name: 'Dockerfile'}, dockerfile);
	pack.finalize();
	return pack as unknown as NodeJS.ReadableStream;
}

// google.protobuf.Timestamp: seconds (1), nanos (2).
function timestamp(fields: WireFields, field: number): number | null {
	const raw = fields.get(field)?.[0];
	if (!Buffer.isBuffer(raw)) return null;
	const inner = readFields(raw);
	return Number(inner.get(1)?.[0] ?? 0) + Number(inner.get(2)?.[0] ?? 0) / 1e9;
}

type Steps = Map<string, number>;

async function build(dockerfile: string, tag: string): Promise<{seconds: number; steps: Steps; error: string | null}> {
	// One new id per cache mount in this build: empty mounts, separate from every other build's.
	const unique = dockerfile.replaceAll('--mount=type=cache,', () => `--mount=type=cache,id=cold-${randomBytes(6).toString('hex')},`);
	const started = performance.now();
	const stream = (await docker.buildImage(context(unique) as never, {t: tag, nocache: true, rm: true, forcerm: true, networkmode: 'host', version: spec.builder === 'buildkit' ? '2' : '1'} as never)) as unknown as NodeJS.ReadableStream;
	const steps: Steps = new Map();
	const vertexTimes = new Map<string, {name: string; start?: number; end?: number}>();
	let error: string | null = null;
	let lastStep: {name: string; at: number} | null = null;
	await new Promise<void>((resolve, reject) => {
		docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve()), (event: {stream?: string; aux?: unknown; id?: string; error?: string}) => {
			if (event.error) error = event.error;
			if (event.id === 'moby.buildkit.trace' && typeof event.aux === 'string') {
				for (const v of messageList(readFields(Buffer.from(event.aux, 'base64')), 1)) {
					const digest = stringField(v, 1);
					const entry = vertexTimes.get(digest) ?? {name: stringField(v, 3)};
					entry.start = timestamp(v, 5) ?? entry.start;
					entry.end = timestamp(v, 6) ?? entry.end;
					const err = stringField(v, 7);
					if (err) error = err;
					vertexTimes.set(digest, entry);
				}
			}

			const step = /^Step \d+\/\d+ : (.*)/.exec(event.stream ?? '');
			if (step) {
				const now = performance.now();
				if (lastStep) steps.set(lastStep.name, (now - lastStep.at) / 1000);
				lastStep = {name: step[1]!.slice(0, 70), at: now};
			}
		});
	});
	const seconds = (performance.now() - started) / 1000;
	if (lastStep) steps.set((lastStep as {name: string}).name, (performance.now() - (lastStep as {at: number}).at) / 1000);
	for (const {name, start, end} of vertexTimes.values()) {
		if (start !== undefined && end !== undefined) steps.set(name.replaceAll(/id=cold-[0-9a-f]+,/g, '').slice(0, 90), end - start);
	}

	return {seconds, steps, error};
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const totals = new Map<string, number[]>();
const stepTimes = new Map<string, Map<string, number[]>>();
const tag = `dockwiz-cold-steps:${process.pid}`;
for (let round = 0; round < runs; round++) {
	for (const [name, dockerfile] of Object.entries(spec.variants)) {
		const result = await build(dockerfile, tag);
		if (result.error) {
			console.error(`${name}: build failed: ${result.error}`);
			process.exitCode = 1;
			continue;
		}

		totals.set(name, [...(totals.get(name) ?? []), result.seconds]);
		const byStep = stepTimes.get(name) ?? new Map<string, number[]>();
		for (const [step, seconds] of result.steps) byStep.set(step, [...(byStep.get(step) ?? []), seconds]);
		stepTimes.set(name, byStep);
		console.error(`run ${round + 1} ${name}: ${result.seconds.toFixed(2)} s`);
	}
}

await docker.getImage(tag).remove().catch(() => undefined);
for (const [name, values] of totals) {
	console.log(`\n== ${name}: median ${median(values).toFixed(2)} s (${values.map(v => v.toFixed(2)).join(', ')})`);
	for (const [step, values_] of stepTimes.get(name) ?? []) {
		if (median(values_) >= 0.05) console.log(`   ${median(values_).toFixed(2)} s  ${step.replaceAll('\n', ' ')}`);
	}
}
