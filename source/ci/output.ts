// The document a run writes on stdout for --json and --format: one renderer per format, over
// the same report. The plain summary (text) stays in report/plain.ts.

import {renderMarkdown} from '../report/markdown.js';
import type {DockwizReport, EngineInfo, OutputFormat} from '../types.js';
import {renderGithubAnnotations} from './github-annotations.js';
import {renderSarif} from './sarif.js';

export type DocumentMeta = {date: string; engine?: EngineInfo; pathPrefix?: string};

/** The document for a format other than text. */
export function renderDocument(format: Exclude<OutputFormat, 'text'>, report: DockwizReport, meta: DocumentMeta): string {
	switch (format) {
		case 'json': {
			return `${JSON.stringify(report, null, 2)}\n`;
		}

		case 'sarif': {
			return renderSarif(report, {pathPrefix: meta.pathPrefix});
		}

		case 'github': {
			return renderGithubAnnotations(report, meta.pathPrefix);
		}

		case 'markdown': {
			return renderMarkdown(report, {date: meta.date, engine: meta.engine});
		}
	}
}

/** The project's folder relative to a GitHub Actions checkout ($GITHUB_WORKSPACE), with a trailing slash; '' outside one. */
export function workspacePrefix(root: string, workspace: string | undefined, relative: (from: string, to: string) => string): string {
	if (!workspace) return '';
	const inside = relative(workspace, root).replaceAll('\\', '/');
	if (inside === '' || inside.startsWith('..') || inside.startsWith('/')) return '';
	return `${inside}/`;
}
