import {lastMatch, type FailureRule} from './hint.js';

const couldNotFind = /Could not find a version that satisfies the requirement (\S+)(?: \(from versions: ([^)]*)\))?/;
const noMatching = /No matching distribution found for (\S+)/;
const differentPython = /Package '([^']+)' requires a different Python: (\S+) not in '([^']+)'/;
// uv: "Because numpy==1.19.5 has no wheels with a matching Python ..." / "Because there is no version of foo==9.9 ..."
const uvNoVersion = /Because (?:there is no version of (\S+?)|(\S+?) has no (?:wheels|versions?) [^,]*?)(?: and|,|$)/;

export const fh001: FailureRule = {
	id: 'FH001',
	title: 'pip found no version of a package for this Python and index',
	fix: 'Pin a version the index has for this Python, or choose the Python the pin needs with `--python X.Y`.',
	phases: ['build'],
	examples: {
		bad: [
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'Collecting flask==3.0.0',
					'  Downloading flask-3.0.0-py3-none-any.whl (99 kB)',
					'ERROR: Could not find a version that satisfies the requirement numpy==1.19.5 (from versions: 1.26.0, 1.26.1, 1.26.2, 2.0.0)',
					'ERROR: No matching distribution found for numpy==1.19.5',
				].join('\n'),
				names: ['numpy==1.19.5', '2.0.0'],
			},
			{
				phase: 'build',
				instruction: 'RUN pip install .',
				exitCode: 1,
				log: [
					'Processing /app',
					'  Installing build dependencies: started',
					"ERROR: Package 'legacy-app' requires a different Python: 3.11.9 not in '<3.10,>=3.7'",
				].join('\n'),
				names: ['legacy-app', '<3.10,>=3.7', '--python'],
			},
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'Looking in indexes: https://deploy:example-token-123@pypi.internal.example/simple',
					'ERROR: Could not find a version that satisfies the requirement internal-utils (from versions: none)',
					'ERROR: No matching distribution found for internal-utils',
				].join('\n'),
				names: ['internal-utils', 'index'],
			},
			{
				phase: 'build',
				instruction: 'RUN uv pip install --system -r requirements.txt',
				exitCode: 1,
				log: [
					'  × No solution found when resolving dependencies:',
					'  ╰─▶ Because numpy==1.19.5 has no wheels with a matching Python ABI tag and you require numpy==1.19.5, we can conclude that your requirements are unsatisfiable.',
				].join('\n'),
				names: ['numpy==1.19.5', '--python'],
			},
		],
		good: [
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'Collecting numpy==1.26.4',
					'  Downloading numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl (18.3 MB)',
					'ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.',
				].join('\n'),
			},
		],
	},
	match({logTail}) {
		const python = lastMatch(logTail, differentPython);
		if (python) {
			const [, name, version, range] = python.match;
			return {
				message: `${name} requires a Python in '${range}'; the image has ${version}.`,
				fix: `Build with a Python in that range (\`--python X.Y\`, and the FROM line), or use a release of ${name} that supports ${version}.`,
			};
		}

		const found = lastMatch(logTail, couldNotFind) ?? lastMatch(logTail, noMatching);
		if (found) {
			const requirement = found.match[1];
			const versions = found.match[2]?.trim();
			if (versions === 'none' || versions === '') {
				return {
					message: `pip found no version at all of ${requirement}: the name is wrong, the package is private, or the index cannot be reached from the build.`,
					fix: `Check the name of ${requirement}; for a private index pass it to pip (\`--index-url\` / \`PIP_INDEX_URL\`, as a build secret) or vendor the wheel.`,
				};
			}

			const latest = versions ? versions.split(',').at(-1)?.trim() : undefined;
			return {
				message: `pip found no version of ${requirement} for this Python and index${latest ? ` (it has up to ${latest})` : ''}.`,
				fix: `Change the pin to a version the index has${latest ? ` (e.g. ${latest})` : ''}, or build with the Python that pin needs: \`--python X.Y\`.`,
			};
		}

		const uv = lastMatch(logTail, uvNoVersion);
		if (uv) {
			const requirement = uv.match[1] ?? uv.match[2];
			return {
				message: `The resolver found no version of ${requirement} for this Python and index.`,
				fix: `Change the pin of ${requirement} to one that has a wheel for this Python, or build with the Python it needs: \`--python X.Y\`.`,
			};
		}

		return null;
	},
};
