import {describe, expect, it} from 'vitest';
import {unifiedDiff} from '../../source/advice/diff.js';
import {pipInstallArgs, splitCommands} from '../../source/advice/shell.js';

describe('reading RUN scripts', () => {
	it('splits on &&, ;, || and pipes, keeps quoted words whole, drops env assignments', () => {
		const commands = splitCommands('A=1 pip install "flask>=2" && echo \'a && b\' | tee x; false || true');
		expect(commands.map(command => command.words)).toEqual([['pip', 'install', 'flask>=2'], ['echo', 'a && b'], ['tee', 'x'], ['false'], ['true']]);
		expect(commands.map(command => command.pipedOut)).toEqual([false, true, false, false, false]);
	});

	it('reads a heredoc body and line continuations', () => {
		expect(splitCommands('<<EOF\nset -e\npip install x\nEOF').map(command => command.words[0])).toEqual(['set', 'pip']);
		expect(splitCommands('apt-get update \\\n && apt-get install -y curl').map(command => command.words)).toEqual([['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
	});

	it('recognizes pip in its spellings', () => {
		expect(pipInstallArgs({words: ['/opt/venv/bin/pip', 'install', '-r', 'r.txt'], pipedOut: false})).toEqual(['-r', 'r.txt']);
		expect(pipInstallArgs({words: ['python3', '-m', 'pip', 'install', 'x'], pipedOut: false})).toEqual(['x']);
		expect(pipInstallArgs({words: ['pip', '--python', '/opt/venv/bin/python', 'install', '--no-cache-dir', 'x'], pipedOut: false})).toEqual(['--no-cache-dir', 'x']);
		expect(pipInstallArgs({words: ['pip', '--python', 'install'], pipedOut: false})).toBeNull();
		expect(pipInstallArgs({words: ['pip', 'freeze'], pipedOut: false})).toBeNull();
		expect(pipInstallArgs({words: ['python', 'app.py'], pipedOut: false})).toBeNull();
	});
});

describe('unifiedDiff', () => {
	it('is empty for equal texts and shows one hunk with context for a change', () => {
		expect(unifiedDiff('a\nb\n', 'a\nb\n', 'f')).toBe('');
		const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n') + '\n';
		const after = ['1', '2', '3', '4', 'five', '6', '7', '8'].join('\n') + '\n';
		expect(unifiedDiff(before, after, 'Dockerfile')).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
	});

	it('handles new and emptied files and far-apart changes as separate hunks', () => {
		expect(unifiedDiff('', 'x\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
		expect(unifiedDiff('x\n', '', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1,1 +0,0 @@\n-x\n');
		const lines = Array.from({length: 30}, (_, index) => String(index));
		const changed = lines.map(line => (line === '2' || line === '25' ? `${line}!` : line));
		expect(unifiedDiff(lines.join('\n'), changed.join('\n'), 'f').match(/^@@/gm)).toHaveLength(2);
	});
});
