import {describe, expect, it} from 'vitest';
import {formatBytes, formatRatio, formatSeconds, ratio} from '../../source/report/format.js';

describe('format', () => {
	it('formats bytes in decimal units like docker images', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(999)).toBe('999 B');
		expect(formatBytes(1_090_000_000)).toBe('1.09 GB');
		expect(formatBytes(128_000_000)).toBe('128 MB');
		expect(formatBytes(15_300)).toBe('15.3 kB');
		expect(formatBytes(null)).toBe('—');
	});

	it('formats seconds', () => {
		expect(formatSeconds(0.5)).toBe('0.50 s');
		expect(formatSeconds(50.3)).toBe('50.3 s');
		expect(formatSeconds(135)).toBe('2 min 15 s');
		expect(formatSeconds(undefined)).toBe('—');
	});

	it('computes and formats ratios after/before', () => {
		expect(ratio(128, 1090)).toBeCloseTo(0.1174, 3);
		expect(ratio(1, 0)).toBeNull();
		expect(ratio(null, 3)).toBeNull();
		expect(formatRatio(0.1174)).toBe('0.12×');
		expect(formatRatio(0.05)).toBe('0.050×');
		expect(formatRatio(null)).toBe('—');
	});
});
