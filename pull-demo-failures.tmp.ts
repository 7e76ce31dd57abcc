import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {engineOrFail, fixtureCopy, runLabel} from '/work/wt/pull/test/engine/engine-helpers.js';
import {buildUniqueImage, pushAs, startRegistry} from '/work/wt/pull/test/engine/local-registry.js';

const password = 'right-pw-7f3a9c';
const wrong = 'wrong-pw-b41e22';
const engine = await engineOrFail();
const registry = await startRegistry({username: 'alice', password});
const image = `${registry.address}/team/python:3.11-slim`;
const local = `dockwiz-pulldemo:${process.pid}`;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-pull-demo-'));
try {
	await buildUniqueImage(engine.docker, local, 'python:3.11-slim', runLabel().line, 8);
	await pushAs(engine.docker, local, image, {username: 'alice', password});
	await engine.adapter.removeImage(local);
	fs.writeFileSync(path.join(scratch, 'config.json'), JSON.stringify({auths: {[registry.address]: {auth: Buffer.from(`alice:${wrong}`).toString('base64')}}}));
	for (const [name, from] of [['wrong password', image], ['missing image', `${registry.address}/team/no-such-image:1`]]) {
		const project = fixtureCopy();
		fs.writeFileSync(path.join(project, 'Dockerfile'), fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8').replace('FROM python:3.11', `FROM ${from}`));
		const before = execFileSync('docker', ['images', '-a', '-q']).toString().split('\n').filter(Boolean).sort();
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', project, '--yes', '--network', 'host', '--no-build'.slice(0, 0) || '--runs', '1'], {env: {...process.env, CI: 'true', DOCKER_CONFIG: scratch}, encoding: 'utf8', cwd: '/work/wt/pull'});
		const after = execFileSync('docker', ['images', '-a', '-q']).toString().split('\n').filter(Boolean).sort();
		console.log(`===== ${name}: dockwiz ${project} --yes --network host (exit ${run.status})`);
		console.log(run.stdout.split('\n').filter(l => /\[pull\]|FAILED|pull|Registry/.test(l)).join('\n'));
		console.log(`password or wrong password in any output: ${[run.stdout, run.stderr].some(t => t.includes(password) || t.includes(wrong))}`);
		console.log(`images on the engine before/after: ${before.length}/${after.length}; new: ${after.filter(id => !before.includes(id)).join(' ') || 'none'}`);
		console.log(`${from} present after: ${spawnSync('docker', ['image', 'inspect', from]).status === 0}`);
		fs.rmSync(project, {recursive: true, force: true});
	}
} finally {
	await engine.adapter.removeImage(image).catch(() => undefined);
	await engine.adapter.removeImage(local).catch(() => undefined);
	await registry.stop();
	fs.rmSync(scratch, {recursive: true, force: true});
	console.log(`registry folder left: ${fs.existsSync(registry.folder)}`);
}
