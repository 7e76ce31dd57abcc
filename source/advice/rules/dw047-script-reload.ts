import type {Evidence} from '../../types.js';
import type {Rule} from '../rule.js';
import {finalStage, startCommand} from '../rule-helpers.js';

const python = /(?:^|\/)python(?:3(?:\.\d+)?)?$/;
// Interpreter options that take a value (`-X dev`, `-W ignore`): the script comes after it.
const valueOptions = new Set(['-X', '-W', '-Q']);

/** What `python ...` runs: as written, and the project files it may be (`-m app` is app.py or app/__main__.py). */
function scriptOf(words: string[]): {shown: string; files: string[]} | null {
	const at = words.findIndex(word => python.test(word));
	if (at === -1) return null;
	for (let index = at + 1; index < words.length; index++) {
		const word = words[index];
		if (word === '-m') {
			const module = words[index + 1];
			return module ? {shown: `-m ${module}`, files: [`${module.replaceAll('.', '/')}.py`, `${module.replaceAll('.', '/')}/__main__.py`]} : null;
		}

		if (word === '-c') return null;
		if (valueOptions.has(word)) {
			index++;
			continue;
		}

		if (!word.startsWith('-')) return {shown: word, files: [word.replace(/^\.\//, '')]};
	}

	return null;
}

/** The reloading `uvicorn.run` in a file the command runs: `/app/main.py` and `main.py` both name the project's main.py. */
function reloadIn(files: string[], reloads: Evidence[]): Evidence | undefined {
	return reloads.find(reload => files.some(file => file === reload.file || file.endsWith(`/${reload.file}`) || reload.file.endsWith(`/${file}`)));
}

export const dw047: Rule = {
	id: 'DW047',
	severity: 'warning',
	title: 'The image starts the app through a uvicorn.run(..., reload=True) in the code',
	why: 'Started as a script, the module runs its `uvicorn.run(..., reload=True)`: the development reloader, a process that watches the files and restarts a second one on every change, costs CPU and memory in a container whose code never changes, and uvicorn ignores `workers` with it. The `--reload` missing from the CMD does not make it go away.',
	fix: 'Start the server itself, which never runs the `if __name__ == "__main__":` block: `CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]` (dockwiz\'s proposal does); or keep reload for development only: `reload=os.environ.get("DEV") == "1"`.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "main.py"]\n',
		good: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]\n',
		project: 'fastapi-reload',
	},
	moreExamples: {
		bad: ['FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD python -u /app/main.py\n', 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python3", "-m", "main"]\n'],
		good: ['FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "other.py"]\n'],
	},
	check(context) {
		const reloads = context.report.asgi?.scriptReloads ?? [];
		const stage = finalStage(context);
		const start = stage ? startCommand(stage) : undefined;
		if (reloads.length === 0 || !start) return [];
		const script = scriptOf(start.words);
		const reload = script ? reloadIn(script.files, reloads) : undefined;
		if (!script || !reload) return [];
		return [{line: start.instruction.line, message: `\`python ${script.shown}\` starts the app through ${reload.detail} (${reload.file}:${reload.line}): the development reloader runs in the image`}];
	},
};
