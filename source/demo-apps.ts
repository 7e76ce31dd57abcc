// The bundled demos `--demo [NAME]` chooses from: each a folder name and the app's own files
// (demo.ts writes them with the same clutter around). `--demo` alone is the Flask one.
import {demoProjectFiles} from './demo-project.js';
import {djangoDemoFiles} from './demo-django.js';
import {fastapiDemoProjectFiles} from './demo-fastapi-project.js';
import type {ProjectFile} from './types.js';

export type DemoApp = {folder: string; files: ProjectFile[]};

export const demoApps: Record<string, DemoApp> = {
	flask: {folder: 'flask-demo', files: demoProjectFiles},
	fastapi: {folder: 'fastapi-demo', files: fastapiDemoProjectFiles},
	django: {folder: 'django-demo', files: djangoDemoFiles},
};

export const defaultDemoApp = 'flask';

export function demoAppNames(): string[] {
	return Object.keys(demoApps);
}
