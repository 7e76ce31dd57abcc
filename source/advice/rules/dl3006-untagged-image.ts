import type {Rule} from '../rule.js';
import {imageName, isStageReference} from '../rule-helpers.js';

export const dl3006: Rule = {
	id: 'DL3006',
	severity: 'warning',
	title: 'Always tag the version of an image explicitly',
	why: 'An untagged image means `latest`, which changes under you: builds stop being reproducible and may break overnight.',
	fix: 'Name a version, e.g. `FROM python:3.11-slim`.',
	scope: 'dockerfile',
	example: {bad: 'FROM python\nCMD ["python", "-V"]\n', good: 'FROM python:3.11-slim\nCMD ["python", "-V"]\n'},
	check(context) {
		return context.parsed.stages
			.filter(stage => stage.image !== '' && !stage.image.includes('$') && stage.image !== 'scratch' && !stage.image.includes('@'))
			// Distroless-style names carry the distro release (`python3-debian12`): that is the pin.
			.filter(stage => !isStageReference(context, stage) && imageName(stage.image).tag === null && !/-debian\d+$/.test(stage.image))
			.map(stage => ({line: stage.fromLine, message: `\`${stage.image}\` has no tag, so it means whatever \`latest\` is today`}));
	},
};
