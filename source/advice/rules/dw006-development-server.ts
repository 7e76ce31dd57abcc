import type {Rule} from '../rule.js';
import {finalStage, startCommand} from '../rule-helpers.js';

/** The file a WSGI target's module lives in: `app:app` -> `app.py`. */
export function moduleFile(target: string | null): string | null {
	if (!target) {
		return null;
	}

	return target.split(':')[0].replaceAll('.', '/') + '.py';
}

export const dw006: Rule = {
	id: 'DW006',
	severity: 'warning',
	title: 'The command starts a development server',
	why: "`flask run` and `app.run()` start Werkzeug's development server: one process, not hardened, and Flask itself says not to use it in production.",
	fix: 'Run a WSGI server: `CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]` (add gunicorn to the dependencies).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
		good: 'FROM python:3.11-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
	},
	check(context) {
		const stage = finalStage(context);
		const start = stage ? startCommand(stage) : undefined;
		if (!start) {
			return [];
		}

		const words = start.words.map(word => word.split('/').at(-1) ?? word);
		const joined = words.join(' ');
		if (/(^|\s)flask( .*)? run(\s|$)/.test(joined) || /python[\d.]* -m flask( .*)? run/.test(joined)) {
			return [{line: start.instruction.line, message: '`flask run` starts the development server'}];
		}

		const script = /^python[\d.]*$/.test(words[0] ?? '') ? start.words.find((word, index) => index > 0 && word.endsWith('.py')) : undefined;
		if (!script) {
			return [];
		}

		const same = (file: string) => script === file || script.replace(/^\.\//, '') === file || script.endsWith('/' + file);
		// With the scan's list of files that call app.run, only those start the development server.
		const running = context.report.devServerFiles;
		if (running !== undefined) {
			const file = running.find(candidate => same(candidate));
			return file ? [{line: start.instruction.line, message: `\`python ${script}\` runs ${file}, which starts Flask's development server (app.run)`}] : [];
		}

		const module = moduleFile(context.report.wsgiTarget);
		return module && same(module) ? [{line: start.instruction.line, message: `\`python ${script}\` runs the module that builds the app, which starts Flask's development server (app.run)`}] : [];
	},
};
