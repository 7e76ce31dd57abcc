// The HTTP check again, for results whose smoke tests the engine could not run (a bridge
// network that vanished mid-run): each variant is built once more from its recorded
// Dockerfile (with the cache: the measured figures are not touched), run, and removed.
import {walkContext} from '../source/analysis/context-walk.js';
import {buildImage, imageFacts, packContext, type Engine} from '../source/engine/index.js';
import {benchRepo, smokeVariant} from './measure-variants.js';
import type {FixtureResult} from './results.js';

export async function smokeAgain(engine: Engine, fixture: FixtureResult, root: string, log: (line: string) => void, signal: AbortSignal): Promise<void> {
	for (const variant of fixture.variants) {
		if (variant.sizeBytes === null) {
			continue;
		}

		const walk = await walkContext(root, variant.dockerignore);
		const overrides = new Map<string, string>([['Dockerfile', variant.dockerfile]]);
		if (variant.dockerignore !== null) {
			overrides.set('.dockerignore', variant.dockerignore);
		}

		const tag = `${benchRepo(fixture.name, variant.name)}:smoke`;
		const outcome = await buildImage(engine, {
			side: 'after',
			phase: 'build',
			context: () => packContext(root, walk.included, overrides),
			tag,
			nocache: false,
			network: 'host',
			builder: 'buildkit',
			needsBuildkit: true,
			timeoutSeconds: 900,
		}, () => undefined, signal);
		if (!outcome.ok) {
			variant.ok = false;
			variant.error = `rebuilt for the HTTP check: ${outcome.error}`;
			log(`  ${variant.label}: rebuild for the HTTP check FAILED: ${outcome.error}`);
			continue;
		}

		try {
			const facts = await imageFacts(engine, tag);
			const smoke = await smokeVariant(engine, tag, {port: fixture.port, log, signal});
			variant.httpStatus = smoke.status;
			variant.ok = smoke.ok;
			variant.error = smoke.ok ? null : `${smoke.error ?? 'no HTTP answer'}${smoke.logTail?.length ? ` (last log: ${smoke.logTail.slice(-3).join(' | ')})` : ''}`;
			log(`  ${variant.label.padEnd(20)} user ${facts.user}, ${smoke.ok ? `HTTP ${smoke.status}` : `no HTTP answer: ${smoke.error}`}`);
		} finally {
			await engine.adapter.removeImage(tag).catch(() => undefined);
		}
	}
}
