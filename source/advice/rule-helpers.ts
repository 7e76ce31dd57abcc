import type {NativeNeed} from '../types.js';
import type {ParsedInstruction, ParsedStage} from './parse-dockerfile.js';
import type {LintContext} from './rule.js';
import {splitCommands, type ShellCommand} from './shell.js';

// Helpers more than one rule (or the rules and the proposal) share; a rule's own helpers stay in its file.

export type RunCommand = {instruction: ParsedInstruction; command: ShellCommand};

/** Every simple command of every RUN (exec-form RUNs count as one command). */
export function runCommands(instructions: ParsedInstruction[]): RunCommand[] {
	const commands: RunCommand[] = [];
	for (const instruction of instructions) {
		if (instruction.keyword !== 'RUN') {
			continue;
		}

		const parts = instruction.exec ? [{words: instruction.exec, pipedOut: false}] : splitCommands(instruction.text);
		for (const command of parts) {
			commands.push({instruction, command});
		}
	}

	return commands;
}

export function finalStage(context: LintContext): ParsedStage | undefined {
	return context.parsed.stages.at(-1);
}

/** The instruction's shell-form words, or its exec form. */
export function wordsOf(instruction: ParsedInstruction): string[] {
	if (instruction.exec) {
		return instruction.exec;
	}

	return splitCommands(instruction.text).flatMap(command => command.words);
}

/** The command the final image runs: its ENTRYPOINT followed by its CMD. */
export function startCommand(stage: ParsedStage): {instruction: ParsedInstruction; words: string[]} | undefined {
	const entrypoint = stage.instructions.filter(instruction => instruction.keyword === 'ENTRYPOINT').at(-1);
	const cmd = stage.instructions.filter(instruction => instruction.keyword === 'CMD').at(-1);
	const instruction = cmd ?? entrypoint;
	if (!instruction) {
		return undefined;
	}

	const words = [...(entrypoint ? wordsOf(entrypoint) : []), ...(cmd ? wordsOf(cmd) : [])];
	return {instruction, words: words[0] === 'sh' && words[1] === '-c' ? splitCommands(words.slice(2).join(' ')).flatMap(command => command.words) : words};
}

export function imageName(image: string): {name: string; tag: string | null} {
	const withoutDigest = image.split('@')[0];
	const slash = withoutDigest.lastIndexOf('/');
	const colon = withoutDigest.lastIndexOf(':');
	if (colon > slash) {
		return {name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1)};
	}

	return {name: withoutDigest, tag: null};
}

/** Whether an image is a previous stage of this Dockerfile. */
export function isStageReference(context: LintContext, stage: ParsedStage): boolean {
	const image = stage.image.toLowerCase();
	return context.parsed.stages.some(other => other.index < stage.index && other.name === image);
}

/** All ENV names set in a stage and in the stages it builds on. */
export function envNames(context: LintContext, stage: ParsedStage): Set<string> {
	const names = new Set<string>();
	const parent = context.parsed.stages.find(other => other.index < stage.index && other.name === stage.image.toLowerCase());
	if (parent) {
		for (const name of envNames(context, parent)) {
			names.add(name);
		}
	}

	for (const instruction of stage.instructions) {
		if (instruction.keyword !== 'ENV') {
			continue;
		}

		if (instruction.args.length >= 2 && !instruction.args[0].includes('=')) {
			names.add(instruction.args[0]);
		} else {
			for (const argument of instruction.args) {
				names.add(argument.split('=')[0]);
			}
		}
	}

	return names;
}

/** The secret-looking names we warn about (PASSWORD, API_KEY, TOKEN...). */
export function looksSecretName(name: string): boolean {
	return /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i.test(name);
}

/** Paths that carry secrets when they reach an image. */
export function looksSecretPath(path: string): boolean {
	const base = path.replace(/\/+$/, '').split('/').at(-1) ?? '';
	if (/^\.env(\..+)?$/.test(base)) {
		return !/\.(example|sample|template|dist)$/.test(base);
	}

	return /^(id_rsa|id_ed25519|id_ecdsa|\.netrc|\.pypirc|credentials\.json|\.aws|\.ssh|secrets?\.(json|ya?ml|toml))$/.test(base) || /\.(pem|key|p12|pfx)$/.test(base);
}

export function isPythonImage(image: string): boolean {
	return /python/.test(imageName(image.toLowerCase()).name.split('/').at(-1) ?? '');
}

/** The external image a stage ultimately builds on. */
export function resolveBase(context: {parsed: {stages: Array<{index: number; name: string | null; image: string}>}}, index: number): string {
	const stage = context.parsed.stages[index];
	const parent = context.parsed.stages.find(other => other.index < index && other.name === stage.image.toLowerCase());
	return parent ? resolveBase(context, parent.index) : stage.image;
}

/** Packages that often have no musl wheel for a given version and then compile on Alpine. */
export const compilesOnMusl = new Set(['numpy', 'pandas', 'scipy', 'psycopg2', 'psycopg2-binary', 'lxml', 'cryptography', 'pillow', 'grpcio', 'uwsgi', 'mysqlclient', 'greenlet', 'gevent', 'orjson', 'pydantic-core', 'cffi', 'bcrypt', 'pyyaml', 'ujson', 'matplotlib', 'scikit-learn']);

/** The Python packages that compile (not the programs the code runs, nor the existing Dockerfile's packages). */
export function compiledNeeds(needs: NativeNeed[]): string[] {
	return needs.filter(need => (need.kind ?? 'package') === 'package' && need.buildPackages.length > 0).map(need => need.package);
}

export function muslCompiled(packages: string[], nativeNeeds: string[]): string[] {
	return [...new Set([...nativeNeeds, ...packages.filter(name => compilesOnMusl.has(name))])].sort();
}

/** Whether text looks like a binary file (NUL bytes, or mostly control characters). */
export function looksBinary(text: string): boolean {
	if (text.includes('\u0000')) {
		return true;
	}

	const sample = text.slice(0, 8192);
	let odd = 0;
	for (const char of sample) {
		const code = char.codePointAt(0) ?? 0;
		if ((code < 32 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0xFF_FD) {
			odd++;
		}
	}

	return sample.length > 0 && odd / sample.length > 0.1;
}

/** The folders a RUN mounts with BuildKit's `--mount=type=cache` or `type=tmpfs`: what is written there never reaches the layer. */
export function scratchMountTargets(instruction: ParsedInstruction): string[] {
	const targets: string[] = [];
	for (const mount of instruction.mounts) {
		const options = new Map(mount.split(',').map(part => {
			const [key, ...value] = part.split('=');
			return [key.trim().toLowerCase(), value.join('=').trim()] as const;
		}));
		const type = options.get('type') ?? 'bind';
		const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
		if ((type === 'cache' || type === 'tmpfs') && target) targets.push(target.replace(/\/+$/, '') || '/');
	}

	return targets;
}

/**
 * The name/value pairs an ENV or ARG sets, in both spellings: `ENV NAME value words` (the old
 * one-pair form) and `ENV A=1 B=2` / `ARG NAME[=default]` (an ARG without default has value '').
 */
export function assignedPairs(instruction: ParsedInstruction): Array<[string, string]> {
	if (instruction.keyword === 'ENV' && instruction.args.length >= 2 && !instruction.args[0].includes('=')) {
		return [[instruction.args[0], instruction.args.slice(1).join(' ')]];
	}

	return instruction.args.map(argument => {
		const [name, ...value] = argument.split('=');
		return [name, value.join('=')];
	});
}
