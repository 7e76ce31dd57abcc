import {lastMatch, type FailureRule} from './hint.js';

const noPkgResources = /(?:ModuleNotFoundError|ImportError): No module named '?pkg_resources'?/;

export const fh007: FailureRule = {
	id: 'FH007',
	title: '`pkg_resources` is missing: setuptools is not installed where the app runs',
	fix: 'Install setuptools into the same environment as the app (add `setuptools` to the requirements, pinned below the release that drops `pkg_resources`).',
	phases: ['build', 'smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: [
					'  File "/opt/venv/lib/python3.12/site-packages/flask_restful/__init__.py", line 4, in <module>',
					'    from pkg_resources import parse_version',
					"ModuleNotFoundError: No module named 'pkg_resources'",
				].join('\n'),
				names: ['setuptools', 'venv'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 0,
				log: "/opt/venv/lib/python3.11/site-packages/flask_restful/__init__.py:4: UserWarning: pkg_resources is deprecated as an API. See https://setuptools.pypa.io/en/latest/pkg_resources.html.",
			},
		],
	},
	match({logTail}) {
		if (!lastMatch(logTail, noPkgResources)) return null;
		// The venv's path, when the traceback shows one, says where setuptools must go.
		const venv = lastMatch(logTail, /File "(\/[^"]+?)\/lib\/python3\.\d+\/site-packages\//);
		const where = venv ? `the venv at ${venv.match[1]}` : 'the venv or site-packages the app runs from';
		return {
			message: 'A package imports `pkg_resources`, which comes with setuptools, and setuptools is not installed where the app runs (Python 3.12 venvs no longer include it).',
			fix: `Add \`setuptools\` to the requirements installed into ${where} (pinned below the release that drops \`pkg_resources\` if it still fails).`,
		};
	},
};
