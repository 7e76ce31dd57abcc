import type {Rule} from '../rule.js';
import {isStageReference} from '../rule-helpers.js';

/** The registry an image comes from: its first part when that names a host, else Docker Hub. */
export function registryOf(image: string): string {
	const first = image.split('/')[0];
	return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.toLowerCase() : 'docker.io';
}

/** `*.example.com` trusts every host under example.com, as hadolint's wildcard does. */
function trusted(registry: string, list: string[]): boolean {
	return list.some(entry => entry === registry || (entry === 'docker.io' && registry === 'index.docker.io') || (entry.startsWith('*.') && registry.endsWith(entry.slice(1))));
}

export const dl3026: Rule = {
	id: 'DL3026',
	severity: 'error',
	title: 'Use only an allowed registry in the FROM image',
	why: 'A team that lists its trusted registries (trusted-registries in the config) builds only on images it vetted: a base from anywhere else can carry anything into production.',
	fix: 'Base the stage on an image from a trusted registry, or add the registry to trusted-registries in the config.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM quay.io/someone/python:3.11-slim\nCMD ["python", "-V"]\n',
		good: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n',
	},
	moreExamples: {
		good: ['FROM registry.example.com/base/python:3.11\nFROM scratch\n'],
	},
	exampleSettings: {trustedRegistries: ['docker.io', '*.example.com']},
	check(context) {
		const list = context.trustedRegistries ?? [];
		// No list configured: every registry is allowed, as in hadolint.
		if (list.length === 0) return [];
		return context.parsed.stages
			.filter(stage => stage.image !== '' && stage.image !== 'scratch' && !stage.image.includes('$') && !isStageReference(context, stage))
			.filter(stage => !trusted(registryOf(stage.image), list))
			.map(stage => ({line: stage.fromLine, message: `\`${stage.image}\` comes from ${registryOf(stage.image)}, which is not in trusted-registries (${list.join(', ')})`}));
	},
};
