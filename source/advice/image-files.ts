// A model of where a Dockerfile puts the project's files, so relative paths in RUN and
// CMD can be checked before anything is built (the classic `COPY . /app` without WORKDIR).
import path from 'node:path/posix';
import type {ProjectReport} from '../types.js';
import type {ParsedInstruction, ParsedStage} from './parse-dockerfile.js';
import {substitute} from './parse-dockerfile.js';
import {imageName} from './rule-helpers.js';
import type {LintContext} from './rule.js';

export type StageFiles = {
	/** Absolute paths of the project files placed in the image so far. */
	files: Set<string>;
	/** Folders whose content we cannot know (COPY --from, globs, URLs). */
	opaque: string[];
};

/** Append-only record shared by the steps of a walk; each step sees a prefix of it. */
type FileLog = {files: string[]; opaque: string[]; folders: Set<string>};

/** Records a folder and its parents (WORKDIR makes them all). */
function addFolder(files: FileLog, folder: string): void {
	for (let current = folder; current !== '/' && !files.folders.has(current); current = path.dirname(current)) {
		files.folders.add(current);
	}
}

export type WalkStep = {instruction: ParsedInstruction; cwd: string; workdirSet: boolean; readonly files: StageFiles};

/** Files we know are in the build context. */
export function contextFiles(report: ProjectReport): string[] {
	const all = new Set<string>([...report.sourceFiles, ...report.dependencies.files, ...report.context.largest.map(entry => entry.path)]);
	return [...all].map(file => file.replace(/^\.\//, '')).filter(file => file !== '');
}

/** Base images whose default working directory is `/` (so an unset WORKDIR means `/`). */
export function knownBase(image: string): boolean {
	const {name} = imageName(image.toLowerCase());
	return /(^|\/)(python|ubuntu|debian|alpine|busybox|scratch|distroless\/python3[\w-]*|distroless\/base[\w-]*)$/.test(name) || name === 'scratch';
}

function isGlob(source: string): boolean {
	return /[*?[]/.test(source);
}

function applyCopy(instruction: ParsedInstruction, cwd: string, files: FileLog, context: string[]): void {
	const args = instruction.exec ?? instruction.args;
	if (args.length < 2) {
		return;
	}

	const sources = args.slice(0, -1);
	const rawDestination = args.at(-1) ?? '.';
	const destination = path.resolve(cwd, rawDestination);
	// An existing folder (made by WORKDIR or an earlier COPY) takes a file inside it, as Docker does.
	const intoFolder = rawDestination.endsWith('/') || rawDestination === '.' || sources.length > 1 || files.folders.has(destination);
	if (instruction.flags.from !== undefined || instruction.keyword === 'ADD') {
		files.opaque.push(destination);
		return;
	}

	for (const source of sources) {
		const clean = path.normalize(source).replace(/^\/+/, '').replace(/\/+$/, '');
		if (isGlob(source)) {
			files.opaque.push(destination);
			continue;
		}

		if (clean === '.' || clean === '') {
			addFolder(files, destination);
			for (const file of context) {
				files.files.push(path.join(destination, file));
			}

			continue;
		}

		const inside = context.filter(file => file.startsWith(clean + '/'));
		if (inside.length > 0) {
			addFolder(files, destination);
			for (const file of inside) {
				files.files.push(path.join(destination, file.slice(clean.length + 1)));
			}
		} else {
			files.files.push(intoFolder ? path.join(destination, path.basename(clean)) : destination);
		}
	}
}

/** Walks a stage instruction by instruction: the working directory and the files so far. */
export function walkStage(context: LintContext, stage: ParsedStage): WalkStep[] {
	const parent = context.parsed.stages.find(other => other.index < stage.index && other.name === stage.image.toLowerCase());
	let cwd = '/';
	let workdirSet = false;
	const files: FileLog = {files: [], opaque: [], folders: new Set()};
	if (parent) {
		const last = walkStage(context, parent).at(-1);
		if (last) {
			({cwd, workdirSet} = last);
			files.files.push(...last.files.files);
			files.opaque.push(...last.files.opaque);
			addFolder(files, last.cwd);
		}
	} else if (!knownBase(stage.image)) {
		// An unknown base may set its own WORKDIR and ship files: nothing can be said.
		workdirSet = true;
		files.opaque.push('/');
	}

	const known = contextFiles(context.report);
	const steps: WalkStep[] = [];
	const variables: Record<string, string> = {...context.parsed.globalArgs};
	for (const instruction of stage.instructions) {
		if (instruction.keyword === 'WORKDIR') {
			cwd = path.resolve(cwd, substitute(instruction.args.join(' '), variables));
			workdirSet = true;
			addFolder(files, cwd);
		} else if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
			for (const argument of instruction.args) {
				const [name, ...value] = argument.split('=');
				variables[name] = value.join('=');
			}
		} else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
			applyCopy(instruction, cwd, files, known);
		}

		// Snapshots are built only when a rule asks: copying them at every step is quadratic.
		const fileCount = files.files.length;
		const opaqueCount = files.opaque.length;
		let snapshot: StageFiles | undefined;
		steps.push({
			instruction,
			cwd,
			workdirSet,
			get files() {
				snapshot ??= {files: new Set(files.files.slice(0, fileCount)), opaque: files.opaque.slice(0, opaqueCount)};
				return snapshot;
			},
		});
	}

	return steps;
}

export function existsIn(files: StageFiles, absolute: string): boolean {
	if (files.files.has(absolute) || files.opaque.some(folder => absolute === folder || absolute.startsWith(folder === '/' ? '/' : folder + '/'))) {
		return true;
	}

	for (const file of files.files) {
		if (file.startsWith(absolute + '/')) {
			return true;
		}
	}

	return false;
}

/** Where a project file ended up in the image, for a message that says what to fix. */
export function whereIs(files: StageFiles, relative: string): string | undefined {
	for (const file of files.files) {
		if (file.endsWith('/' + relative)) {
			return file;
		}
	}

	return undefined;
}
