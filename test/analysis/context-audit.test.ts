import {afterEach, describe, expect, it} from 'vitest';
import {auditContext, largestEntries, secretPaths} from '../../source/analysis/context-audit.js';
import {isLikelySecret} from '../../source/analysis/secrets.js';
import {makeTree, removeTree} from './tree.js';

const roots: string[] = [];
afterEach(async () => {
	await Promise.all(roots.splice(0).map(removeTree));
});

describe('auditContext', () => {
	it('counts bytes and files sent and left out, the largest entries and the secrets', async () => {
		const root = await makeTree({
			'app.py': 'print(1)\n',
			'data/big.bin': 'x'.repeat(5000),
			'data/small.bin': 'x'.repeat(100),
			'.env': 'SECRET=hunter2',
			'.env.example': 'SECRET=',
			'certs/server.pem': 'pem',
			'.git/HEAD': 'ref: refs/heads/main',
			'.git/config': '',
			'notes.log': 'l'.repeat(300),
			'.venv/bin/python': 'x'.repeat(999),
		});
		roots.push(root);
		const audit = await auditContext(root, '.venv\n*.log\n');
		expect(audit.files).toBe(8);
		expect(audit.bytes).toBe(9 + 5000 + 100 + 14 + 7 + 3 + 20);
		// notes.log, and .venv/bin/python inside the folder excluded whole.
		expect(audit.ignoredFiles).toBe(2);
		expect(audit.ignoredBytes).toBe(300 + 999);
		expect(audit.skippedDirs).toEqual(['.venv']);
		expect(audit.largest.slice(0, 3)).toEqual([
			{path: 'data/', bytes: 5100},
			{path: 'data/big.bin', bytes: 5000},
			{path: 'data/small.bin', bytes: 100},
		]);
		expect(audit.secrets).toEqual(['.env', '.git/', 'certs/server.pem']);
		expect(JSON.stringify(audit)).not.toContain('hunter2');
	});
});

describe('secrets', () => {
	it.each([
		['.env', 'file', true],
		['.env.production', 'file', true],
		['.env.example', 'file', false],
		['keys/id_rsa', 'file', true],
		['id_ed25519', 'file', true],
		['tls/site.key', 'file', true],
		['credentials.json', 'file', true],
		['.aws', 'dir', true],
		['.git', 'dir', true],
		['app.py', 'file', false],
		['keyboard.py', 'file', false],
	] as const)('%s (%s) is a secret: %s', (relPath, kind, expected) => {
		expect(isLikelySecret(relPath, kind)).toBe(expected);
	});

	it('names a secret folder once', () => {
		const entries = [
			{path: '.aws', kind: 'dir', bytes: 0, mode: 0o755},
			{path: '.aws/credentials', kind: 'file', bytes: 10, mode: 0o600},
		] as const;
		expect(secretPaths([...entries])).toEqual(['.aws/']);
	});

	it('keeps only the ten largest entries', () => {
		const entries = Array.from({length: 20}, (_, i) => ({path: `f${i}`, kind: 'file' as const, bytes: i, mode: 0o644}));
		const largest = largestEntries(entries);
		expect(largest).toHaveLength(10);
		expect(largest[0]).toEqual({path: 'f19', bytes: 19});
	});
});
