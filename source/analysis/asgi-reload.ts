// Where the code starts uvicorn with reload=True: `python main.py` runs that call (it usually
// sits under `if __name__ == "__main__":`), so an image started that way runs the reloader.
import type {Evidence} from '../types.js';
import type {ModuleFacts} from './python-module.js';

/** Each `uvicorn.run(..., reload=True)` in the project's modules, with the module it is in. */
export function scriptReloads(modules: ModuleFacts[]): Evidence[] {
	return modules.flatMap(facts => facts.asgi.runs.filter(run => run.reload).map(run => ({
		file: facts.file,
		line: run.line,
		detail: `uvicorn.run(${run.target ? JSON.stringify(run.target) : (run.object ?? '...')}, reload=True)`,
	})));
}
