import {lastMatch, type FailureRule} from './hint.js';

const errno98 = /\[Errno 98\] Address already in use/;
// gunicorn: "[ERROR] Connection in use: ('0.0.0.0', 8000)"
const connectionInUse = /Connection in use: \(?'?([^',)]*)'?,\s*(\d+)\)?/;
// Werkzeug: "Address already in use\nPort 5000 is in use by another program."
const portInUse = /Port (\d+) is in use by another program/;

export const fh005: FailureRule = {
	id: 'FH005',
	title: 'Two servers in the container try to listen on the same port',
	fix: 'Start one server: remove `app.run()` from code imported by gunicorn (keep it under `if __name__ == "__main__":`), and bind the port once (`--bind` or gunicorn.conf.py, not both).',
	phases: ['smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'[2026-11-30 23:58:01 +0000] [1] [INFO] Starting gunicorn 23.0.0',
					"[2026-11-30 23:58:01 +0000] [1] [ERROR] Connection in use: ('0.0.0.0', 8000)",
					'[2026-11-30 23:58:01 +0000] [1] [ERROR] Retrying in 1 second.',
					"[2026-11-30 23:58:06 +0000] [1] [ERROR] Can't connect to ('0.0.0.0', 8000)",
				].join('\n'),
				names: ['8000'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					' * Serving Flask app \'app\'',
					'Address already in use',
					'Port 5000 is in use by another program. Either identify and stop that program, or start the server with a different port.',
				].join('\n'),
				names: ['5000'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/usr/local/lib/python3.11/socketserver.py", line 473, in server_bind',
					'    self.socket.bind(self.server_address)',
					'OSError: [Errno 98] Address already in use',
				].join('\n'),
				names: ['app.run()'],
			},
		],
		good: [
			{
				phase: 'smoke',
				exitCode: 137,
				log: '[2026-11-30 23:58:01 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)\n[2026-11-30 23:58:01 +0000] [7] [INFO] Booting worker with pid: 7',
			},
		],
	},
	match({logTail}) {
		const gunicorn = lastMatch(logTail, connectionInUse);
		const werkzeug = lastMatch(logTail, portInUse);
		const port = gunicorn?.match[2] ?? werkzeug?.match[1];
		if (!port && !lastMatch(logTail, errno98)) return null;
		return {
			message: `${port ? `Port ${port}` : 'The port'} is already taken inside the container: something else listens on it before the server starts.`,
			fix: 'Start one server: keep `app.run()` under `if __name__ == "__main__":` so importing the app does not start one, and bind the port once (`--bind` or gunicorn.conf.py, not both).',
		};
	},
};
