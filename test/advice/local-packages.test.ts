import {describe, expect, it} from 'vitest';
import {lintDockerfile, propose} from '../../source/advice/index.js';
import {localPackageFolders} from '../../source/advice/dependency-steps.js';
import {makeReport} from './make-report.js';

const fastsum = {name: 'fastsum', spec: '', extras: [], url: './fastsum', file: 'requirements.txt', line: 2};
const choices = {flavor: 'slim' as const, python: '3.11', port: 8000, wsgiTarget: 'app:app'};

describe('local path requirements', () => {
	it('are copied whole before the install, so pip finds them, and no warning is left', () => {
		const report = makeReport({
			dependencies: {packages: [{name: 'flask', spec: '', extras: [], file: 'requirements.txt', line: 1}, fastsum]},
			nativeNeeds: [{package: 'fastsum', reason: './fastsum is a local package with a C extension', buildPackages: ['build-essential', 'python3-dev'], runtimePackages: []}],
			sourceFiles: ['app.py', 'fastsum/setup.py'],
		});
		const proposal = propose(report, choices);
		const lines = proposal.dockerfile.split('\n');
		const copy = lines.indexOf('COPY fastsum/ ./fastsum/');
		const install = lines.findIndex(line => line.includes('install --no-cache-dir -r requirements.txt'));
		expect(copy).toBeGreaterThan(lines.indexOf('COPY requirements.txt ./'));
		expect(copy).toBeLessThan(install);
		// The compiler is in the builder stage only.
		expect(proposal.dockerfile.indexOf('build-essential')).toBeLessThan(proposal.dockerfile.lastIndexOf('FROM '));
		expect(proposal.warnings.filter(warning => warning.includes('local paths'))).toEqual([]);
		expect(lintDockerfile(proposal.dockerfile, report).filter(finding => finding.severity !== 'info')).toEqual([]);
	});

	it('outside the project, or as archives, are not copied, and the warning stays', () => {
		const report = makeReport({dependencies: {packages: [{...fastsum, url: '../shared/fastsum'}, {...fastsum, name: 'x', url: './dist/x-1.0-py3-none-any.whl'}]}});
		expect(localPackageFolders(report)).toEqual([]);
		expect(propose(report, choices).warnings.some(warning => warning.includes('local paths'))).toBe(true);
	});

	it('file: paths and trailing slashes name the same folder once', () => {
		const report = makeReport({dependencies: {packages: [fastsum, {...fastsum, url: 'file:./fastsum/'}, {...fastsum, name: 'lib', url: './libs/lib'}]}});
		expect(localPackageFolders(report)).toEqual(['fastsum/', 'libs/lib/']);
	});
});
