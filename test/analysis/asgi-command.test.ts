import {describe, expect, it} from 'vitest';
import {readCommand} from '../../source/analysis/command-line.js';
import {asgiServerFacts} from '../../source/analysis/asgi-target.js';
import type {PythonPackage} from '../../source/types.js';

describe('readCommand on ASGI servers', () => {
	it.each([
		['uvicorn main:app --host 0.0.0.0 --port 8000', {server: 'uvicorn', target: 'main:app', port: 8000, factory: false, asgi: {workerClass: null, workers: null, reload: false, host: '0.0.0.0'}}],
		['python -m uvicorn app.main:app --reload --port ${PORT:-5000}', {server: 'uvicorn', target: 'app.main:app', port: 5000, asgi: {workerClass: null, workers: null, reload: true, host: null}}],
		['uvicorn --factory --app-dir src --workers 2 service.api:create_app', {server: 'uvicorn', target: 'service.api:create_app', factory: true, chdir: 'src', asgi: {workerClass: null, workers: 2, reload: false, host: null}}],
		['exec hypercorn app:app --bind 0.0.0.0:9000 -w 3', {server: 'hypercorn', target: 'app:app', port: 9000, asgi: {workerClass: null, workers: 3, reload: false, host: '0.0.0.0'}}],
		['fastapi dev main.py', {server: 'fastapi', target: 'main.py:app', asgi: {workerClass: null, workers: null, reload: true, host: null, mode: 'dev'}}],
		['fastapi run app/main.py --app api --port 80', {server: 'fastapi', target: 'app/main.py:api', port: 80, asgi: {workerClass: null, workers: null, reload: false, host: null, mode: 'run'}}],
		['gunicorn -k uvicorn.workers.UvicornWorker -w 4 -b 0.0.0.0:8000 api.main:app', {server: 'gunicorn', target: 'api.main:app', port: 8000, asgi: {workerClass: 'uvicorn.workers.UvicornWorker', workers: 4, reload: false, host: '0.0.0.0'}}],
	])('%s', (command, expected) => {
		expect(readCommand(command)).toMatchObject(expected);
	});

	it('leaves a value of an option alone: the app is the word that is no value', () => {
		expect(readCommand('uvicorn --log-level debug --root-path /api main:app').target).toBe('main:app');
		expect(readCommand('hypercorn --config hypercorn.toml asgi:application').target).toBe('asgi:application');
	});

	it('`fastapi` with another subcommand is no server', () => {
		expect(readCommand('fastapi --version').server).toBeNull();
	});
});

const dep = (name: string, extras: string[] = []): PythonPackage => ({name, spec: '', extras, file: 'requirements.txt', line: 1});

describe('asgiServerFacts', () => {
	it('takes the server the project command runs over its dependencies', () => {
		const command = readCommand('hypercorn app:app --bind 0.0.0.0:8000');
		expect(asgiServerFacts([dep('uvicorn')], [{facts: command, evidence: {file: 'Procfile', line: 1, detail: 'hypercorn app:app'}}]).server).toBe('hypercorn');
	});

	it('gunicorn with another worker class is not an ASGI command', () => {
		const command = readCommand('gunicorn -k gevent app:app');
		expect(asgiServerFacts([dep('uvicorn')], [{facts: command, evidence: {file: 'Procfile', detail: 'gunicorn'}}]).server).toBe('uvicorn');
	});

	it('from dependencies: gunicorn with uvicorn, uvicorn, fastapi[standard], hypercorn, none', () => {
		expect(asgiServerFacts([dep('gunicorn'), dep('uvicorn')], []).server).toBe('gunicorn');
		expect(asgiServerFacts([dep('fastapi', ['standard'])], []).server).toBe('uvicorn');
		expect(asgiServerFacts([dep('hypercorn')], []).server).toBe('hypercorn');
		expect(asgiServerFacts([dep('fastapi')], [])).toEqual({server: null, evidence: [], workers: null, reload: false});
	});
});
