import {describe, expect, it} from 'vitest';
import {compareTimes, mannWhitney, midRanks} from '../../bench/rank-test.js';

describe('midRanks', () => {
	it('ranks from 1 and gives tied values the mean of the ranks they span', () => {
		expect(midRanks([3, 1, 2])).toEqual([3, 1, 2]);
		expect(midRanks([5, 1, 5, 2])).toEqual([3.5, 1, 3.5, 2]);
		expect(midRanks([7, 7, 7])).toEqual([2, 2, 2]);
	});
});

describe('mannWhitney (exact)', () => {
	it('complete separation of 5 and 5: U = 25, one-sided p = 1/252', () => {
		const test = mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
		expect(test.u).toBe(25);
		expect(test.pGreater).toBeCloseTo(1 / 252, 12);
		expect(test.pLess).toBe(1);
	});

	it('3 against 3, interleaved: U = 3, P(U <= 3) = 7/20 and P(U >= 3) = 16/20 (the table of the null distribution)', () => {
		const test = mannWhitney([1, 3, 5], [2, 4, 6]);
		expect(test.u).toBe(3);
		expect(test.pLess).toBeCloseTo(7 / 20, 12);
		expect(test.pGreater).toBeCloseTo(16 / 20, 12);
	});

	it('is symmetric: swapping the samples swaps the two p-values', () => {
		const a = [10.2, 11.4, 9.8, 12.1, 10.9];
		const b = [9.1, 10.0, 9.5, 11.0, 9.9];
		const ab = mannWhitney(a, b);
		const ba = mannWhitney(b, a);
		expect(ab.u + ba.u).toBe(25);
		expect(ab.pGreater).toBeCloseTo(ba.pLess, 12);
		expect(ab.pLess).toBeCloseTo(ba.pGreater, 12);
	});

	it('handles ties exactly: identical samples give p = 1 both ways; one tie across the samples', () => {
		const same = mannWhitney([2, 2, 2], [2, 2, 2]);
		expect(same).toEqual({u: 4.5, pGreater: 1, pLess: 1});
		// Pooled 3, 3, 1, 2: the first sample holds both largest values, rank sum 3 + 4 = 7, U = 4; only 1 of the 6 relabellings reaches it.
		const tie = mannWhitney([3, 3], [1, 2]);
		expect(tie.u).toBe(4);
		expect(tie.pGreater).toBeCloseTo(1 / 6, 12);
		const across = mannWhitney([2, 3], [1, 3]);
		// Ranks: 2→2, 3→3.5, 1→1, 3→3.5. First sample's rank sum 5.5, U = 2.5; sums over the six relabellings:
		// {1,2}=3,{1,3.5}=4.5,{1,3.5}=4.5,{2,3.5}=5.5,{2,3.5}=5.5,{3.5,3.5}=7 → U 0,1.5,1.5,2.5,2.5,4.
		expect(across.u).toBe(2.5);
		expect(across.pGreater).toBeCloseTo(3 / 6, 12);
		expect(across.pLess).toBeCloseTo(5 / 6, 12);
	});

	it('falls back to the normal approximation for large samples and agrees with the exact tail direction', () => {
		const low = Array.from({length: 20}, (_, i) => i);
		const high = Array.from({length: 20}, (_, i) => i + 10);
		const test = mannWhitney(high, low);
		expect(test.u).toBe(350);
		expect(test.pGreater).toBeLessThan(0.01);
		expect(test.pLess).toBeGreaterThan(0.99);
	});

	it('refuses an empty sample', () => {
		expect(() => mannWhitney([], [1])).toThrow('at least one value');
	});
});

describe('compareTimes', () => {
	it('applies the same rule in both directions at 5 runs a side', () => {
		expect(compareTimes([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).verdict).toBe('worse');
		expect(compareTimes([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).verdict).toBe('better');
		expect(compareTimes([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]).verdict).toBe('no difference shown');
	});

	it('decides nothing with fewer than five runs on a side, even at complete separation', () => {
		const few = compareTimes([6, 7, 8, 9], [1, 2, 3, 4]);
		expect(few.verdict).toBe('too few runs');
		expect(few.pWorse).toBeCloseTo(1 / 70, 12);
	});
});
