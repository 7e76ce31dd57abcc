import ignore from '@balena/dockerignore';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {defaultChoices, parseDockerfile, propose} from '../../source/advice/index.js';
import {makeReport} from './make-report.js';

const segment = fc.constantFrom('app', 'build', 'dist', 'venv', '.venv', 'env', 'src', 'requirements', 'cache', '.cache', 'node_modules', 'docs', 'tests', 'web', '__pycache__', 'x.egg-info');
const file = fc.constantFrom('app.py', 'wsgi.py', 'requirements.txt', 'base.txt', 'settings.py', '__init__.py', 'main.py', 'x.pyc');
const projectPath = fc.tuple(fc.array(segment, {maxLength: 3}), file).map(([folders, name]) => [...folders, name].join('/'));
const userLine = fc.constantFrom('*.txt', '**/*.py', 'build', 'src', '!src/keep.py', '# comment', '', 'requirements*', '*', '!app.py', 'docs');

describe('the proposed .dockerignore, for any project', () => {
	it('never excludes a file the Dockerfile copies by name, nor the application sources, and keeps the user\'s lines', () => {
		fc.assert(fc.property(fc.array(projectPath, {minLength: 1, maxLength: 6}), fc.array(projectPath.filter(path => path.endsWith('.txt')), {minLength: 1, maxLength: 3}), fc.option(fc.array(userLine, {maxLength: 5})), (sources, requirementFiles, userLines) => {
			const existing = userLines === null ? null : {path: '.dockerignore', text: userLines.join('\n') + '\n'};
			const report = makeReport({sourceFiles: sources.filter(path => path.endsWith('.py')), dependencies: {files: [...new Set(requirementFiles)]}, dockerignore: existing});
			const proposal = propose(report, defaultChoices(report, {base: 'slim', python: undefined}));
			const matcher = ignore.default({ignorecase: false}).add(proposal.dockerignore.split('\n'));
			const copied = parseDockerfile(proposal.dockerfile).instructions
				.filter(instruction => instruction.keyword === 'COPY' && instruction.flags.from === undefined)
				.flatMap(instruction => instruction.args.slice(0, -1))
				.filter(source => source !== '.');
			for (const path of copied) {
				expect(matcher.ignores(path), `${path} is copied by the Dockerfile but excluded`).toBe(false);
			}

			if (existing) {
				expect(proposal.dockerignore.startsWith(existing.text.replace(/\s*$/, '\n'))).toBe(true);
			} else {
				for (const path of report.sourceFiles) {
					expect(matcher.ignores(path), `${path} is application code but excluded`).toBe(false);
				}
			}
		}), {numRuns: 200});
	});
});
