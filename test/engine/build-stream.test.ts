import {describe, expect, it} from 'vitest';
import {BuildStreamDecoder, exitCodeOf, failedStepLines} from '../../source/engine/build-stream.js';
import {decodeStatusResponse} from '../../source/engine/buildkit-status.js';
import type {EngineEvent} from '../../source/types.js';

// A tiny protobuf writer for the test side: the decoder under test is the reader.
function varint(n: number): Buffer {
	const bytes: number[] = [];
	let value = n;
	while (value >= 128) {
		bytes.push((value % 128) | 128);
		value = Math.floor(value / 128);
	}

	bytes.push(value);
	return Buffer.from(bytes);
}

function field(no: number, value: string | Buffer | number | boolean): Buffer {
	if (typeof value === 'number' || typeof value === 'boolean') {
		return Buffer.concat([varint(no * 8), varint(Number(value))]);
	}

	const bytes = typeof value === 'string' ? Buffer.from(value) : value;
	return Buffer.concat([varint(no * 8 + 2), varint(bytes.length), bytes]);
}

const timestamp = Buffer.concat([field(1, 1_700_000_000), field(2, 5)]);

function vertex(digest: string, name: string, extra: {started?: boolean; completed?: boolean; cached?: boolean; error?: string} = {}): Buffer {
	return Buffer.concat([
		field(1, digest),
		field(3, name),
		...(extra.cached ? [field(4, true)] : []),
		...(extra.started ? [field(5, timestamp)] : []),
		...(extra.completed ? [field(6, timestamp)] : []),
		...(extra.error ? [field(7, extra.error)] : []),
	]);
}

function trace(parts: {vertexes?: Buffer[]; statuses?: Buffer[]; logs?: Buffer[]}): string {
	return Buffer.concat([
		...(parts.vertexes ?? []).map(v => field(1, v)),
		...(parts.statuses ?? []).map(s => field(2, s)),
		...(parts.logs ?? []).map(l => field(3, l)),
	]).toString('base64');
}

function decoder() {
	const events: EngineEvent[] = [];
	const d = new BuildStreamDecoder('after', 'build', e => events.push(e));
	return {d, events};
}

describe('classic builder stream', () => {
	it('turns steps, logs and the image id into events and results', () => {
		const {d, events} = decoder();
		const stream = [
			{stream: 'Step 1/3 : FROM python:3.11\n'},
			{stream: ' ---> 0123456789ab\n'},
			{stream: 'Step 2/3 : COPY . /app\n'},
			{stream: ' ---> fedcba987654\n'},
			{stream: 'Step 3/3 : RUN pip install -r requirements.txt\n'},
			{stream: ' ---> Running in aaaabbbbcccc\n'},
			{stream: 'Collecting flask\nInstalling collected packages: flask\n'},
			{stream: 'Removing intermediate container aaaabbbbcccc\n'},
			{stream: ' ---> 111122223333\n'},
			{aux: {ID: 'sha256:111122223333deadbeef'}},
			{stream: 'Successfully built 111122223333\n'},
		];
		for (const message of stream) {
			d.line(JSON.stringify(message));
		}

		expect(events.filter(e => e.type === 'step')).toEqual([
			{type: 'step', side: 'after', phase: 'build', index: 1, total: 3, instruction: 'FROM python:3.11'},
			{type: 'step', side: 'after', phase: 'build', index: 2, total: 3, instruction: 'COPY . /app'},
			{type: 'step', side: 'after', phase: 'build', index: 3, total: 3, instruction: 'RUN pip install -r requirements.txt'},
		]);
		expect(events.filter(e => e.type === 'log').map(e => e.type === 'log' && e.line)).toEqual([
			'Collecting flask',
			'Installing collected packages: flask',
			'Successfully built 111122223333',
		]);
		expect(d.error).toBeNull();
		expect(d.imageId).toBe('sha256:111122223333deadbeef');
		// The base image's id is not ours; the two committed steps are.
		expect(d.createdImages).toEqual(['fedcba987654', '111122223333']);
		expect(d.containers).toEqual(['aaaabbbbcccc']);
		// Where a step container would start from, for the cleanup after an interruption.
		expect(d.lastImageId).toBe('111122223333');
		expect(d.currentInstruction).toBe('RUN pip install -r requirements.txt');
	});

	it('does not claim images that came from the cache', () => {
		const {d} = decoder();
		for (const message of [
			{stream: 'Step 1/2 : FROM python:3.11\n ---> 0123456789ab\n'},
			{stream: 'Step 2/2 : RUN true\n'},
			{stream: ' ---> Using cache\n'},
			{stream: ' ---> 999988887777\n'},
		]) {
			d.message(message);
		}

		expect(d.createdImages).toEqual([]);
	});

	it('knows whether the announced step has given its image yet (what an abort leaves in flight)', () => {
		const {d} = decoder();
		expect(d.stepInFlight).toBe(false);
		d.message({stream: 'Step 1/3 : FROM python:3.11\n'});
		expect(d.stepInFlight).toBe(true);
		d.message({stream: ' ---> 0123456789ab\n'});
		expect(d.stepInFlight).toBe(false);
		d.message({stream: 'Step 2/3 : WORKDIR /app\n ---> Running in aaaabbbbcccc\n'});
		expect(d.stepInFlight).toBe(true);
		d.message({stream: ' ---> 111122223333\nStep 3/3 : COPY big.bin ./\n'});
		expect(d.stepInFlight).toBe(true);
		expect(d.lastImageId).toBe('111122223333');
		expect(d.currentInstruction).toBe('COPY big.bin ./');
	});

	it('treats an error message as failure, whatever came before', () => {
		const {d, events} = decoder();
		d.line('{"stream":"Step 1/2 : FROM python:3.11\\n"}');
		d.line('{"errorDetail":{"code":1,"message":"The command \'/bin/sh -c false\' returned a non-zero code: 1"},"error":"The command \'/bin/sh -c false\' returned a non-zero code: 1"}');
		expect(d.error).toBe('The command \'/bin/sh -c false\' returned a non-zero code: 1');
		expect(events.at(-1)).toEqual({type: 'log', side: 'after', line: d.error});
	});

	it('keeps the failing step, its exit code and only that step\'s last output lines', () => {
		const {d} = decoder();
		d.message({stream: 'Step 3/5 : RUN pip install -r requirements.txt\n ---> Running in aaaabbbbcccc\nCollecting flask\n'});
		d.message({stream: ' ---> 111122223333\nStep 4/5 : RUN pip install .\n ---> Running in ddddeeeeffff\n'});
		const output = Array.from({length: 30}, (_, index) => `line ${index}`);
		d.message({stream: `${output.join('\n')}\nERROR: No matching distribution found for flask==9.9\n`});
		d.message({errorDetail: {code: 1, message: 'The command \'/bin/sh -c pip install .\' returned a non-zero code: 1'}});
		expect(d.failure).toEqual({
			step: 4,
			instruction: 'RUN pip install .',
			exitCode: 1,
			logTail: [...output.slice(-(failedStepLines - 1)), 'ERROR: No matching distribution found for flask==9.9'],
		});
	});

	it('reads the exit code from either builder\'s words, and none from a message without one', () => {
		expect(exitCodeOf('The command \'/bin/sh -c make\' returned a non-zero code: 2')).toBe(2);
		expect(exitCodeOf('process "/bin/sh -c make" did not complete successfully: exit code: 127')).toBe(127);
		expect(exitCodeOf('COPY failed: file not found in build context')).toBeNull();
	});

	it('keeps the first error when several arrive', () => {
		const {d} = decoder();
		d.message({error: 'first'});
		d.message({errorDetail: {message: 'second'}});
		expect(d.error).toBe('first');
	});

	it('reports pull progress per layer with bytes', () => {
		const {d, events} = decoder();
		d.message({stream: 'Step 1/1 : FROM python:3.11-slim\n'});
		d.message({status: 'Downloading', id: 'a1b2c3', progressDetail: {current: 1024, total: 4096}});
		expect(events.at(-1)).toEqual({type: 'pull', image: 'python:3.11-slim', layer: 'a1b2c3', status: 'Downloading', currentBytes: 1024, totalBytes: 4096});
	});

	it('passes a line that is not JSON through as a log line', () => {
		const {d, events} = decoder();
		d.line('plain text from a proxy');
		expect(events).toEqual([{type: 'log', side: 'after', line: 'plain text from a proxy'}]);
	});
});

describe('BuildKit trace', () => {
	it('decodes vertexes, statuses and logs from the protobuf', () => {
		const decoded = decodeStatusResponse(trace({
			vertexes: [vertex('sha256:v1', '[2/4] RUN pip install flask', {started: true, cached: false})],
			statuses: [Buffer.concat([field(1, 'sha256:layer'), field(2, 'sha256:v1'), field(3, 'extracting'), field(4, 5_000_000_000), field(5, 6_000_000_000)])],
			logs: [Buffer.concat([field(1, 'sha256:v1'), field(3, 1), field(4, Buffer.from('Collecting flask\n'))])],
		}));
		expect(decoded.vertexes).toEqual([{digest: 'sha256:v1', name: '[2/4] RUN pip install flask', cached: false, started: true, completed: false, error: ''}]);
		// Counts past 2^32 survive the varint decoding.
		expect(decoded.statuses).toEqual([{id: 'sha256:layer', vertex: 'sha256:v1', name: 'extracting', current: 5_000_000_000, total: 6_000_000_000, completed: false}]);
		expect(decoded.logs).toEqual([{vertex: 'sha256:v1', stream: 1, text: 'Collecting flask\n'}]);
	});

	it('turns started steps into one step event each, with the stage name', () => {
		const {d, events} = decoder();
		const started = vertex('sha256:v2', '[builder 3/5] RUN pip install -r requirements.txt', {started: true});
		d.message({id: 'moby.buildkit.trace', aux: trace({vertexes: [vertex('sha256:v0', '[internal] load build definition from Dockerfile', {started: true}), started]})});
		d.message({id: 'moby.buildkit.trace', aux: trace({vertexes: [started]})});
		expect(events.filter(e => e.type === 'step')).toEqual([
			{type: 'step', side: 'after', phase: 'build', index: 3, total: 5, instruction: 'builder: RUN pip install -r requirements.txt'},
		]);
	});

	it('joins log chunks that split a line', () => {
		const {d, events} = decoder();
		const log = (text: string) => Buffer.concat([field(1, 'sha256:v1'), field(3, 1), field(4, Buffer.from(text))]);
		d.message({id: 'moby.buildkit.trace', aux: trace({logs: [log('Collec')]})});
		d.message({id: 'moby.buildkit.trace', aux: trace({logs: [log('ting flask\nDone')]})});
		d.flush();
		expect(events.filter(e => e.type === 'log').map(e => e.type === 'log' && e.line)).toEqual(['Collecting flask', 'Done']);
	});

	it('records a vertex error as the build error, and the image id', () => {
		const {d} = decoder();
		d.message({id: 'moby.buildkit.trace', aux: trace({vertexes: [vertex('sha256:v3', '[3/3] RUN false', {started: true, completed: true, error: 'process "/bin/sh -c false" did not complete successfully: exit code: 1'})]})});
		d.message({id: 'moby.image.id', aux: {ID: 'sha256:abc'}});
		expect(d.error).toBe('[3/3] RUN false: process "/bin/sh -c false" did not complete successfully: exit code: 1');
		expect(d.imageId).toBe('sha256:abc');
	});

	it('keeps the failing vertex\'s own output, told in the same message as its error', () => {
		const {d} = decoder();
		const log = (digest: string, text: string) => Buffer.concat([field(1, digest), field(3, 2), field(4, Buffer.from(text))]);
		d.message({id: 'moby.buildkit.trace', aux: trace({vertexes: [vertex('sha256:v4', '[builder 4/6] RUN pip install .', {started: true})], logs: [log('sha256:v4', 'Processing /app\n'), log('sha256:other', 'unrelated\n')]})});
		d.message({id: 'moby.buildkit.trace', aux: trace({
			vertexes: [vertex('sha256:v4', '[builder 4/6] RUN pip install .', {started: true, completed: true, error: 'process "/bin/sh -c pip install ." did not complete successfully: exit code: 1'})],
			logs: [log('sha256:v4', 'ERROR: No matching distribution found for flask==9.9\n')],
		})});
		expect(d.failure).toEqual({step: 4, instruction: 'RUN pip install .', exitCode: 1, logTail: ['Processing /app', 'ERROR: No matching distribution found for flask==9.9']});
	});

	it('warns instead of throwing on a corrupt trace', () => {
		const {d, events} = decoder();
		d.message({id: 'moby.buildkit.trace', aux: Buffer.from([0x0a, 0xff]).toString('base64')});
		expect(events[0]?.type).toBe('warning');
		expect(d.error).toBeNull();
	});
});
