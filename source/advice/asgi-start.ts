// The ASGI server an image's start command runs, read with the analysis' command reader
// (`exec`, `sh -c`, `python -m uvicorn` and `&&` chains included), for the ASGI lint rules.
import {readCommand, type CommandFacts} from '../analysis/command-line.js';
import type {ParsedInstruction} from './parse-dockerfile.js';
import type {LintContext} from './rule.js';
import {finalStage, startCommand} from './rule-helpers.js';

export type AsgiStart = {instruction: ParsedInstruction; facts: CommandFacts; command: string};

/** The final stage's start command when it runs uvicorn, hypercorn, `fastapi` or gunicorn with uvicorn workers. */
export function asgiStart(context: LintContext): AsgiStart | undefined {
	const stage = finalStage(context);
	const start = stage ? startCommand(stage) : undefined;
	if (!start) {
		return undefined;
	}

	const command = start.words.map(word => (/\s/.test(word) ? `'${word}'` : word)).join(' ');
	const facts = readCommand(command);
	const asgi = facts.server === 'uvicorn' || facts.server === 'hypercorn' || facts.server === 'fastapi' || (facts.server === 'gunicorn' && /uvicorn/i.test(facts.asgi?.workerClass ?? ''));
	return asgi ? {instruction: start.instruction, facts, command} : undefined;
}
