import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {spreadOf} from '../../source/engine/spread.js';
import {demuxLogs} from '../../source/engine/smoke.js';

describe('spreadOf', () => {
	it('gives the median with min, max and the runs in their order', () => {
		expect(spreadOf([3, 1, 2])).toEqual({median: 2, min: 1, max: 3, runs: [3, 1, 2]});
		expect(spreadOf([4, 1, 3, 2])).toEqual({median: 2.5, min: 1, max: 4, runs: [4, 1, 3, 2]});
		expect(spreadOf([])).toBeNull();
	});

	it('always has min <= median <= max', () => {
		fc.assert(fc.property(fc.array(fc.double({min: 0, max: 1e4, noNaN: true}), {minLength: 1, maxLength: 20}), values => {
			const spread = spreadOf(values);
			expect(spread).not.toBeNull();
			expect(spread!.min).toBeLessThanOrEqual(spread!.median);
			expect(spread!.median).toBeLessThanOrEqual(spread!.max);
		}));
	});
});

describe('demuxLogs', () => {
	const frame = (stream: number, text: string) => {
		const body = Buffer.from(text);
		const header = Buffer.alloc(8);
		header[0] = stream;
		header.writeUInt32BE(body.length, 4);
		return Buffer.concat([header, body]);
	};

	it('joins stdout and stderr frames in order', () => {
		expect(demuxLogs(Buffer.concat([frame(1, 'starting\n'), frame(2, 'Traceback (most recent call last):\n'), frame(2, 'KeyError: x\n')]))).toBe('starting\nTraceback (most recent call last):\nKeyError: x\n');
	});

	it('passes unframed output (a TTY container) through', () => {
		expect(demuxLogs(Buffer.from('plain output\n'))).toBe('plain output\n');
	});
});
