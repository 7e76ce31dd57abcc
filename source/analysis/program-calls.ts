// Programs a module runs, read from its logical lines (never run): `subprocess.run(["ffmpeg",
// ...])`, `os.system("git pull")`, `shutil.which("wkhtmltopdf")`, and a list literal that
// starts with a known program and an option (`cmd = ["dot", "-Tpng", ...]`).
import type {LogicalLine} from './python-lines.js';
import {programPackages} from './system-packages.js';

export type ProgramCall = {program: string; line: number; via: string};

const launcher = /(?:^|[^\w.])((?:subprocess\.)?(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|os\.(?:system|popen|exec\w*|spawn\w*)|shutil\.which|sh\.Command)\s*\(\s*(\[\s*)?(?:[rbuf]{0,2})(["'])([^"']*)\3/g;
const optionList = /\[\s*(?:[rbuf]{0,2})(["'])([\w.+-]+)\1\s*,\s*(?:[rbuf]{0,2})(["'])-/g;

/** The program a command string or first argument names: `/usr/bin/ffmpeg -i x` -> `ffmpeg`. */
function programOf(text: string): string | null {
	const first = text.trim().split(/\s+/)[0] ?? '';
	const name = first.split('/').at(-1) ?? '';
	return /^[\w.+-]+$/.test(name) ? name : null;
}

/** Programs from the table in system-packages.ts that these lines run; one per program, first line wins. */
export function programCalls(lines: LogicalLine[]): ProgramCall[] {
	const calls = new Map<string, ProgramCall>();
	const add = (program: string | null, line: number, via: string) => {
		if (program && Object.hasOwn(programPackages, program) && !calls.has(program)) {
			calls.set(program, {program, line, via});
		}
	};

	for (const {line, text} of lines) {
		if (/^(import|from)\s/.test(text)) {
			continue;
		}

		for (const match of text.matchAll(launcher)) {
			add(programOf(match[4]), line, match[1]);
		}

		for (const match of text.matchAll(optionList)) {
			add(programOf(match[2]), line, 'a command list');
		}
	}

	return [...calls.values()];
}
