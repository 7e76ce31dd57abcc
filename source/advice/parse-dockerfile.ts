import {DockerfileParser, type Instruction, type JSONInstruction, type ModifiableInstruction} from 'dockerfile-ast';

/** One instruction, flattened so rules can read it without knowing dockerfile-ast. */
export type ParsedInstruction = {
	/** Upper-cased keyword (`RUN`, `COPY`...). */
	keyword: string;
	/** 1-based line where the instruction starts. */
	line: number;
	/** Arguments after the flags, continuations joined. */
	args: string[];
	/** The argument text with continuations joined (heredoc bodies kept). */
	text: string;
	/** `--from=builder` -> {from: 'builder'}. */
	flags: Record<string, string | null>;
	/** Exec (JSON) form arguments, or null for the shell form. */
	exec: string[] | null;
	/** Index of the stage it belongs to; -1 for ARGs before the first FROM. */
	stage: number;
	/** 1-based line where it ends (continuations and heredoc bodies included). */
	endLine: number;
	/** Every `--mount=` value, in order (BuildKit allows several; `flags` keeps the last). */
	mounts: string[];
	/** Heredoc names the instruction opens (`RUN <<EOF`, `COPY <<CONF /etc/app.conf`). */
	heredocs: string[];
};

/** A comment line outside any instruction (a heredoc's body is not a comment). */
export type ParsedComment = {line: number; text: string};

export type ParsedStage = {
	index: number;
	/** The `AS name`, lower-cased. */
	name: string | null;
	/** The image after substituting global ARG defaults, e.g. `python:3.11-slim`. */
	image: string;
	fromLine: number;
	instructions: ParsedInstruction[];
};

export type ParsedDockerfile = {
	instructions: ParsedInstruction[];
	stages: ParsedStage[];
	/** ARGs declared before the first FROM, with their defaults. */
	globalArgs: Record<string, string>;
	directives: Record<string, string>;
	/** Number of lines in the text. */
	lineCount: number;
	/** Comments outside instructions, without their `#` (inline suppressions live here). */
	comments: ParsedComment[];
};

const knownKeywords = new Set([
	'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
	'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export function isKnownKeyword(keyword: string): boolean {
	return knownKeywords.has(keyword);
}

/** Substitutes `$NAME` and `${NAME}` (and `${NAME:-default}`) from the given variables. */
export function substitute(text: string, variables: Record<string, string>): string {
	return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
		const name = braced ?? bare ?? '';
		const value = variables[name];
		if (value !== undefined && value !== '') {
			return value;
		}

		return fallback ?? whole;
	});
}

function execForm(instruction: Instruction): string[] | null {
	const content = instruction.getArgumentsContent()?.trim() ?? '';
	if (!content.startsWith('[')) {
		return null;
	}

	try {
		const parsed: unknown = JSON.parse(content);
		if (Array.isArray(parsed) && parsed.every(item => typeof item === 'string')) {
			return parsed as string[];
		}
	} catch {
		// Not valid JSON: Docker runs it in the shell form, and so do we.
	}

	const strings = (instruction as JSONInstruction).getJSONStrings?.();
	return strings && strings.length > 0 && content.endsWith(']') ? strings.map(s => s.getJSONValue()) : null;
}

const heredocMarker = /<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

/** The heredoc names on an instruction's first line; BuildKit reads their bodies from the lines after. */
function heredocsOf(text: string): string[] {
	const firstLine = text.split('\n', 1)[0];
	return [...firstLine.matchAll(heredocMarker)].map(match => match[2]);
}

function mountsOf(instruction: Instruction): string[] {
	const getFlags = (instruction as ModifiableInstruction).getFlags;
	if (typeof getFlags !== 'function') return [];
	return getFlags.call(instruction).filter(flag => flag.getName().toLowerCase() === 'mount').map(flag => flag.getValue() ?? '');
}

function flagsOf(instruction: Instruction): Record<string, string | null> {
	const flags: Record<string, string | null> = {};
	const getFlags = (instruction as ModifiableInstruction).getFlags;
	if (typeof getFlags !== 'function') {
		return flags;
	}

	for (const flag of getFlags.call(instruction)) {
		flags[flag.getName().toLowerCase()] = flag.getValue();
	}

	return flags;
}

/** Parses any text; unknown or broken lines become instructions the rules can report. */
export function parseDockerfile(text: string): ParsedDockerfile {
	const document = DockerfileParser.parse(text);
	const directives: Record<string, string> = {};
	for (const directive of document.getDirectives()) {
		directives[directive.getName().toLowerCase()] = directive.getValue();
	}

	const globalArgs: Record<string, string> = {};
	const instructions: ParsedInstruction[] = [];
	const stages: ParsedStage[] = [];
	for (const instruction of document.getInstructions()) {
		const keyword = instruction.getKeyword().toUpperCase();
		const text = (instruction.getArgumentsContent() ?? '').trim();
		const heredocs = ['RUN', 'COPY', 'ADD'].includes(keyword) ? heredocsOf(text) : [];
		const parsed: ParsedInstruction = {
			keyword,
			line: instruction.getRange().start.line + 1,
			// A heredoc's body is not arguments: `COPY <<EOF /etc/app.conf` copies one inline file to one destination.
			args: heredocs.length > 0 && keyword !== 'RUN' ? text.split('\n', 1)[0].split(/\s+/).filter(word => word !== '' && !word.startsWith('--') && !/^<<-?["']?[A-Za-z_]/.test(word)) : instruction.getArguments().map(argument => argument.getValue()),
			text,
			flags: flagsOf(instruction),
			exec: ['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME'].includes(keyword) ? execForm(instruction) : null,
			stage: stages.length - 1,
			endLine: instruction.getRange().end.line + 1,
			mounts: mountsOf(instruction),
			heredocs,
		};
		if (keyword === 'FROM') {
			const image = substitute(parsed.args[0] ?? '', globalArgs);
			const asIndex = parsed.args.findIndex(argument => argument.toUpperCase() === 'AS');
			const name = asIndex > 0 ? parsed.args[asIndex + 1]?.toLowerCase() ?? null : null;
			stages.push({index: stages.length, name, image, fromLine: parsed.line, instructions: []});
			parsed.stage = stages.length - 1;
		} else if (keyword === 'ARG' && stages.length === 0) {
			for (const argument of parsed.args) {
				const [name, ...value] = argument.split('=');
				globalArgs[name] = value.join('=').replace(/^["']|["']$/g, '');
			}
		}

		instructions.push(parsed);
		stages.at(-1)?.instructions.push(parsed);
	}

	// From the lines, not the parser's comments: a comment on the first line may be read as a
	// parser directive there. Lines inside an instruction (a heredoc's body) are not comments.
	const comments: ParsedComment[] = [];
	for (const [index, raw] of text.split('\n').entries()) {
		const line = index + 1;
		const comment = /^\s*#(.*)$/.exec(raw);
		if (comment && !instructions.some(instruction => line > instruction.line && line <= instruction.endLine)) {
			comments.push({line, text: comment[1].trim()});
		}
	}

	return {instructions, stages, globalArgs, directives, lineCount: text.split('\n').length, comments};
}
