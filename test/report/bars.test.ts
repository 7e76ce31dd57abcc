import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {bar} from '../../source/report/bars.js';

describe('bar', () => {
	it('fills the width at the maximum and half of it at half', () => {
		expect(bar(10, 10, 8)).toBe('████████');
		expect(bar(5, 10, 8)).toBe('████');
	});

	it('uses eighth blocks for the remainder', () => {
		expect(bar(4, 16, 2)).toBe('▌');
		expect(bar(9, 16, 2)).toBe('█▏');
	});

	it('shows a sliver for a tiny positive value and nothing for zero', () => {
		expect(bar(1, 1_000_000, 10)).toBe('▏');
		expect(bar(0, 10, 10)).toBe('');
	});

	it('is empty for a missing maximum or width, and never overflows', () => {
		expect(bar(5, 0, 10)).toBe('');
		expect(bar(5, 10, 0)).toBe('');
		expect(bar(Number.NaN, 10, 10)).toBe('');
		expect(bar(20, 10, 4)).toBe('████');
	});

	it('never exceeds the width and grows with the value', () => {
		fc.assert(
			fc.property(fc.nat(1000), fc.nat(1000), fc.integer({min: 1, max: 60}), (a, b, width) => {
				const max = Math.max(a, b, 1);
				const small = bar(Math.min(a, b), max, width);
				const large = bar(Math.max(a, b), max, width);
				expect([...large].length).toBeLessThanOrEqual(width);
				expect(small.length <= large.length).toBe(true);
			}),
		);
	});
});
