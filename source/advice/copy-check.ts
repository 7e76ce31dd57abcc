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

/** `includesLeft`: a requirements file still copied may name a left-out one in a `-r`/`-c` line. */
export function leftOutWarning(leftOut: LeftOut[], includesLeft: boolean): string {
	const list = leftOut.map(entry => `${JSON.stringify(entry.file)} (${entry.why})`).join(', ');
	const fixes = [
		...(leftOut.some(entry => entry.why.includes('.dockerignore')) ? ['rename a file the proposed .dockerignore must exclude as a likely secret (.env*, *.key...), or give it a name a .dockerignore line can hold'] : []),
		...(leftOut.some(entry => !entry.why.includes('.dockerignore')) ? ['put a regular file (not a link) at that path inside the project, or remove what names it'] : []),
	];
	const pip = includesLeft ? ' Until then a `-r`/`-c` line that names it fails the pip install.' : '';
	return `The proposed Dockerfile does not copy ${list}: COPY would stop the build with "file not found". To use it, ${fixes.join('; ')}.${pip}`;
}
