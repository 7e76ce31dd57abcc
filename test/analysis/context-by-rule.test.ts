import {describe, expect, it} from 'vitest';
import {auditContext} from '../../source/analysis/context-audit.js';
import {contextRulesFor} from '../../source/analysis/context-by-rule.js';
import {treesRemovedAfterEach} from './tree.js';

const tree = treesRemovedAfterEach();

describe('contextRulesFor', () => {
	it('puts each file left out down to the last line that matches it; the lines add up to what the audit leaves out', async () => {
		const root = await tree({
			'app.py': 'print(1)\n',
			'Dockerfile': 'FROM x\n',
			'.git/HEAD': 'r'.repeat(20),
			'.git/objects/ab': 'o'.repeat(400),
			'logs/a.log': 'l'.repeat(300),
			'logs/keep.log': 'k'.repeat(50),
			'debug.log': 'd'.repeat(70),
			'data/big.bin': 'b'.repeat(5000),
		});
		const ignore = '# comment\n.git\n*.log\nlogs\n!logs/keep.log\n\ndata/*.bin\nnothing-here\nDockerfile\n';
		const byRule = await contextRulesFor(root, ignore);
		expect(byRule.rules).toEqual([
			{line: 2, pattern: '.git', bytes: 420, files: 2},
			{line: 3, pattern: '*.log', bytes: 70, files: 1},
			// logs/a.log matches `*.log`? No: `*` never crosses a slash; `logs` decides it.
			{line: 4, pattern: 'logs', bytes: 300, files: 1},
			{line: 5, pattern: '!logs/keep.log', bytes: 0, files: 0},
			{line: 7, pattern: 'data/*.bin', bytes: 5000, files: 1},
			{line: 8, pattern: 'nothing-here', bytes: 0, files: 0},
			// Docker sends the Dockerfile whatever .dockerignore says.
			{line: 9, pattern: 'Dockerfile', bytes: 0, files: 0},
		]);
		const audit = await auditContext(root, ignore);
		expect(byRule.rules.reduce((sum, rule) => sum + rule.bytes, 0)).toBe(audit.ignoredBytes);
		expect(byRule.rules.reduce((sum, rule) => sum + rule.files, 0)).toBe(audit.ignoredFiles);
		expect(byRule.sentBytes).toBe(audit.bytes);
		expect(byRule.sentFiles).toBe(audit.files);
	});

	it('has no rules without a .dockerignore, and sends everything', async () => {
		const root = await tree({'app.py': 'x'});
		expect(await contextRulesFor(root, null)).toEqual({rules: [], sentBytes: 1, sentFiles: 1});
	});
});
