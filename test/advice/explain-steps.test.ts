import {describe, expect, it} from 'vitest';
import {explainSteps, finalBaseImage, instructionsOf} from '../../source/advice/explain-steps.js';
import {propose} from '../../source/advice/propose.js';
import {demoDockerfile} from '../../source/demo-project.js';
import type {BaseFlavor} from '../../source/types.js';
import {makeReport} from './make-report.js';

const naiveIgnore = '.git\n';

function planFor(flavor: BaseFlavor, nativeNeeds = false) {
	const report = makeReport({
		port: 5000,
		dockerfile: {path: 'Dockerfile', text: demoDockerfile} as never,
		...(nativeNeeds ? {nativeNeeds: [{package: 'psycopg2', kind: 'package', buildPackages: ['libpq-dev', 'gcc'], runtimePackages: ['libpq5'], reason: 'psycopg2 compiles against libpq'}]} as never : {}),
	});
	const proposal = propose(report, {flavor, python: '3.11', port: 5000, wsgiTarget: 'app:app'});
	return {proposal, plan: explainSteps({before: {dockerfile: demoDockerfile, dockerignore: naiveIgnore, baseline: false}, after: {dockerfile: proposal.dockerfile, dockerignore: proposal.dockerignore}, python: '3.11'})};
}

describe('explainSteps', () => {
	it('goes from the before to exactly the proposal, one group at a time, in the fixed order', () => {
		const {proposal, plan} = planFor('slim');
		expect(plan.steps.map(step => step.change)).toEqual([
			'Before: your Dockerfile',
			'The proposed .dockerignore',
			'Dependency files copied and installed (into /opt/venv) before the code',
			'Slim base (python:3.11-slim)',
			'No pip cache (--no-cache-dir)',
			'Multi-stage build: only the venv reaches the runtime image',
			'Non-root user and production server (the proposal as a whole)',
		]);
		expect(plan.steps[0]).toEqual({change: 'Before: your Dockerfile', dockerfile: demoDockerfile, dockerignore: naiveIgnore});
		expect(plan.steps[1].dockerfile).toBe(demoDockerfile);
		expect(plan.steps.at(-1)).toMatchObject({dockerfile: proposal.dockerfile, dockerignore: proposal.dockerignore});
		expect(plan.steps.slice(1).every(step => step.dockerignore === proposal.dockerignore)).toBe(true);
	});

	it('each intermediate step starts the app as the before does, and changes only its own group', () => {
		const {plan} = planFor('slim');
		const [, , depsFirst, slim, noCache, multi] = plan.steps.map(step => step.dockerfile);
		for (const text of [depsFirst, slim, noCache, multi]) {
			expect(text).toContain('CMD ["python", "app.py"]');
			expect(text).toContain('EXPOSE 5000');
			expect(text).not.toMatch(/^USER /m);
			expect(text).not.toContain('gunicorn');
		}

		expect(depsFirst).toMatch(/^FROM python:3\.11\n/);
		expect(depsFirst.indexOf('COPY requirements.txt')).toBeLessThan(depsFirst.indexOf('COPY . .'));
		expect(depsFirst).not.toContain('--no-cache-dir');
		expect(slim).toBe(depsFirst.replace('FROM python:3.11\n', 'FROM python:3.11-slim\n'));
		expect(noCache).toContain('--no-cache-dir');
		expect(noCache.replaceAll(' --no-cache-dir', '')).toBe(slim);
		expect(instructionsOf(multi).filter(instruction => instruction.keyword === 'FROM').map(instruction => instruction.args)).toEqual(['python:3.11-slim AS builder', 'python:3.11-slim']);
		expect(multi).toContain('COPY --from=builder /opt/venv /opt/venv');
		expect(multi).not.toMatch(/useradd|install -d -o/);
	});

	it('keeps the runtime packages and drops only the user in the multi-stage step', () => {
		const {plan} = planFor('slim', true);
		const multi = plan.steps.find(step => step.change.startsWith('Multi-stage'))!.dockerfile;
		expect(multi).toContain('apt-get install -y --no-install-recommends libpq5');
		expect(multi).not.toContain('useradd');
		// The builder's system packages are in every single-stage step.
		const slim = plan.steps.find(step => step.change.startsWith('Slim base'))!.dockerfile;
		expect(slim).toContain('libpq-dev');
	});

	it('with distroless, the before\'s exec-form CMD becomes the ENTRYPOINT of the shell-less runtime', () => {
		const {plan} = planFor('distroless');
		// The distroless builder is the slim python image (the runtime's Python without an apt-get).
		expect(plan.steps.map(step => step.change)).toContain('Slim base (python:3.11-slim)');
		const multi = plan.steps.find(step => step.change.startsWith('Multi-stage'))!.dockerfile;
		expect(multi).toContain('FROM gcr.io/distroless/python3-debian12');
		expect(multi).toContain('ENTRYPOINT ["python", "app.py"]');
		expect(multi).not.toContain('/runtime /');
	});

	it('drops a step that changes nothing and says so', () => {
		const {proposal} = planFor('slim');
		const plan = explainSteps({before: {dockerfile: demoDockerfile, dockerignore: proposal.dockerignore, baseline: false}, after: {dockerfile: proposal.dockerfile, dockerignore: proposal.dockerignore}, python: '3.11'});
		expect(plan.steps.map(step => step.change)).not.toContain('The proposed .dockerignore');
		expect(plan.notes).toContain('The .dockerignore: the proposed one is the one you have.');
	});

	it('measures a proposal it cannot take apart as one step', () => {
		const plan = explainSteps({before: {dockerfile: demoDockerfile, dockerignore: null, baseline: false}, after: {dockerfile: 'FROM python:3.11-slim\nCMD ["python"]\n', dockerignore: '.git\n'}, python: '3.11'});
		expect(plan.steps.map(step => step.change)).toEqual(['Before: your Dockerfile', 'The proposed .dockerignore', 'Non-root user and production server (the proposal as a whole)']);
		expect(plan.notes[0]).toMatch(/measured together/);
	});
});

describe('finalBaseImage', () => {
	it('follows the final stage to the image it starts from', () => {
		expect(finalBaseImage('FROM python:3.11-slim AS builder\nRUN x\nFROM python:3.11-slim\n')).toBe('python:3.11-slim');
		expect(finalBaseImage('FROM --platform=linux/amd64 debian:12-slim AS base\nFROM base AS app\nFROM app\n')).toBe('debian:12-slim');
		expect(finalBaseImage('FROM scratch\n')).toBeNull();
	});
});

describe('explainSteps on a before that is already slim', () => {
	it('keeps the before\'s base for the dependency step and says the slim step changed nothing', () => {
		const slimBefore = demoDockerfile.replace('FROM python:3.11', 'FROM python:3.11-slim');
		const report = makeReport({port: 5000});
		const proposal = propose(report, {flavor: 'slim', python: '3.11', port: 5000, wsgiTarget: 'app:app'});
		const plan = explainSteps({before: {dockerfile: slimBefore, dockerignore: null, baseline: false}, after: {dockerfile: proposal.dockerfile, dockerignore: proposal.dockerignore}, python: '3.11'});
		expect(plan.steps.map(step => step.change)).not.toContain('Slim base (python:3.11-slim)');
		expect(plan.steps[2].dockerfile).toMatch(/^FROM python:3\.11-slim\n/);
		expect(plan.notes).toContain('Slim base: the before already runs on python:3.11-slim.');
	});
});
