// The Mann-Whitney U test (Wilcoxon rank-sum), exact, for the benchmark's "no worse" targets:
// the same rule in both directions, no tolerance. Times of two Dockerfiles are two independent
// samples; a one-sided test asks whether one side's times tend to be larger than the other's.

export type RankTest = {
	/** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
	u: number;
	/** P(U >= observed) when both samples come from one distribution: small when the first tends to be larger. */
	pGreater: number;
	/** P(U <= observed): small when the first tends to be smaller. */
	pLess: number;
};

/** Ranks 1..n of the pooled values, ties given the mean of the ranks they span. */
export function midRanks(values: readonly number[]): number[] {
	const order = values.map((value, index) => ({value, index})).sort((a, b) => a.value - b.value);
	const ranks = new Array<number>(values.length);
	for (let start = 0; start < order.length;) {
		let end = start;
		while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
		const rank = (start + end + 2) / 2;
		for (let k = start; k <= end; k++) ranks[order[k].index] = rank;
		start = end + 1;
	}

	return ranks;
}

/** Beyond this many relabellings the normal approximation (with the tie correction) is used. */
const exactLimit = 200_000;

function binomial(n: number, k: number): number {
	let result = 1;
	for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
	return result;
}

function normalTail(z: number): number {
	// Upper tail of the standard normal (Abramowitz and Stegun 26.2.17, error < 7.5e-8).
	const t = 1 / (1 + 0.2316419 * Math.abs(z));
	const d = 0.3989422804014327 * Math.exp(-z * z / 2);
	const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
	return z >= 0 ? p : 1 - p;
}

/**
 * Exact one-sided p-values by enumerating every way to choose which pooled values belong to the
 * first sample (mid-ranks, so ties are handled exactly); a normal approximation past exactLimit.
 */
export function mannWhitney(first: readonly number[], second: readonly number[]): RankTest {
	const n1 = first.length;
	const n2 = second.length;
	if (n1 === 0 || n2 === 0) {
		throw new Error('mannWhitney needs at least one value on each side');
	}

	const ranks = midRanks([...first, ...second]);
	const offset = (n1 * (n1 + 1)) / 2;
	const observed = ranks.slice(0, n1).reduce((sum, rank) => sum + rank, 0) - offset;
	const total = binomial(n1 + n2, n1);
	// Compare with a little slack: mid-rank sums are multiples of 0.5, and floats must not split ties.
	const epsilon = 1e-9;
	if (total <= exactLimit) {
		let greater = 0;
		let less = 0;
		const walk = (from: number, left: number, sum: number) => {
			if (left === 0) {
				const u = sum - offset;
				if (u >= observed - epsilon) greater++;
				if (u <= observed + epsilon) less++;
				return;
			}

			for (let i = from; i <= ranks.length - left; i++) walk(i + 1, left - 1, sum + ranks[i]);
		};

		walk(0, n1, 0);
		return {u: observed, pGreater: greater / total, pLess: less / total};
	}

	const n = n1 + n2;
	const counts = new Map<number, number>();
	for (const rank of ranks) counts.set(rank, (counts.get(rank) ?? 0) + 1);
	const ties = [...counts.values()].reduce((sum, t) => sum + (t ** 3 - t), 0);
	const sd = Math.sqrt(((n1 * n2) / 12) * ((n + 1) - ties / (n * (n - 1))));
	const mean = (n1 * n2) / 2;
	// Continuity correction of one half toward the mean.
	return {u: observed, pGreater: sd === 0 ? 1 : normalTail((observed - mean - 0.5) / sd), pLess: sd === 0 ? 1 : 1 - normalTail((observed - mean + 0.5) / sd)};
}

/** The significance level of the one-sided tests, the same in both directions. */
export const alpha = 0.05;
/** The issue asks for at least five runs; with fewer no verdict is given. */
export const minimumRuns = 5;

export type Verdict = 'worse' | 'better' | 'no difference shown' | 'too few runs';

export type Comparison = {
	verdict: Verdict;
	/** p that ours tend to take longer (small: ours worse). */
	pWorse: number;
	/** p that theirs tend to take longer (small: ours better). */
	pBetter: number;
};

/** Ours against theirs (seconds, smaller is better): worse or better only when the rank test says so at alpha. */
export function compareTimes(ours: readonly number[], theirs: readonly number[]): Comparison {
	if (ours.length < minimumRuns || theirs.length < minimumRuns) {
		const test = ours.length > 0 && theirs.length > 0 ? mannWhitney(ours, theirs) : {pGreater: 1, pLess: 1};
		return {verdict: 'too few runs', pWorse: test.pGreater, pBetter: test.pLess};
	}

	const test = mannWhitney(ours, theirs);
	const verdict: Verdict = test.pGreater < alpha ? 'worse' : test.pLess < alpha ? 'better' : 'no difference shown';
	return {verdict, pWorse: test.pGreater, pBetter: test.pLess};
}
