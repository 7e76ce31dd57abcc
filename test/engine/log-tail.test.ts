import {describe, expect, it} from 'vitest';
import {mask, maskSecrets} from '../../source/analysis/mask-secrets.js';
import {logTailLines} from '../../source/engine/log-tail.js';

describe('maskSecrets', () => {
	it.each([
		['sqlalchemy.exc.OperationalError: postgres://u:hunter2@db/x', `sqlalchemy.exc.OperationalError: postgres://u:${mask}@db/x`],
		['redis://:s3cret@cache:6379/0', `redis://:${mask}@cache:6379/0`],
		['DATABASE_PASSWORD=hunter2 next', `DATABASE_PASSWORD=${mask} next`],
		['{"api_key": "abcdef123456"}', `{"api_key": "${mask}"}`],
		['SECRET_KEY: change-me-please', `SECRET_KEY: ${mask}`],
		['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc', `Authorization: Bearer ${mask}`],
		['using key AKIAABCDEFGHIJKLMNOP now', `using key ${mask} now`],
		['token ghp_abcdefghijklmnopqrstuvwxyz0123456789', `token ${mask}`],
		['xoxb-123456789012-abcdefghij', mask],
	])('masks %j', (text, masked) => {
		expect(maskSecrets(text)).toBe(masked);
	});

	it.each([
		'Traceback (most recent call last):',
		'  File "/app/app.py", line 3, in <module>',
		'KeyError: \'SECRET_KEY\'',
		'[2026-11-30 23:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)',
		'ModuleNotFoundError: No module named \'pkg_resources\'',
		'sha256:3a4f1e76b798d97c315c895e5faa464810d42d70a7cecc86abd153c85740f2c0',
		'https://pypi.org/simple/flask/',
	])('leaves %j alone', text => {
		expect(maskSecrets(text)).toBe(text);
	});
});

describe('logTailLines', () => {
	it('keeps the last lines, without colours or blank lines, masked', () => {
		const log = 'one\n\n\u001B[31mtwo\u001B[0m\r\nthree password=abc123\n\n';
		expect(logTailLines(log, 2)).toEqual(['two', `three password=${mask}`]);
	});
});
