import {decodeUtf8} from './project-files.js';

/** Python's codec names where TextDecoder knows them by another label. */
function pythonToWebEncoding(name: string): string {
	if (/^(latin-?1|iso-?8859-1|l1|cp819)$/.test(name)) {
		return 'latin1';
	}

	return name.replace(/^cp(125\d)$/, 'windows-$1').replace(/^iso8859-/, 'iso-8859-');
}

/** A PEP 263 declaration in the first two lines: `# -*- coding: latin-1 -*-`. */
function declaredEncoding(bytes: Buffer): string | null {
	const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n/).slice(0, 2);
	for (const line of head) {
		const match = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
		if (match) {
			return pythonToWebEncoding(match[1].toLowerCase().replace(/_/g, '-'));
		}
	}

	return null;
}

export type DecodedSource = {text: string} | {error: string};

/** A .py file's text as Python reads it: UTF-8 unless declared otherwise; binary files are refused. */
export function decodePythonSource(bytes: Buffer): DecodedSource {
	if (bytes.includes(0)) {
		return {error: 'is binary (it contains NUL bytes), not Python source'};
	}

	const encoding = declaredEncoding(bytes);
	if (encoding && !/^utf-?8(-sig)?$/.test(encoding)) {
		try {
			return {text: new TextDecoder(encoding, {fatal: true}).decode(bytes)};
		} catch {
			return {error: `is not valid in its declared encoding (${encoding})`};
		}
	}

	const text = decodeUtf8(bytes);
	return text === null ? {error: 'is not valid UTF-8 and declares no other encoding (PEP 263)'} : {text};
}
