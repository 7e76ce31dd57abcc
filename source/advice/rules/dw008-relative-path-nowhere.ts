import path from 'node:path/posix';
import type {Rule, RuleHit} from '../rule.js';
import {contextFiles, existsIn, walkStage, whereIs, type StageFiles} from '../image-files.js';
import {startCommand} from '../rule-helpers.js';
import {pipInstallArgs, splitCommands} from '../shell.js';

/** Relative project files a command needs: `-r requirements.txt`, `python app.py`, gunicorn's `app:app`. */
function neededFiles(words: string[]): string[] {
	const needed: string[] = [];
	const program = (words[0] ?? '').split('/').at(-1) ?? '';
	const pip = pipInstallArgs({words, pipedOut: false});
	if (pip) {
		for (let index = 0; index < pip.length; index++) {
			if (pip[index] === '-r' || pip[index] === '--requirement') {
				needed.push(pip[index + 1] ?? '');
			} else if (pip[index].startsWith('-r') && pip[index].length > 2) {
				needed.push(pip[index].slice(2));
			}
		}
	} else if (/^python[\d.]*$/.test(program)) {
		const script = words.slice(1).find(word => !word.startsWith('-'));
		if (script?.endsWith('.py') && words[1] !== '-m' && words[1] !== '-c') {
			needed.push(script);
		}
	} else if (program === 'gunicorn') {
		const withValue = new Set(['-b', '--bind', '-w', '--workers', '-k', '--worker-class', '-c', '--config', '--chdir', '-t', '--timeout', '--threads', '--log-level', '-e', '--env']);
		if (words.some(word => word === '--chdir' || word.startsWith('--chdir=') || word.startsWith('--pythonpath'))) {
			return [];
		}

		const target = words.slice(1).find((word, index, rest) => !word.startsWith('-') && !withValue.has(rest[index - 1] ?? ''));
		if (target && /^[A-Za-z_][\w.]*:/.test(target)) {
			needed.push(target.split(':')[0].replaceAll('.', '/') + '.py');
		}
	}

	return needed.filter(file => file !== '' && !file.startsWith('/') && !file.includes('$'));
}

function check(files: StageFiles, cwd: string, file: string, known: string[], line: number, what: string): RuleHit | undefined {
	const normalized = path.normalize(file);
	const alternative = normalized.endsWith('.py') ? normalized.slice(0, -3) + '/__init__.py' : undefined;
	const isProjectFile = known.includes(normalized) || (alternative !== undefined && known.includes(alternative));
	if (!isProjectFile || existsIn(files, path.resolve(cwd, normalized)) || (alternative && existsIn(files, path.resolve(cwd, alternative)))) {
		return undefined;
	}

	const actual = whereIs(files, normalized) ?? (alternative ? whereIs(files, alternative) : undefined);
	const folder = actual ? path.dirname(actual) : undefined;
	const hint = actual && folder
		? (/\.\w+$/.test(folder)
			? `the project was copied into a folder named ${path.basename(folder)} (${folder}): copy it into a folder with \`WORKDIR /app\` and \`COPY . .\``
			: `${normalized} was copied to ${actual}: set \`WORKDIR ${folder}\` before the COPY`)
		: `${normalized} was never copied into the image: COPY it first`;
	return {line, message: `${what} runs in ${cwd} and needs ${normalized}, which is not there, so it fails: ${hint}`, fix: hint.charAt(0).toUpperCase() + hint.slice(1)};
}

export const dw008: Rule = {
	id: 'DW008',
	severity: 'error',
	title: 'A relative path points nowhere',
	why: 'Relative paths resolve against WORKDIR; when the file was copied elsewhere the build (or the container start) fails, after minutes of building.',
	fix: 'Set `WORKDIR /app` before copying, so the files and the commands meet in the same folder.',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11\nCOPY . /app\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
		good: 'FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
	},
	check(context) {
		const known = contextFiles(context.report);
		const hits: RuleHit[] = [];
		const last = context.parsed.stages.at(-1);
		for (const stage of context.parsed.stages) {
			const steps = walkStage(context, stage);
			for (const step of steps) {
				if (step.instruction.keyword !== 'RUN') {
					continue;
				}

				const commands = step.instruction.exec ? [step.instruction.exec] : splitCommands(step.instruction.text).map(command => command.words);
				if (commands.some(words => (words[0] ?? '').split('/').at(-1) === 'cd')) {
					continue;
				}

				for (const words of commands) {
					for (const file of neededFiles(words)) {
						const hit = check(step.files, step.cwd, file, known, step.instruction.line, `\`${words.slice(0, 4).join(' ')}\``);
						if (hit) {
							hits.push(hit);
						}
					}
				}
			}

			const start = stage === last ? startCommand(stage) : undefined;
			const final = steps.at(-1);
			if (start && final) {
				for (const file of neededFiles(start.words)) {
					const hit = check(final.files, final.cwd, file, known, start.instruction.line, `The command \`${start.words.join(' ')}\``);
					if (hit) {
						hits.push(hit);
					}
				}
			}
		}

		return hits;
	},
};
