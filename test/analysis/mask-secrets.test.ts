// maskSecrets: every credential form a project's lines can carry is masked, masking is
// idempotent, and dockwiz's own words (rule titles, fixes, comments) pass through unchanged.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {rules} from '../../source/advice/index.js';
import {defaultGroups} from '../../source/advice/dockerignore.js';
import {problemCatalogue} from '../../source/analysis/problems.js';
import {mask, maskSecrets, maskStrings} from '../../source/analysis/mask-secrets.js';

describe('maskSecrets', () => {
	it.each([
		['ENV DATABASE_URL=postgres://u:p4ss@h/db', 'ENV DATABASE_URL=postgres://u:***@h/db'],
		['ARG TOKEN=abc123', 'ARG TOKEN=***'],
		['ENV SECRET_KEY="a b c" DEBUG=0', 'ENV SECRET_KEY="***" DEBUG=0'],
		['--index-url https://user:pass@pypi.example/simple', '--index-url https://user:***@pypi.example/simple'],
		['git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x', 'git clone https://***@github.com/x'],
		['export GITHUB=ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'export GITHUB=***'],
		['glpat-abcdefghij0123456789', '***'],
		['key AKIAABCDEFGHIJKLMNOP', 'key ***'],
		['xoxb-1234567890-abcdef', '***'],
		['sk-proj-abcdefghijklmnop1234', '***'],
		['{"token": "t0k3n"}', '{"token": "***"}'],
		['aws_secret_access_key = abcd', 'aws_secret_access_key = ***'],
		['mysql --password hunter2 -u root', 'mysql --password *** -u root'],
		['curl -H "Authorization: Bearer abcdefghijk123"', 'curl -H "Authorization: Bearer ***"'],
		['-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----', '-----BEGIN PRIVATE KEY----- ***'],
	])('%s', (text, masked) => {
		expect(maskSecrets(text)).toBe(masked);
	});

	it.each([
		'ENV SECRET_KEY=$SECRET_KEY',
		'gunicorn --bind 0.0.0.0:$PORT app:app',
		'http://localhost:5000/health',
		'The build context includes secrets: .env, certs/server.key',
		'API_TOKEN is set with ENV: a secret in the image metadata',
		'ENV A B',
		'RUN --mount=type=secret,id=token pip install -r requirements.txt',
		'COPY --from=builder /opt/venv /opt/venv',
		'FROM python:3.11-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
	])('leaves %s as it is', text => {
		expect(maskSecrets(text)).toBe(text);
	});

	it('leaves dockwiz\'s own words alone: rule titles, reasons, fixes and examples, scan problems, .dockerignore comments', () => {
		for (const rule of rules) {
			for (const text of [rule.title, rule.why, rule.fix]) expect(maskSecrets(text), rule.id).toBe(text);
		}

		for (const text of Object.values(problemCatalogue)) expect(maskSecrets(text)).toBe(text);
		for (const group of defaultGroups) expect(maskSecrets([`# ${group.comment}`, ...group.patterns].join('\n'))).toBe([`# ${group.comment}`, ...group.patterns].join('\n'));
	});

	const value = fc.stringMatching(/^[A-Za-z0-9]{12,40}$/);
	const name = fc.constantFrom('PASSWORD', 'DB_PASSWORD', 'SECRET_KEY', 'API_TOKEN', 'api_key', 'GITHUB_TOKEN', 'aws_secret_access_key', 'client_secret', 'Passwd');
	const placed = fc.oneof(
		fc.tuple(name, value, fc.constantFrom('=', ': ', ' = ', '="', "='")).map(([key, secret, separator]) => ({secret, text: `${key}${separator}${secret}${separator.endsWith('"') ? '"' : separator.endsWith("'") ? "'" : ''}`})),
		fc.tuple(value, fc.constantFrom('https', 'postgres', 'redis', 'git+https', 'mysql')).map(([secret, scheme]) => ({secret, text: `${scheme}://user:${secret}@host.example:5432/db`})),
		fc.tuple(value.filter(v => v.length >= 20), fc.constantFrom('ghp_', 'gho_', 'glpat-', 'xoxb-', 'sk-', 'github_pat_')).map(([secret, prefix]) => ({secret, text: `${prefix}${secret}`})),
		value.map(secret => ({secret, text: `--password ${secret}`})),
	);

	it('masks a planted credential wherever it sits in a line, and masking twice changes nothing', () => {
		fc.assert(fc.property(placed, fc.string({maxLength: 30}), fc.constantFrom(' ', '\n', ' && ', ' # ', '\t'), fc.string({maxLength: 30}), ({secret, text}, before, glue, after) => {
			const line = `${before.replace(/[A-Za-z0-9]$/, '$& ')}${glue}${text}${glue}${after.replace(/^[A-Za-z0-9]/, ' $&')}`;
			const masked = maskSecrets(line);
			expect(masked, line).not.toContain(secret);
			expect(masked).toContain(mask);
			expect(maskSecrets(masked)).toBe(masked);
		}), {numRuns: 3000});
	});

	it('maskStrings copies data and masks every string in it, keys kept', () => {
		const data = {a: ['x', 'TOKEN=abc'], b: {url: 'https://u:p@h/x', n: 3, ok: true, none: null}};
		expect(maskStrings(data)).toEqual({a: ['x', 'TOKEN=***'], b: {url: 'https://u:***@h/x', n: 3, ok: true, none: null}});
		expect(data.a[1]).toBe('TOKEN=abc');
	});
});
