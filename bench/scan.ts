// Times the build-context audit on a generated 100 000-file tree: 50 000 files in an ignored
// .venv, 20 000 in node_modules, 30 000 of source. Prints the seconds (target: under 1 s)
// and, beside them, the time `du -s` takes over the included files, as a ratio.
import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {auditContext} from '../source/analysis/context-audit.js';
import {walkContext} from '../source/analysis/context-walk.js';

const filesPerDir = 100;
const proposedIgnore = ['.venv', 'node_modules', '.git', '**/__pycache__', '**/*.pyc'].join('\n') + '\n';

async function fill(root: string, folder: string, files: number, content: string): Promise<void> {
	for (let dir = 0; dir < files / filesPerDir; dir++) {
		const dirPath = path.join(root, folder, `d${dir}`);
		await mkdir(dirPath, {recursive: true});
		await Promise.all(Array.from({length: filesPerDir}, (_, i) => writeFile(path.join(dirPath, `f${i}.py`), content)));
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const root = await mkdtemp(path.join(tmpdir(), 'dockwiz-bench-scan-'));
try {
	const generateStart = performance.now();
	await fill(root, '.venv/lib/python3.11/site-packages', 50_000, 'x = 1\n'.repeat(20));
	await fill(root, 'node_modules', 20_000, 'module.exports = 1;\n'.repeat(10));
	await fill(root, 'app', 30_000, 'def handler():\n    return 1\n'.repeat(10));
	await mkdir(path.join(root, '.git'), {recursive: true});
	await writeFile(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
	console.log(`generated 100 000 files in ${((performance.now() - generateStart) / 1000).toFixed(1)} s under ${root}`);

	const auditSeconds: number[] = [];
	let audit = await auditContext(root, proposedIgnore);
	for (let run = 0; run < 3; run++) {
		const start = performance.now();
		audit = await auditContext(root, proposedIgnore);
		auditSeconds.push((performance.now() - start) / 1000);
	}

	const walk = await walkContext(root, proposedIgnore);
	const included = walk.included.filter(entry => entry.kind === 'file').map(entry => entry.path);
	const listFile = path.join(tmpdir(), `dockwiz-bench-du-${process.pid}`);
	await writeFile(listFile, included.join('\0') + '\0');
	const duSeconds: number[] = [];
	let duOutput = '';
	for (let run = 0; run < 3; run++) {
		const start = performance.now();
		duOutput = execFileSync('du', ['-s', '-c', '-b', `--files0-from=${listFile}`], {cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
		duSeconds.push((performance.now() - start) / 1000);
	}

	await rm(listFile, {force: true});
	const duBytes = Number(duOutput.trim().split('\n').pop()?.split('\t')[0]);
	const seconds = median(auditSeconds);
	const du = median(duSeconds);
	console.log(`auditContext (proposed ignore rules): ${seconds.toFixed(3)} s (median of 3; target < 1 s) ${seconds < 1 ? 'OK' : 'SLOW'}`);
	console.log(`  sent: ${audit.files} files, ${audit.bytes} bytes; folders never opened: ${audit.skippedDirs.join(', ')}`);
	console.log(`du -s over the included files: ${du.toFixed(3)} s, ${duBytes} bytes; auditContext / du = ${(seconds / du).toFixed(2)}`);
} finally {
	await rm(root, {recursive: true, force: true});
}
