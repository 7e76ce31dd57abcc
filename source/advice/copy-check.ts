// Every file the proposed Dockerfile copies by name must be in the build context, or the build
// stops at that COPY ("file not found"): a file that does not exist, a dangling link, a link out
// of the project, or a file the proposed .dockerignore still excludes is left out, with a warning.
import path from 'node:path/posix';
import {localRequirementFolder} from '../analysis/local-package-needs.js';
import type {ProjectReport} from '../types.js';
import {ignoredFiles} from './dockerignore.js';

export type LeftOut = {file: string; why: string};

/** The copied names that COPY would not find, each with the reason. Unchecked names (no `namedFiles`) pass. */
export function uncopyable(report: ProjectReport, copied: string[], dockerignoreText: string): LeftOut[] {
	const leftOut: LeftOut[] = [];
	const excluded = new Set(ignoredFiles(dockerignoreText, copied.map(file => file.replace(/\/$/, ''))));
	for (const file of copied) {
		const kind = report.namedFiles?.[file];
		if (kind !== undefined && kind !== 'file') {
			leftOut.push({file, why: kind === 'missing' ? 'it does not exist' : kind === 'outside' ? 'it is a link that points outside the project' : kind === 'dangling link' ? 'it is a link to a file that does not exist' : `it is ${kind === 'folder' ? 'a folder' : 'not a regular file'}`});
		} else if (excluded.has(file.replace(/\/$/, ''))) {
			leftOut.push({file, why: 'the proposed .dockerignore excludes it'});
		}
	}

	return leftOut;
}

/** The report without the left-out files, so that the proposal neither copies nor installs from them. */
export function withoutFiles(report: ProjectReport, leftOut: LeftOut[]): ProjectReport {
	const gone = new Set(leftOut.map(entry => entry.file));
	return {
		...report,
		dependencies: {
			...report.dependencies,
			files: report.dependencies.files.filter(file => !gone.has(file)),
			packages: report.dependencies.packages.filter(item => {
				const folder = localRequirementFolder(item);
				return folder === null || !gone.has(`${path.normalize(folder)}/`);
			}),
		},
	};
}

export function leftOutWarning(leftOut: LeftOut[]): string {
	const list = leftOut.map(entry => `${JSON.stringify(entry.file)} (${entry.why})`).join(', ');
	return `The proposed Dockerfile does not copy ${list}: COPY would stop the build with "file not found". Add the file to the project as a regular file (not a link) and keep it out of .dockerignore, or remove what names it; the install uses the remaining dependency files.`;
}
