import type {ProjectReport} from '../types.js';
import {defaultAsgiTarget} from './choices.js';

/**
 * The naive *before* of an ASGI app, as the FastAPI tutorial's first Dockerfile runs it: the
 * full image, code copied before the install, root, and `uvicorn main:app --host 0.0.0.0`
 * on the app's port (told where to listen, so that the measured comparison has an answer).
 */
export function naiveAsgiBaseline(report: ProjectReport, python: string, install: string): string {
	const target = report.asgiTarget ?? report.wsgiCandidates[0]?.target ?? defaultAsgiTarget;
	const candidate = report.wsgiCandidates.find(item => item.target === target);
	const call = /^([\w.]+:\w+)\(.*\)$/.exec(target);
	const hasUvicorn = report.dependencies.packages.some(item => item.name === 'uvicorn' || (item.name === 'fastapi' && item.extras.some(extra => extra === 'standard' || extra === 'all')));
	const words = [
		'uvicorn',
		call ? call[1] : target,
		...(call ? ['--factory'] : []),
		...(candidate?.chdir ? ['--app-dir', candidate.chdir] : []),
		'--host', '0.0.0.0', '--port', String(report.port),
	];
	return [
		`FROM python:${python}`,
		'WORKDIR /app',
		'COPY . .',
		`RUN ${install}${hasUvicorn || install.includes('uvicorn') ? '' : ' && pip install uvicorn'}`,
		`EXPOSE ${report.port}`,
		`CMD [${words.map(word => JSON.stringify(word)).join(', ')}]`,
	].join('\n') + '\n';
}
