import type {Evidence, Framework, PythonPackage, WsgiCandidate} from '../types.js';
import type {ModuleFacts} from './python-module.js';

export type FrameworkDecision = {framework: Framework; evidence: Evidence[]};

function dependencyEvidence(packages: PythonPackage[], name: string): Evidence[] {
	return packages
		.filter(pkg => pkg.name === name)
		.map(pkg => ({file: pkg.file, ...(pkg.line ? {line: pkg.line} : {}), detail: `${name} is a dependency`}));
}

/**
 * Flask when a Flask app or factory is found in the code (or Flask is a dependency);
 * otherwise the framework that was found, with its evidence, so the caller can say that
 * Flask is what dockwiz supports today. frameworkEvidence always lists the non-Flask
 * frameworks seen, even next to a Flask app.
 */
export function decideFramework(modules: ModuleFacts[], packages: PythonPackage[], candidates: WsgiCandidate[]): FrameworkDecision {
	const django = [...modules.flatMap(m => m.django), ...dependencyEvidence(packages, 'django')];
	// Starlette apps are served the same way (ASGI): they count as FastAPI's kind.
	const fastapi = [...modules.flatMap(m => [...m.fastapi, ...m.asgi.starlette]), ...dependencyEvidence(packages, 'fastapi'), ...dependencyEvidence(packages, 'starlette')];
	const others = [...django, ...fastapi].slice(0, 10);
	const flaskInCode = candidates.some(c => c.kind !== 'hint') || modules.some(m => m.flaskImported);
	const flaskDependency = packages.some(pkg => pkg.name === 'flask' || pkg.name === 'apiflask');

	if (flaskInCode || (flaskDependency && django.length === 0 && fastapi.length === 0)) {
		return {framework: 'flask', evidence: others};
	}

	if (django.length > 0 && django.length >= fastapi.length) {
		return {framework: 'django', evidence: django.slice(0, 10)};
	}

	if (fastapi.length > 0) {
		return {framework: 'fastapi', evidence: fastapi.slice(0, 10)};
	}

	return {framework: 'unknown', evidence: []};
}
