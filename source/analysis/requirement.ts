import type {PythonPackage} from '../types.js';

/** PEP 503 normalized name. */
export function normalizeName(name: string): string {
	return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export type ParsedRequirement = Omit<PythonPackage, 'file' | 'line'>;

const nameAndRest = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;
const specifier = /^(\(?\s*(?:(?:===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)+\)?)$/;

/** The name in a URL's `#egg=name` fragment, or the project in a wheel/sdist file name. */
function nameFromUrl(url: string): string | null {
	const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
	if (egg) {
		return egg[1];
	}

	const file = /\/([A-Za-z0-9][A-Za-z0-9._]*?)-\d[^/]*\.(?:whl|tar\.gz|zip)(?:[#?].*)?$/.exec(url);
	return file ? file[1] : null;
}

function isUrlOrPath(text: string): boolean {
	return /^(git\+|hg\+|svn\+|bzr\+|https?:|file:|ftp:)/.test(text) || /^(\.{1,2}(\/|$)|\/|~)/.test(text) || /^[^\s@]+\.(whl|tar\.gz|zip)$/.test(text);
}

/**
 * One PEP 508 requirement (as in requirements files and pyproject `dependencies`):
 * `name[extras] specifier ; marker`, `name @ url`, or a bare URL or path. Null when it
 * cannot be read.
 */
export function parseRequirement(text: string): ParsedRequirement | null {
	let body = text.trim();
	let marker: string | undefined;
	// A marker follows `;` (for URLs only after whitespace, since URLs may hold `;`).
	const semicolon = /\s;|;(?=\s*[a-z_]+\s*(==|!=|<|>|in\b|not\b))/.exec(body);
	if (semicolon) {
		marker = body.slice(semicolon.index + semicolon[0].length).trim();
		body = body.slice(0, semicolon.index + (semicolon[0].startsWith(';') ? 0 : 1)).replace(/;$/, '').trim();
	}

	const withMarker = marker ? {marker} : {};
	if (isUrlOrPath(body)) {
		// A local path names no project: its folder's name stands in for it.
		const name = nameFromUrl(body) ?? /([A-Za-z0-9][A-Za-z0-9._-]*)\/?$/.exec(body.replace(/^[a-z+]+:\/\//, ''))?.[1];
		return {name: name ? normalizeName(name) : body, spec: '', extras: [], url: body, ...withMarker};
	}

	const match = nameAndRest.exec(body);
	if (!match) {
		return null;
	}

	const extras = match[2] ? match[2].split(',').map(e => e.trim()).filter(Boolean) : [];
	const rest = match[3].trim();
	if (rest.startsWith('@')) {
		const url = rest.slice(1).trim();
		return url === '' ? null : {name: normalizeName(match[1]), spec: '', extras, url, ...withMarker};
	}

	if (rest !== '' && !specifier.test(rest)) {
		return null;
	}

	return {name: normalizeName(match[1]), spec: rest.replace(/^\(|\)$/g, '').replace(/\s+/g, ''), extras, ...withMarker};
}
