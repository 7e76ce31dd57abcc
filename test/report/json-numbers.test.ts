import {describe, expect, it} from 'vitest';
import {findingsFor} from '../../source/advice/lint.js';
import {propose} from '../../source/advice/propose.js';
import {auditContext} from '../../source/analysis/context-audit.js';
import {scanProject} from '../../source/analysis/scan-project.js';
import {assembleReport} from '../../source/report/assemble.js';
import {treesRemovedAfterEach} from '../analysis/tree.js';

const tree = treesRemovedAfterEach();
const app = 'from flask import Flask\napp = Flask(__name__)\n';

async function jsonFor(files: Record<string, string>) {
	const root = await tree(files);
	const report = await scanProject(root);
	const proposal = propose(report, {flavor: 'slim', python: '3.11', port: 8000, wsgiTarget: 'app:app'});
	const proposed = await auditContext(root, proposal.dockerignore);
	return assembleReport({report, findings: findingsFor(report), proposal, proposedContext: proposed, measurement: null});
}

describe('the JSON numbers', () => {
	it("counts the files under excluded folders, in the current context (the project's .dockerignore) and the proposed one", async () => {
		const json = await jsonFor({
			'app.py': app,
			'requirements.txt': 'flask\n',
			'.dockerignore': 'data/\n*.log\n',
			'data/a.bin': 'a'.repeat(5000),
			'data/nested/b.bin': 'b'.repeat(50),
			'notes.log': 'n'.repeat(300),
			'.venv/lib/x.py': 'v'.repeat(999),
		});
		// data/ (2 files, 5050 bytes) and notes.log, under the project's own .dockerignore.
		expect([json.context.ignoredFiles, json.context.ignoredBytes]).toEqual([3, 5350]);
		// The proposed .dockerignore keeps those lines and adds .venv.
		expect([json.context.proposed?.ignoredFiles, json.context.proposed?.ignoredBytes]).toEqual([4, 6349]);
		expect(json.context.files).toBe(json.context.proposed ? json.context.proposed.files + 1 : -1);
	});

	it('claims dependency files copied before the code only when one is copied', async () => {
		const none = await jsonFor({'app.py': app});
		expect(none.proposal.changes.map(change => change.title)).not.toContain('Dependency files copied and installed before the code');
		const some = await jsonFor({'app.py': app, 'requirements.txt': 'flask\n'});
		expect(some.proposal.changes.map(change => change.title)).toContain('Dependency files copied and installed before the code');
	});
});
