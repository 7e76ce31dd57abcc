import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {propose} from '../../source/advice/index.js';
import {namedFileKind} from '../../source/analysis/named-files.js';
import {makeReport} from './make-report.js';

const choices = {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:app'} as const;
const copyLines = (dockerfile: string) => dockerfile.split('\n').filter(line => line.startsWith('COPY ') && !line.includes('--from') && !line.includes(' . .'));

describe('the proposal copies only files the context holds', () => {
	it('leaves out an included requirements file that is a dangling link, and says why', () => {
		const report = makeReport({
			dependencies: {files: ['requirements.txt', 'requirements/base.txt']},
			namedFiles: {'requirements.txt': 'file', 'requirements/base.txt': 'dangling link'},
		});
		const proposal = propose(report, choices);
		expect(copyLines(proposal.dockerfile)).toEqual(['COPY requirements.txt ./']);
		expect(proposal.warnings.join('\n')).toMatch(/does not copy "requirements\/base\.txt" \(it is a link to a file that does not exist\).*file not found.*put a regular file.*a `-r`\/`-c` line that names it fails/);
	});

	it('installs by name when the main requirements file is a dangling link', () => {
		const report = makeReport({namedFiles: {'requirements.txt': 'dangling link'}});
		const proposal = propose(report, choices);
		expect(proposal.dockerfile).not.toMatch(/^COPY requirements\.txt/m);
		expect(proposal.dockerfile).toMatch(/install --no-cache-dir flask "gunicorn>=20.1"/);
		expect(proposal.warnings[0]).toMatch(/"requirements\.txt" \(it is a link to a file that does not exist\)/);
	});

	it('leaves out a file the proposed .dockerignore still excludes (a secret-looking name)', () => {
		const report = makeReport({dependencies: {files: ['requirements.txt', '.env.txt']}, namedFiles: {'requirements.txt': 'file', '.env.txt': 'file'}});
		const proposal = propose(report, choices);
		expect(copyLines(proposal.dockerfile)).toEqual(['COPY requirements.txt ./']);
		expect(proposal.warnings.join('\n')).toMatch(/"\.env\.txt" \(the proposed \.dockerignore excludes it\).*rename a file/);
	});

	it('leaves out a lock file the manager names but the project lacks, and resolves from pyproject.toml', () => {
		const report = makeReport({
			dependencies: {manager: 'uv', files: ['pyproject.toml', 'uv.lock'], packages: [{name: 'flask', spec: '', extras: [], file: 'pyproject.toml'}]},
			namedFiles: {'pyproject.toml': 'file', 'uv.lock': 'missing'},
		});
		const proposal = propose(report, choices);
		expect(copyLines(proposal.dockerfile)).toEqual(['COPY pyproject.toml ./']);
		expect(proposal.dockerfile).toContain('uv pip compile pyproject.toml');
		expect(proposal.warnings.join('\n')).toMatch(/"uv\.lock" \(it does not exist\)/);
	});

	it('leaves out a local package folder that is a link out of the project', () => {
		const report = makeReport({
			dependencies: {packages: [{name: 'flask', spec: '', extras: [], file: 'requirements.txt'}, {name: 'fastsum', spec: '', extras: [], file: 'requirements.txt', url: './fastsum'}]},
			namedFiles: {'requirements.txt': 'file', 'fastsum/': 'outside'},
		});
		const proposal = propose(report, choices);
		expect(proposal.dockerfile).not.toContain('COPY fastsum/');
		expect(proposal.warnings.join('\n')).toMatch(/"fastsum\/" \(it is a link that points outside the project\)/);
	});

	it('changes nothing when every named file is a regular file', () => {
		const report = makeReport({namedFiles: {'requirements.txt': 'file'}});
		const proposal = propose(report, choices);
		expect(copyLines(proposal.dockerfile)).toEqual(['COPY requirements.txt ./']);
		expect(proposal.warnings.join('\n')).not.toMatch(/does not copy/);
	});
});

describe('namedFileKind', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-named-'));
	const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-named-outside-'));
	afterAll(() => {
		fs.rmSync(root, {recursive: true, force: true});
		fs.rmSync(outside, {recursive: true, force: true});
	});
	fs.writeFileSync(path.join(root, 'requirements.txt'), 'flask\n');
	fs.writeFileSync(path.join(outside, 'secret.txt'), 'x\n');
	fs.symlinkSync('requirements.txt', path.join(root, 'linked.txt'));
	fs.symlinkSync('gone.txt', path.join(root, 'dangling.txt'));
	fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'out.txt'));
	fs.mkdirSync(path.join(root, 'pkg'));
	fs.mkdirSync(path.join(root, 'base.txt'));

	it.each([
		['requirements.txt', 'file'],
		['linked.txt', 'file'],
		['dangling.txt', 'dangling link'],
		['out.txt', 'outside'],
		['absent.txt', 'missing'],
		['base.txt', 'folder'],
		['pkg/', 'file'],
		['requirements.txt/', 'missing'],
		['../escape.txt', 'outside'],
	])('%s is %s', async (file, kind) => {
		expect(await namedFileKind(root, file)).toBe(kind);
	});
});
