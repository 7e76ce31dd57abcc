import {minorFromImage} from '../../analysis/python-version.js';
import type {Rule, RuleHit} from '../rule.js';
import {markerProblem} from '../python-markers.js';

export const dw031: Rule = {
	id: 'DW031',
	severity: 'error',
	title: 'Requirement markers exclude the Python the image runs',
	why: 'An exported lock puts `; python_version >= "3.12"` on every requirement. On an older Python pip skips each one without an error: the image builds, installs nothing, and the app fails at import.',
	fix: 'Build with a Python the markers allow, or export the requirements without the markers.',
	scope: 'context',
	example: {
		language: 'text',
		bad: '# requirements.txt\nflask==3.1.2 ; python_version >= "3.12" and python_version < "4.0"\ngunicorn==23.0.0 ; python_version >= "3.12" and python_version < "4.0"\n',
		good: '# requirements.txt\nflask==3.1.2 ; python_version >= "3.10"\ngunicorn==23.0.0 ; python_version >= "3.10"\ntomli==2.0.1 ; python_version < "3.11"\n',
	},
	check(context) {
		const {report, parsed} = context;
		// The Python the proposal runs (the one chosen, with --python), and the existing Dockerfile's.
		const inPlay = new Map<string, string>([[context.python ?? report.python.version, 'the proposed image']]);
		for (const stage of parsed.stages) {
			const minor = minorFromImage(stage.image);
			if (minor && !inPlay.has(minor)) inPlay.set(minor, `the existing Dockerfile's FROM ${stage.image}`);
		}

		const hits: RuleHit[] = [];
		for (const [minor, where] of inPlay) {
			const problem = markerProblem(report, minor, where);
			if (problem) hits.push({line: problem.line, file: problem.file, message: problem.message, fix: problem.fix});
		}

		return hits;
	},
};
