// The Python minor version to build with, and where it came from.

/** Minors with current official images, oldest first: a requires-python range picks the newest that fits. */
export const supportedMinors = ['3.10', '3.11', '3.12', '3.13', '3.14'];

/**
 * Minors with an official `python:X.Y-slim` image on Docker Hub, oldest first: the only values
 * `--python` accepts, since any other makes the first FROM fail. Checked 2026-12-01 (3.8 and 3.9
 * are past end of life but their images are still published; 3.15 has no release image yet).
 */
export const imageMinors = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'] as const;

/**
 * Used when the project says nothing. 3.11 rather than the newest because it is the
 * version this tool's own test machines have base images for.
 */
export const defaultPython = {version: '3.11', source: 'default'};

type Version = [number, number, number];

function parseVersion(text: string): Version | null {
	const match = /^(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?/.exec(text.trim());
	if (!match) {
		return null;
	}

	const part = (value: string | undefined) => (value === undefined || value === '*' ? 0 : Number(value));
	return [Number(match[1]), part(match[2]), part(match[3])];
}

function compare(a: Version, b: Version): number {
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function segments(text: string): number {
	return text.trim().replace(/\.\*$/, '').split('.').length;
}

/** Whether `version` satisfies one clause: `>=3.9`, `<3.13`, `==3.11.*`, `~=3.10`, `^3.10`, `~3.10`, `3.11`. */
function satisfiesClause(version: Version, clause: string): boolean {
	const match = /^(===|==|!=|~=|<=|>=|<|>|\^|~)?\s*v?([\d.*]+)$/.exec(clause.trim());
	if (!match) {
		return true;
	}

	const [, op = '==', text] = match;
	const bound = parseVersion(text);
	if (!bound) {
		return true;
	}

	const wildcard = text.endsWith('*');
	const upperOf = (count: number): Version => (count <= 1 ? [bound[0] + 1, 0, 0] : count === 2 ? [bound[0], bound[1] + 1, 0] : [bound[0], bound[1], bound[2] + 1]);
	switch (op) {
		case '==':
		case '===': {
			if (wildcard || segments(text) < 3) {
				// `==3.11` means 3.11.0 exactly in PEP 440, but as a Pipfile/.python-version pin it means the 3.11 series.
				return compare(version, bound) >= 0 && compare(version, upperOf(segments(text))) < 0;
			}

			return compare(version, bound) === 0;
		}

		case '!=':
			return wildcard ? !(compare(version, bound) >= 0 && compare(version, upperOf(segments(text))) < 0) : compare(version, bound) !== 0;
		case '>=':
			return compare(version, bound) >= 0;
		case '>':
			return compare(version, bound) > 0;
		case '<=':
			return compare(version, bound) <= 0;
		case '<':
			return compare(version, bound) < 0;
		case '~=':
			return compare(version, bound) >= 0 && compare(version, upperOf(segments(text) - 1)) < 0;
		case '^': {
			const count = bound[0] > 0 ? 1 : bound[1] > 0 ? 2 : 3;
			return compare(version, bound) >= 0 && compare(version, upperOf(count)) < 0;
		}

		case '~':
			return compare(version, bound) >= 0 && compare(version, upperOf(Math.max(2, segments(text)))) < 0;
		default:
			return true;
	}
}

/** Whether some release of `minor` (e.g. '3.11') satisfies a specifier (PEP 440 or Poetry, with `,` and `||`). */
export function minorSatisfies(minor: string, spec: string): boolean {
	const [major, minorNumber] = minor.split('.').map(Number);
	const alternatives = spec.split('||');
	for (let patch = 0; patch <= 30; patch++) {
		const version: Version = [major, minorNumber, patch];
		const ok = alternatives.some(alternative =>
			alternative
				.split(/,|\s+(?=[<>=!~^])/)
				.map(clause => clause.trim())
				.filter(clause => clause !== '' && clause !== '*')
				.every(clause => satisfiesClause(version, clause)),
		);
		if (ok) {
			return true;
		}
	}

	return false;
}

/** The newest supported minor satisfying a range, or null when none does. */
export function newestSatisfying(spec: string): string | null {
	for (const minor of [...supportedMinors].reverse()) {
		if (minorSatisfies(minor, spec)) {
			return minor;
		}
	}

	return null;
}

/** `3.11.4` -> `3.11`; `python-3.12.1` -> `3.12`; `pypy3.10` -> null (not CPython); `3` -> null. */
export function minorOf(text: string): string | null {
	const trimmed = text.trim().replace(/^python-?/i, '');
	const match = /^(\d+)\.(\d+)/.exec(trimmed);
	return match ? `${match[1]}.${match[2]}` : null;
}

/** The Python minor in an image reference like `python:3.11-slim`, `python:3.12.4-alpine3.20`. */
export function minorFromImage(image: string): string | null {
	const match = /(?:^|\/)python:(\d+\.\d+)/.exec(image);
	return match ? minorOf(match[1]) : null;
}
