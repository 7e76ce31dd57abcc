import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultChoices, lintDockerfile, propose} from '../../source/advice/index.js';
import {scanProject} from '../../source/analysis/index.js';
import type {BaseFlavor, ProjectReport} from '../../source/types.js';

// A FastAPI module that ends in `uvicorn.run("main:app", reload=True)` (the main-app fixture
// does, under `if __name__ == "__main__":`): started as `python main.py`, an image would run
// the development reloader. The proposal never starts it that way and says why; DW047 flags a
// Dockerfile that does.
const mainApp = path.join(import.meta.dirname, '..', 'fixtures', 'fastapi', 'main-app');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwiz-script-reload-'));
afterAll(() => fs.rmSync(work, {recursive: true, force: true}));

const dw047 = (dockerfile: string, report: ProjectReport) => lintDockerfile(dockerfile, report).filter(finding => finding.rule === 'DW047');
const dockerfileWith = (start: string) => `FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n${start}\n`;

/** A copy of main-app whose files are rewritten by `edit`. */
function variant(name: string, edit: Record<string, string>): string {
	const dir = path.join(work, name);
	fs.cpSync(mainApp, dir, {recursive: true});
	for (const [file, text] of Object.entries(edit)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
		fs.writeFileSync(path.join(dir, file), text);
	}

	return dir;
}

describe('uvicorn.run(..., reload=True) in the code', () => {
	it('is found where it is written', async () => {
		const report = await scanProject(mainApp);
		expect(report.asgi?.scriptReloads).toEqual([{file: 'main.py', line: 22, detail: 'uvicorn.run("main:app", reload=True)'}]);
	});

	it.each<BaseFlavor>(['slim', 'distroless'])('never runs in the %s proposal, whose reason says why', async flavor => {
		const report = await scanProject(mainApp);
		const proposal = propose(report, defaultChoices(report, {base: flavor, python: '3.11'}));
		const start = proposal.dockerfile.split('\n').filter(line => /^(CMD|ENTRYPOINT) /.test(line));
		expect(start.join('\n')).toMatch(/uvicorn", "main:app"|exec uvicorn main:app/);
		expect(start.join('\n')).not.toMatch(/main\.py|--reload/);
		expect(proposal.changes.map(change => change.why).join(' ')).toContain('main.py:22 starts uvicorn with reload=True when run as `python main.py`: the image starts uvicorn itself, so that development reloader never runs in it');
		expect(dw047(proposal.dockerfile, report)).toEqual([]);
	});

	it.each([
		['CMD ["python", "main.py"]', '`python main.py`'],
		['CMD python -u /app/main.py', '`python /app/main.py`'],
		['CMD ["/usr/local/bin/python3.11", "-X", "dev", "./main.py"]', '`python ./main.py`'],
		['ENTRYPOINT ["python3", "-m", "main"]', '`python -m main`'],
		['CMD ["sh", "-c", "exec python main.py"]', '`python main.py`'],
	])('DW047: %s', async (start, shown) => {
		const report = await scanProject(mainApp);
		expect(dw047(dockerfileWith(start), report)).toEqual([{
			rule: 'DW047',
			severity: 'warning',
			line: 5,
			message: `${shown} starts the app through uvicorn.run("main:app", reload=True) (main.py:22): the development reloader runs in the image`,
			fix: expect.stringContaining('CMD ["uvicorn", "main:app"'),
		}]);
	});

	it('DW047 leaves alone a server started directly, another script, and reload read from the environment', async () => {
		const report = await scanProject(mainApp);
		for (const start of ['CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]', 'CMD ["python", "-m", "uvicorn", "main:app", "--host", "0.0.0.0"]', 'CMD ["python", "seed.py"]', 'CMD ["python", "-c", "import main"]']) {
			expect(dw047(dockerfileWith(start), report), start).toEqual([]);
		}

		const main = fs.readFileSync(path.join(mainApp, 'main.py'), 'utf8');
		const fromEnvironment = await scanProject(variant('from-environment', {'main.py': main.replace('reload=True', 'reload=os.environ.get("DEV") == "1"')}));
		expect(fromEnvironment.asgi?.scriptReloads).toBeUndefined();
		expect(dw047(dockerfileWith('CMD ["python", "main.py"]'), fromEnvironment)).toEqual([]);
	});

	it('DW047 follows `python -m app` to the package\'s __main__.py', async () => {
		const dir = variant('package-main', {'app/__init__.py': '', 'app/__main__.py': 'import uvicorn\n\nif __name__ == "__main__":\n    uvicorn.run("main:app", host="0.0.0.0", port=8080, reload=True)\n'});
		const report = await scanProject(dir);
		expect(report.asgi?.scriptReloads?.map(reload => `${reload.file}:${reload.line}`)).toEqual(expect.arrayContaining(['app/__main__.py:4', 'main.py:22']));
		expect(dw047(dockerfileWith('CMD ["python", "-m", "app"]'), report).map(finding => finding.message)).toEqual(['`python -m app` starts the app through uvicorn.run("main:app", reload=True) (app/__main__.py:4): the development reloader runs in the image']);
	});
});
