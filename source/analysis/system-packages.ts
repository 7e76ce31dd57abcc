// The maintained table from Python distributions to the Debian 12 (bookworm) packages they
// need: `build` to compile them when pip has no wheel (builder stage only), `runtime` for
// what the installed package loads or runs (runtime stage). Names are checked against
// bookworm's archive; the official python:*-slim images are bookworm.
//
// `wheelsSince` is the first release with manylinux x86_64 wheels for each CPython minor:
// a requirement that can only resolve older than that compiles from source. Where the exact
// release was uncertain the later one is written: a needless compiler in the builder costs
// seconds, a missing one fails the build. The same figures tell which Python a pinned lock
// can install on (python-version.ts).
//
// `build-essential` rather than `gcc`: with --no-install-recommends, gcc comes without
// libc6-dev and cannot compile anything.

export type SystemPackageEntry = {
	/** PEP 503 names. */
	names: string[];
	/** What the distribution is, and why it needs these packages (shown in the proposal). */
	reason: string;
	build: string[];
	runtime: string[];
	/** Absent: never published as Linux wheels, always compiled (when `build` is not empty). */
	wheelsSince?: Record<string, string>;
	/** The runtime packages are needed even from a wheel (the wheel does not bundle the library, or the package runs a program). */
	runtimeFromWheel?: boolean;
	/** Extra condition on the requirement (its extras). */
	when?: (extras: string[]) => boolean;
	/** Only releases older than this (WeasyPrint's Cairo era). */
	before?: string;
	/** Only this release and later (checked against exact pins; an earlier `before` entry takes ranges). */
	since?: string;
};

const compile = ['build-essential'];
const weasyprintPango = ['libpango-1.0-0', 'libpangoft2-1.0-0', 'libharfbuzz-subset0', 'fonts-dejavu-core'];

export const systemPackageTable: SystemPackageEntry[] = [
	// ---- databases
	{names: ['psycopg2'], reason: 'psycopg2 compiles against libpq (psycopg2-binary is the wheel) and loads libpq at import', build: [...compile, 'libpq-dev'], runtime: ['libpq5']},
	{
		names: ['psycopg2-binary'],
		reason: 'this psycopg2-binary has no wheel for this Python, so it compiles against libpq and loads it at import',
		build: [...compile, 'libpq-dev'],
		runtime: ['libpq5'],
		wheelsSince: {'3.10': '2.9.2', '3.11': '2.9.5', '3.12': '2.9.9', '3.13': '2.9.10', '3.14': '2.9.11'},
	},
	// psycopg 3 is pure Python over the system libpq unless [binary] (bundled) or [c] (compiled).
	{names: ['psycopg'], reason: 'psycopg (3) without the [binary] extra loads the system libpq at import', build: [], runtime: ['libpq5'], when: extras => !extras.includes('binary') && !extras.includes('c')},
	{names: ['psycopg'], reason: 'psycopg[c] compiles its C extension against libpq and loads it at import', build: [...compile, 'libpq-dev'], runtime: ['libpq5'], when: extras => extras.includes('c')},
	{names: ['mysqlclient', 'mysql-python'], reason: 'mysqlclient compiles against the MySQL/MariaDB client library (no Linux wheels) and loads it at import', build: [...compile, 'pkg-config', 'default-libmysqlclient-dev'], runtime: ['libmariadb3']},
	{names: ['mariadb'], reason: 'the mariadb connector compiles against MariaDB Connector/C and loads it at import', build: [...compile, 'libmariadb-dev'], runtime: ['libmariadb3']},
	// The wheels do not bundle the unixODBC driver manager: pyodbc loads libodbc at import.
	{names: ['pyodbc'], reason: 'pyodbc loads the unixODBC driver manager at import', build: [...compile, 'unixodbc-dev'], runtime: ['unixodbc'], wheelsSince: {'3.10': '4.0.35', '3.11': '4.0.35', '3.12': '5.0.1', '3.13': '5.2.0', '3.14': '5.3.0'}, runtimeFromWheel: true},
	{names: ['pylibmc'], reason: 'pylibmc compiles against libmemcached (no wheels) and loads it at import', build: [...compile, 'libmemcached-dev', 'zlib1g-dev'], runtime: ['libmemcached11']},
	{names: ['python-ldap'], reason: 'python-ldap compiles against OpenLDAP and SASL (no wheels) and loads them at import', build: [...compile, 'libldap2-dev', 'libsasl2-dev'], runtime: ['libldap-2.5-0', 'libsasl2-2']},

	// ---- XML, crypto, C speedups that only compile when pinned older than their wheels
	{
		names: ['lxml'],
		reason: 'this lxml has no wheel for this Python, so it compiles against libxml2/libxslt and loads them at import',
		build: [...compile, 'libxml2-dev', 'libxslt1-dev'],
		runtime: ['libxml2', 'libxslt1.1'],
		wheelsSince: {'3.10': '4.6.4', '3.11': '4.9.2', '3.12': '4.9.3', '3.13': '5.3.0', '3.14': '6.0.0'},
	},
	// abi3 wheels since 3.4 serve every Python; older releases compile against OpenSSL (the slim image has libssl3).
	{names: ['cryptography'], reason: 'this cryptography predates its abi3 wheels and compiles against OpenSSL', build: [...compile, 'libssl-dev', 'libffi-dev'], runtime: [], wheelsSince: {'3.10': '3.4', '3.11': '3.4', '3.12': '3.4', '3.13': '3.4', '3.14': '3.4'}},
	{names: ['cffi'], reason: 'this cffi has no wheel for this Python and compiles against libffi', build: [...compile, 'libffi-dev'], runtime: [], wheelsSince: {'3.10': '1.15.0', '3.11': '1.15.1', '3.12': '1.16.0', '3.13': '1.17.0', '3.14': '2.0.0'}},
	{names: ['greenlet'], reason: 'this greenlet (SQLAlchemy, gevent) has no wheel for this Python and compiles', build: compile, runtime: [], wheelsSince: {'3.10': '1.1.2', '3.11': '2.0.1', '3.12': '3.0.0', '3.13': '3.1.0', '3.14': '3.2.4'}},
	{names: ['pyyaml'], reason: 'this PyYAML has no wheel for this Python and compiles against libyaml', build: [...compile, 'libyaml-dev'], runtime: ['libyaml-0-2'], wheelsSince: {'3.10': '6.0', '3.11': '6.0.1', '3.12': '6.0.1', '3.13': '6.0.2', '3.14': '6.0.3'}},
	{names: ['psutil'], reason: 'this psutil has no wheel for this Python and compiles', build: compile, runtime: [], wheelsSince: {'3.10': '5.9.0', '3.11': '5.9.5', '3.12': '5.9.6', '3.13': '5.9.6', '3.14': '6.0.0'}},
	{names: ['numpy'], reason: 'this numpy has no wheel for this Python and compiles (minutes)', build: compile, runtime: [], wheelsSince: {'3.10': '1.21.4', '3.11': '1.23.2', '3.12': '1.26.0', '3.13': '2.1.0', '3.14': '2.3.2'}},
	{names: ['pandas'], reason: 'this pandas has no wheel for this Python and compiles (many minutes)', build: compile, runtime: [], wheelsSince: {'3.10': '1.3.4', '3.11': '1.5.1', '3.12': '2.1.1', '3.13': '2.2.3', '3.14': '2.3.3'}},
	{names: ['pycurl'], reason: 'this pycurl has no wheel and compiles against libcurl, which it loads at import', build: [...compile, 'libcurl4-openssl-dev', 'libssl-dev'], runtime: ['libcurl4'], wheelsSince: {'3.10': '7.45.3', '3.11': '7.45.3', '3.12': '7.45.3', '3.13': '7.45.4', '3.14': '7.45.7'}},
	{names: ['xmlsec'], reason: 'this xmlsec has no wheel and compiles against libxmlsec1, which it loads at import', build: [...compile, 'pkg-config', 'libxmlsec1-dev'], runtime: ['libxmlsec1', 'libxmlsec1-openssl'], wheelsSince: {'3.10': '1.3.14', '3.11': '1.3.14', '3.12': '1.3.14', '3.13': '1.3.15', '3.14': '1.3.16'}},
	// uWSGI is published as source only (pyuwsgi has wheels); python3-dev serves the Debian-based builders.
	{names: ['uwsgi'], reason: 'uWSGI is published as source only and compiles at install', build: ['build-essential', 'python3-dev'], runtime: []},

	// ---- images, PDF, graphics
	{
		names: ['pillow'],
		reason: 'this Pillow has no wheel for this Python, so it compiles against libjpeg/zlib and loads them at import',
		build: [...compile, 'libjpeg-dev', 'zlib1g-dev'],
		runtime: ['libjpeg62-turbo', 'zlib1g'],
		wheelsSince: {'3.10': '8.4.0', '3.11': '9.3.0', '3.12': '10.1.0', '3.13': '11.0.0', '3.14': '11.3.0'},
	},
	// WeasyPrint 53+ renders with Pango through cffi at import; slim has no fonts at all, so text would have no glyphs.
	{names: ['weasyprint'], reason: 'WeasyPrint before 53 loads Cairo, Pango and GDK-Pixbuf at import', build: [], runtime: ['libcairo2', 'libpango-1.0-0', 'libpangocairo-1.0-0', 'libgdk-pixbuf-2.0-0', 'shared-mime-info', 'fonts-dejavu-core'], before: '53'},
	{names: ['weasyprint'], reason: 'WeasyPrint loads Pango and HarfBuzz at import and needs fonts to lay out text', build: [], runtime: weasyprintPango, since: '53'},
	{names: ['cairosvg', 'cairocffi'], reason: 'cairocffi (CairoSVG) loads the Cairo library at import', build: [], runtime: ['libcairo2']},
	{names: ['pycairo'], reason: 'pycairo compiles against Cairo (no Linux wheels) and loads it at import', build: [...compile, 'pkg-config', 'libcairo2-dev'], runtime: ['libcairo2']},
	{names: ['wand'], reason: 'Wand loads ImageMagick\'s MagickWand library at import', build: [], runtime: ['libmagickwand-6.q16-6']},
	{names: ['pyzbar'], reason: 'pyzbar loads the zbar library at import', build: [], runtime: ['libzbar0']},
	// opencv-python's wheel links the GUI libraries; the -headless variants need none.
	{names: ['opencv-python', 'opencv-contrib-python'], reason: 'opencv-python loads libGL and GLib at import (opencv-python-headless does not)', build: [], runtime: ['libgl1', 'libglib2.0-0']},
	{names: ['pdfkit', 'imgkit'], reason: 'pdfkit/imgkit run the wkhtmltopdf program', build: [], runtime: ['wkhtmltopdf']},
	{names: ['pdf2image'], reason: 'pdf2image runs poppler\'s pdftoppm program', build: [], runtime: ['poppler-utils']},
	{names: ['pytesseract'], reason: 'pytesseract runs the tesseract program', build: [], runtime: ['tesseract-ocr']},

	// ---- files, audio, graphs, VCS
	{names: ['python-magic'], reason: 'python-magic loads libmagic at import', build: [], runtime: ['libmagic1']},
	// moviepy is not here: it runs the ffmpeg that the imageio-ffmpeg wheel bundles.
	{names: ['pydub', 'ffmpeg-python'], reason: 'pydub and ffmpeg-python run the ffmpeg program', build: [], runtime: ['ffmpeg']},
	{names: ['pyaudio'], reason: 'PyAudio compiles against PortAudio (no Linux wheels) and loads it at import', build: [...compile, 'portaudio19-dev'], runtime: ['libportaudio2']},
	{names: ['pygraphviz'], reason: 'pygraphviz compiles against Graphviz and runs its layout programs (dot)', build: [...compile, 'libgraphviz-dev'], runtime: ['graphviz']},
	{names: ['graphviz'], reason: 'the graphviz package renders by running the dot program', build: [], runtime: ['graphviz']},
	{names: ['gitpython'], reason: 'GitPython runs the git program', build: [], runtime: ['git']},

	// ---- geospatial
	// GDAL's bindings have no wheels and must match the system library's version (3.6.2 on bookworm): pin GDAL==3.6.2.
	{names: ['gdal'], reason: 'the GDAL bindings compile against libgdal (pin GDAL==3.6.2 to match bookworm\'s) and load it at import', build: [...compile, 'libgdal-dev'], runtime: ['libgdal32']},
	{names: ['fiona'], reason: 'this Fiona has no wheel (which bundles GDAL) for this Python, so it compiles against libgdal', build: [...compile, 'libgdal-dev'], runtime: ['libgdal32'], wheelsSince: {'3.10': '1.8.21', '3.11': '1.8.22', '3.12': '1.9.5', '3.13': '1.10.1', '3.14': '1.10.2'}},
	{names: ['rasterio'], reason: 'this rasterio has no wheel (which bundles GDAL) for this Python, so it compiles against libgdal', build: [...compile, 'libgdal-dev'], runtime: ['libgdal32'], wheelsSince: {'3.10': '1.2.10', '3.11': '1.3.4', '3.12': '1.3.9', '3.13': '1.4.2', '3.14': '1.4.4'}},
	{names: ['shapely'], reason: 'this Shapely has no wheel (which bundles GEOS) for this Python; it compiles against GEOS and loads it at import', build: [...compile, 'libgeos-dev'], runtime: ['libgeos-c1v5'], wheelsSince: {'3.10': '1.8.1', '3.11': '1.8.5', '3.12': '2.0.2', '3.13': '2.0.6', '3.14': '2.1.2'}},
	{names: ['rtree'], reason: 'this Rtree has no wheel (which bundles libspatialindex) and loads libspatialindex at import', build: [], runtime: ['libspatialindex6'], wheelsSince: {'3.10': '1.0.0', '3.11': '1.0.1', '3.12': '1.1.0', '3.13': '1.3.0', '3.14': '1.4.1'}},
];

/**
 * The first release with wheels for `minor`. For a minor newer than the table, its newest
 * figure; for an older one, '0' (every release the table cares about had wheels for it).
 */
export function wheelsSince(entry: SystemPackageEntry, minor: string): string | undefined {
	if (!entry.wheelsSince) {
		return undefined;
	}

	const known = Object.keys(entry.wheelsSince).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
	if (entry.wheelsSince[minor]) {
		return entry.wheelsSince[minor];
	}

	const newer = Number(minor.split('.')[1]) > Number(known.at(-1)?.split('.')[1] ?? 0);
	return newer ? entry.wheelsSince[known.at(-1) ?? ''] : '0';
}

/**
 * Programs an app runs (subprocess, os.system, shutil.which) -> the Debian package that
 * installs them. Only programs the slim image lacks; coreutils and the shell are there.
 */
export const programPackages: Record<string, string> = {
	ffmpeg: 'ffmpeg',
	ffprobe: 'ffmpeg',
	git: 'git',
	dot: 'graphviz',
	neato: 'graphviz',
	wkhtmltopdf: 'wkhtmltopdf',
	wkhtmltoimage: 'wkhtmltopdf',
	pandoc: 'pandoc',
	convert: 'imagemagick',
	magick: 'imagemagick',
	identify: 'imagemagick',
	mogrify: 'imagemagick',
	libreoffice: 'libreoffice-writer-nogui',
	soffice: 'libreoffice-writer-nogui',
	tesseract: 'tesseract-ocr',
	pdftotext: 'poppler-utils',
	pdftoppm: 'poppler-utils',
	pdfinfo: 'poppler-utils',
	pdftocairo: 'poppler-utils',
	gs: 'ghostscript',
	qpdf: 'qpdf',
	'rsvg-convert': 'librsvg2-bin',
	curl: 'curl',
	wget: 'wget',
	zip: 'zip',
	unzip: 'unzip',
	'7z': 'p7zip-full',
	rsync: 'rsync',
	ssh: 'openssh-client',
	exiftool: 'libimage-exiftool-perl',
	sox: 'sox',
	lame: 'lame',
	'espeak-ng': 'espeak-ng',
	espeak: 'espeak-ng',
	pg_dump: 'postgresql-client',
	pg_restore: 'postgresql-client',
	psql: 'postgresql-client',
	mysqldump: 'default-mysql-client',
	mysql: 'default-mysql-client',
	'redis-cli': 'redis-tools',
	sqlite3: 'sqlite3',
	openssl: 'openssl',
	gpg: 'gnupg',
	ping: 'iputils-ping',
};
