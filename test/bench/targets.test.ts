import {describe, expect, it} from 'vitest';
import {runsAsNonRoot, type FixtureResult, type VariantResult} from '../../bench/results.js';
import {checkFixture, projectContextBytes, tarEntryBytes, timeNoWorse, toleranceDependent} from '../../bench/targets.js';
import {toleranceListing} from '../../bench/render.js';
import type {Spread} from '../../source/types.js';

const spread = (...runs: number[]): Spread => {
	const sorted = [...runs].sort((a, b) => a - b);
	return {median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1)!, runs};
};

function variant(name: VariantResult['name'], fields: Partial<VariantResult>): VariantResult {
	return {
		name,
		label: name.replace('-', ' '),
		ok: true,
		error: null,
		sizeBytes: 100e6,
		layers: 5,
		contextBytes: 10_000,
		user: '10001:10001',
		httpStatus: 200,
		coldSeconds: spread(10, 11, 12, 10.5, 11.5),
		warmSeconds: spread(1, 1.1, 1.2, 1.05, 1.15),
		dockerfile: 'FROM x\n',
		dockerignore: null,
		notes: [],
		...fields,
	};
}

function fixture(variants: VariantResult[]): FixtureResult {
	return {name: 'app', shape: 'an app', wsgiTarget: 'app:app', manager: 'pip', port: 5000, editFile: 'app.py', variants};
}

const good = [
	variant('naive', {sizeBytes: 900e6, layers: 9, contextBytes: 30e6, user: 'root', coldSeconds: spread(20, 21, 22, 20.5, 21.5), warmSeconds: spread(9, 10, 11, 9.5, 10.5), dependencySeconds: spread(20, 21, 22, 20.5, 21.5), firstAnswerSeconds: spread(1, 1.2, 1.4, 1.1, 1.3)}),
	variant('article', {sizeBytes: 250e6}),
	variant('docker-init', {sizeBytes: 240e6, layers: 7, contextBytes: 20_000, coldSeconds: spread(10, 11, 12, 10.5, 11.5), warmSeconds: spread(1, 1.1, 1.3, 1.05, 1.2), dependencySeconds: spread(6, 6.5, 7, 6.2, 6.8)}),
	variant('dockwiz-slim', {sizeBytes: 230e6, layers: 6, contextBytes: 9000, coldSeconds: spread(10.2, 10.5, 11, 10.8, 10.9), warmSeconds: spread(1, 1.1, 1.2, 1.05, 1.15), dependencySeconds: spread(5, 6, 6.5, 5.5, 6.2), firstAnswerSeconds: spread(0.9, 1.1, 1.2, 1, 1.15)}),
	variant('dockwiz-distroless', {sizeBytes: 90e6, user: '65532:65532', coldSeconds: spread(12, 13, 14, 12.5, 13.5), firstAnswerSeconds: spread(1, 1.2, 1.3, 1.1, 1.25)}),
];

describe('timeNoWorse', () => {
	it('tolerates 10 % and 0.3 s, or docker-init\'s slowest run, not more', () => {
		expect(timeNoWorse(spread(10.9), spread(10, 10, 10))).toBe(true);
		expect(timeNoWorse(spread(12), spread(9, 10, 12.5))).toBe(true);
		expect(timeNoWorse(spread(11.5), spread(9, 10, 10.5))).toBe(false);
		expect(timeNoWorse(spread(1.0), spread(0.75, 0.75, 0.75))).toBe(true);
		expect(timeNoWorse(spread(1.1), spread(0.75, 0.75, 0.75))).toBe(false);
	});
});

describe('projectContextBytes', () => {
	it('takes the variant\'s own Dockerfile and .dockerignore out of the tar bytes', () => {
		expect([0, 1, 512, 513].map(bytes => tarEntryBytes(bytes))).toEqual([512, 1024, 1024, 1536]);
		expect(projectContextBytes({contextBytes: 10_240, dockerfile: 'x'.repeat(600), dockerignore: '.git\n'})).toBe(10_240 - 1536 - 1024);
		expect(projectContextBytes({contextBytes: 10_240, dockerfile: 'FROM x\n', dockerignore: null})).toBe(10_240 - 1024);
	});
});

describe('checkFixture', () => {
	it('passes every target when dockwiz is smaller, as fast and non-root', () => {
		const checks = checkFixture(fixture(good));
		expect(checks.filter(check => !check.pass)).toEqual([]);
		expect(checks.map(check => check.what)).toEqual([
			'slim/naive size', 'slim/naive warm rebuild',
			'slim/docker-init size', 'slim/docker-init cold build', 'slim/docker-init warm rebuild', 'slim/docker-init context bytes (project files)', 'slim/docker-init layers',
			'slim/naive dependency-change rebuild', 'slim/docker-init dependency-change rebuild',
			'distroless/slim cold build', 'slim/naive first answer', 'distroless/naive first answer',
			'distroless/docker-init size',
			'dockwiz slim answers HTTP', 'dockwiz slim runs non-root', 'dockwiz distroless answers HTTP', 'dockwiz distroless runs non-root',
		]);
		expect(checks.find(check => check.what === 'slim/naive size')?.measured).toBe('0.26');
	});

	it('says MISS with the ratio when a target is missed, and why when a variant failed', () => {
		const variants = good.map(v => {
			if (v.name === 'dockwiz-slim') {
				return {...v, sizeBytes: 400e6, layers: 9, user: 'root', dependencySeconds: null, dependencyNote: 'the rebuilt image does not have six'};
			}

			return v.name === 'dockwiz-distroless' ? {...v, sizeBytes: null, coldSeconds: null, ok: false, error: 'the build failed: apt'} : v;
		});
		const missed = checkFixture(fixture(variants)).filter(check => !check.pass);
		expect(missed.map(check => `${check.what} ${check.measured}`)).toEqual([
			'slim/naive size 0.44',
			'slim/docker-init size 1.67',
			'slim/docker-init layers 9 vs 7',
			'slim/naive dependency-change rebuild not measured',
			'slim/docker-init dependency-change rebuild not measured',
			'distroless/docker-init size not measured',
			'dockwiz slim runs non-root root',
		]);
		expect(missed.find(check => check.what.startsWith('distroless'))?.why).toBe('the build failed: apt');
		expect(missed.find(check => check.what === 'slim/naive dependency-change rebuild')?.why).toBe('dockwiz slim: the rebuilt image does not have six');
	});

	it('misses the new timing targets with their ratios', () => {
		const slower = good.map(v => {
			if (v.name === 'dockwiz-slim') return {...v, dependencySeconds: spread(8, 9, 10, 8.5, 9.5), firstAnswerSeconds: spread(3, 3.1, 3.2, 3.05, 3.15)};
			return v.name === 'dockwiz-distroless' ? {...v, coldSeconds: spread(30, 31, 32, 30.5, 31.5)} : v;
		});
		const missed = checkFixture(fixture(slower)).filter(check => !check.pass);
		expect(missed.map(check => `${check.what} ${check.measured}`)).toEqual([
			'slim/naive dependency-change rebuild 0.43',
			'slim/docker-init dependency-change rebuild 1.38 (p worse 0.004, p better 1.000; worse)',
			'distroless/slim cold build 2.87',
			'slim/naive first answer 2.58 (p worse 0.004, p better 1.000; worse)',
		]);
	});

	it('gives no "no worse" verdict with fewer than five runs, and says why', () => {
		const three = good.map(v => (v.name === 'dockwiz-slim' ? {...v, coldSeconds: spread(11, 11.5, 12)} : v));
		const cold = checkFixture(fixture(three)).find(check => check.what === 'slim/docker-init cold build');
		expect(cold?.pass).toBe(false);
		expect(cold?.timing?.rank.verdict).toBe('too few runs');
		expect(cold?.why).toBe('3 runs: the rank test needs 5 a side to decide');
	});

	it('keeps docker init out of the "no worse" targets when it cannot build the project as its users get it, or is hand-edited', () => {
		const failedAsIs = good.map(v => (v.name === 'docker-init' ? {...v, sizeBytes: null, coldSeconds: null, ok: false, error: 'ERROR: Invalid requirement: ./fastsum', peer: {asIs: true, handEdited: false}} : v));
		const checks = checkFixture(fixture(failedAsIs));
		expect(checks.filter(check => check.what.includes('docker-init'))).toEqual([]);
		const excluded = checks.filter(check => check.excluded);
		expect(excluded.map(check => `${check.what}: ${check.excluded}`)).toEqual(['slim vs docker init: docker init cannot build this project as its users get it (ERROR: Invalid requirement: ./fastsum)']);
		expect(checks.filter(check => !check.pass && !check.excluded)).toEqual([]);
		const edited = good.map(v => (v.name === 'docker-init' ? {...v, peer: {asIs: false, handEdited: true}} : v));
		expect(checkFixture(fixture(edited)).find(check => check.excluded)?.excluded).toBe('hand-edited, not as its users get it');
	});
});

describe('the tolerance listing', () => {
	it('lists exactly the targets whose verdict changes between strict medians and the tolerance, with the rank test\'s verdict', () => {
		// slim's cold median 10.6 s against docker init's 10.2 s: worse by the medians, within the tolerance, no difference by the ranks.
		const close = good.map(v => {
			if (v.name === 'dockwiz-slim') return {...v, coldSeconds: spread(10.6, 9.9, 11.4, 10.1, 10.8)};
			return v.name === 'docker-init' ? {...v, coldSeconds: spread(10.2, 10, 11, 9.8, 10.9)} : v;
		});
		const checks = checkFixture(fixture(close));
		const dependent = toleranceDependent(checks);
		expect(dependent.map(check => check.what)).toEqual(['slim/docker-init cold build']);
		expect(dependent[0].pass).toBe(true);
		expect(dependent[0].timing).toMatchObject({strict: false, tolerance: true, rank: {verdict: 'no difference shown'}});
		const listing = toleranceListing(checks).join('\n');
		expect(listing).toContain('| app | slim/docker-init cold build | 1.04 |');
		expect(listing).toContain('Targets whose verdict depends on the tolerance (strict and tolerance disagree): app slim/docker-init cold build (rank test: no difference shown).');
		expect(toleranceListing(checkFixture(fixture(good))).join('\n')).toContain('No target\'s verdict depends on the tolerance.');
	});
});

describe('runsAsNonRoot', () => {
	it('treats unset, root, 0 and 0:0 as root', () => {
		expect([null, '', 'root', '0', '0:0', 'root:root'].map(user => runsAsNonRoot(user))).toEqual([false, false, false, false, false, false]);
		expect(['10001:10001', 'appuser', '65532:65532'].map(user => runsAsNonRoot(user))).toEqual([true, true, true]);
	});
});
