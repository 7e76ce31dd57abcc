import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {connectEngine} from '../../source/engine/connect.js';

describe('connectEngine without an engine', () => {
	it('says where it looked and what to do', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-noengine-'));
		const socket = path.join(dir, 'docker.sock');
		const result = await connectEngine({DOCKER_HOST: `unix://${socket}`, HOME: dir});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain(`unix://${socket}`);
		expect(!result.ok && result.message).toContain(`from DOCKER_HOST=unix://${socket}`);
		expect(!result.ok && result.message).toContain('Start Docker, or set DOCKER_HOST; --no-build still works.');
		fs.rmSync(dir, {recursive: true, force: true});
	});

	it('names a missing context and how to list them', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-noengine-'));
		const result = await connectEngine({DOCKER_CONTEXT: 'gone', HOME: dir});
		expect(!result.ok && result.message).toMatch(/Docker context "gone" was not found .*docker context ls.*\(looked at DOCKER_CONTEXT=gone\)\. Start Docker, or set DOCKER_HOST; --no-build still works\./);
		fs.rmSync(dir, {recursive: true, force: true});
	});
});
