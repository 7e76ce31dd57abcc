import {describe, expect, it} from 'vitest';
import {classify} from '../../bench/corpus-causes.js';

const base = {built: true, report: null, relaxations: [], services: []};

describe('classify', () => {
	it('names the failure classes from the container log', () => {
		expect(classify({...base, evidence: "ModuleNotFoundError: No module named 'pkg_resources'"}).cause).toBe('pkg_resources');
		expect(classify({...base, evidence: "PermissionError: [Errno 13] Permission denied: '/app/instance'"}).cause).toBe('non-root-write');
		expect(classify({...base, evidence: 'ImportError: libpq.so.5: cannot open shared object file: No such file or directory'}).cause).toBe('system-packages');
		expect(classify({...base, evidence: '[INFO] Listening at: http://127.0.0.1:8000 (1)\nNo HTTP answer on port 8000 within 30 s'}).cause).toBe('gunicorn-conf');
		expect(classify({...base, evidence: 'sqlite3.OperationalError: no such table: user'}).cause).toBe('startup-steps');
		expect(classify({...base, evidence: "    dbuser=os.environ['DBUSER'],\nKeyError: 'DBUSER'"}).cause).toBe('required-env');
		expect(classify({...base, evidence: 'No HTTP answer on port 5000 within 30 s: check that the app listens on 0.0.0.0:5000.'}).cause).toBe('port');
	});

	it('blames a missing service only when expect.json names one', () => {
		const evidence = 'psycopg2.OperationalError: connection to server at "db" failed: Connection refused';
		expect(classify({...base, services: ['postgres'], evidence}).cause).toBe('needs-service');
		expect(classify({...base, evidence}).cause).not.toBe('needs-service');
	});

	it('tells a package the harness dropped from an app that cannot import its own module', () => {
		const dropped = [{file: 'requirements.txt', from: 'flask-moment==1.0', to: '(dropped)', why: 'Debian does not package flask-moment'}];
		expect(classify({...base, relaxations: dropped, evidence: "ModuleNotFoundError: No module named 'flask_moment'"}).cause).toBe('offline-missing-package');
		expect(classify({...base, evidence: "ModuleNotFoundError: No module named 'myapp'"}).cause).toBe('src-layout');
		expect(classify({...base, evidence: 'something new'}).cause).toBe('unclassified');
		const relaxed = [{file: 'requirements.txt', from: 'itsdangerous==1.1.0', to: 'itsdangerous', why: 'the index serves 2.1.2'}];
		expect(classify({...base, relaxations: relaxed, evidence: "ImportError: cannot import name 'TimedJSONWebSignatureSerializer' from 'itsdangerous' (/opt/venv/x.py)"}).cause).toBe('offline-relaxed-pin');
	});
});
