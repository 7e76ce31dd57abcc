import {lastMatch, type FailureRule} from './hint.js';

// "libpq.so.5: cannot open shared object file", "cannot load library 'libgobject-2.0-0'", "no library called "cairo-2" was found",
// "failed to find libmagic" (python-magic's own wording).
// The look-behind starts a name only where one starts: a long run of name characters is scanned once, not once per character.
const cannotOpen = /(?<![\w+.-])([\w+.-]+\.so(?:\.[\d.]+)?): cannot open shared object file/;
const cannotLoad = /cannot load library '([^']+)'/;
const noLibraryCalled = /no library called "([^"]+)" was found/;
const failedToFind = /failed to find (lib\w+)/;

/**
 * Debian 12 (bookworm) runtime packages by library stem: the name without `.so`, its version and a trailing `-N`.
 * Only runtime packages: the final image needs the library, not its headers.
 */
export const debianPackageOfLibrary: Record<string, string> = {
	libpq: 'libpq5',
	libmagic: 'libmagic1',
	'libpango-1.0': 'libpango-1.0-0',
	'libpangoft2-1.0': 'libpangoft2-1.0-0',
	'libpangocairo-1.0': 'libpangocairo-1.0-0',
	libcairo: 'libcairo2',
	'libgobject-2.0': 'libglib2.0-0',
	'libglib-2.0': 'libglib2.0-0',
	'libgthread-2.0': 'libglib2.0-0',
	'libgio-2.0': 'libglib2.0-0',
	'libgdk_pixbuf-2.0': 'libgdk-pixbuf-2.0-0',
	libgl: 'libgl1',
	libegl: 'libegl1',
	libsm: 'libsm6',
	libxext: 'libxext6',
	libxrender: 'libxrender1',
	libxml2: 'libxml2',
	libxslt: 'libxslt1.1',
	libexslt: 'libxslt1.1',
	libjpeg: 'libjpeg62-turbo',
	libpng16: 'libpng16-16',
	libtiff: 'libtiff6',
	libwebp: 'libwebp7',
	libmariadb: 'libmariadb3',
	libgomp: 'libgomp1',
	libsqlite3: 'libsqlite3-0',
	libffi: 'libffi8',
	libssl: 'libssl3',
	libcrypto: 'libssl3',
	libz: 'zlib1g',
	'libstdc++': 'libstdc++6',
	libgfortran: 'libgfortran5',
	libopenblas: 'libopenblas0',
	'libyaml-0': 'libyaml-0-2',
	libharfbuzz: 'libharfbuzz0b',
	libfontconfig: 'libfontconfig1',
	libfreetype: 'libfreetype6',
	libxmlsec1: 'libxmlsec1',
	libcurl: 'libcurl4',
	libzbar: 'libzbar0',
	libgeos_c: 'libgeos-c1v5',
};

/** The table's key for a library as a loader names it: `libpq.so.5`, `libgobject-2.0-0`, `cairo-2`, `libGL.so.1`. */
export function libraryStem(name: string): string {
	let stem = name.toLowerCase().replace(/\.so(\.[\d.]+)?$/, '');
	if (!stem.startsWith('lib')) stem = `lib${stem}`;
	if (debianPackageOfLibrary[stem]) return stem;
	// cffi names carry the soname's version as `-0` / `-2`.
	return stem.replace(/-\d+$/, '');
}

export const fh004: FailureRule = {
	id: 'FH004',
	title: 'A shared library a package needs is missing from the image',
	fix: 'Install the Debian package that provides it in the final stage: `RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*`.',
	phases: ['build', 'smoke'],
	examples: {
		bad: [
			{
				phase: 'smoke',
				exitCode: 3,
				log: [
					'  File "/opt/venv/lib/python3.11/site-packages/psycopg2/__init__.py", line 51, in <module>',
					'    from psycopg2._psycopg import (                     # noqa',
					'ImportError: libpq.so.5: cannot open shared object file: No such file or directory',
				].join('\n'),
				names: ['libpq.so.5', 'libpq5'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/opt/venv/lib/python3.11/site-packages/weasyprint/text/ffi.py", line 464, in _dlopen',
					'    return ffi.dlopen(names[0])  # pragma: no cover',
					"OSError: cannot load library 'libgobject-2.0-0': libgobject-2.0-0: cannot open shared object file: No such file or directory.  Additionally, ctypes.util.find_library() did not manage to locate a library called 'libgobject-2.0-0'",
				].join('\n'),
				names: ['libglib2.0-0'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: [
					'  File "/opt/venv/lib/python3.11/site-packages/cv2/__init__.py", line 153, in bootstrap',
					'    native_module = importlib.import_module("cv2")',
					'ImportError: libGL.so.1: cannot open shared object file: No such file or directory',
				].join('\n'),
				names: ['libgl1'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: 'ImportError: failed to find libmagic.  Check your installation',
				names: ['libmagic1'],
			},
			{
				phase: 'smoke',
				exitCode: 1,
				log: 'OSError: libfoo-bar.so.7: cannot open shared object file: No such file or directory',
				names: ['libfoo-bar.so.7', 'apt-file'],
			},
		],
		good: [
			{
				phase: 'build',
				instruction: 'RUN apt-get update && apt-get install -y --no-install-recommends libpq5',
				exitCode: 100,
				log: 'Setting up libpq5:amd64 (15.8-0+deb12u1) ...\nE: Unable to locate package libfoo',
			},
		],
	},
	match({logTail}) {
		const found = lastMatch(logTail, cannotOpen) ?? lastMatch(logTail, cannotLoad) ?? lastMatch(logTail, noLibraryCalled) ?? lastMatch(logTail, failedToFind);
		if (!found) return null;
		const library = found.match[1];
		const debianPackage = debianPackageOfLibrary[libraryStem(library)];
		if (debianPackage) {
			return {
				message: `The image lacks the shared library ${library}.`,
				fix: `Install \`${debianPackage}\` in the final stage: \`apt-get install -y --no-install-recommends ${debianPackage}\`.`,
			};
		}

		return {
			message: `The image lacks the shared library ${library}.`,
			fix: `Install the Debian package that provides it in the final stage (\`apt-file search ${library}\` names it).`,
		};
	},
};
