// Requirements whose markers shut out the Python the image runs: pip skips each one silently,
// so the image builds and the app fails at import (no gunicorn, no Flask).
import {excludedByMarkers, oldestAllowed} from '../analysis/python-markers.js';
import type {ProjectReport} from '../types.js';

export type MarkerProblem = {message: string; fix: string; file: string; line: number | null};

/** What goes wrong on `minor` (where: `the proposed image`, `FROM python:3.11-slim`), or null when every requirement installs. */
export function markerProblem(report: ProjectReport, minor: string, where: string): MarkerProblem | null {
	const packages = report.dependencies.packages;
	const skipped = excludedByMarkers(packages, minor);
	const first = skipped[0];
	if (!first) return null;
	const needed = oldestAllowed(skipped);
	const all = skipped.length === packages.length;
	const names = skipped.slice(0, 3).map(pkg => pkg.name).join(', ') + (skipped.length > 3 ? '...' : '');
	return {
		message: `${all ? 'All ' : ''}${skipped.length} of ${packages.length} requirements (${names}) carry markers that exclude Python ${minor} (\`${first.marker}\`): on ${where} pip skips ${skipped.length === 1 ? 'it' : 'them'} without an error, and the app fails at start.`,
		fix: `${needed ? `Use Python ${needed} (dockwiz --python ${needed}, or FROM python:${needed}-slim)` : 'Use a Python the markers allow'}, or drop the markers from ${first.file} (export the requirements for the Python the image runs).`,
		file: first.file,
		line: first.line ?? null,
	};
}

export function pythonMarkerWarnings(report: ProjectReport, python: string): string[] {
	const problem = markerProblem(report, python, `Python ${python}`);
	return problem ? [`${problem.message} ${problem.fix}`] : [];
}
