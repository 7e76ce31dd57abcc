// The system packages an existing Dockerfile installs (`apt-get install`, `apt install`,
// `apk add`), sorted into what the app needs at run time (kept in the runtime stage), what
// only builds things (builder stage), and what the proposal's base already has or the app
// cannot use. Alpine names are translated to Debian's where the mapping is known.
import type {NativeNeed} from '../types.js';

export type PackageInstall = {
	manager: 'apt' | 'apk';
	packages: string[];
	/** Packages the same RUN removes again (`apk del`, `apt-get purge`) or groups as `--virtual`: build-only by intent. */
	transient: string[];
	line: number;
	/** Whether it is in the Dockerfile's last stage (earlier stages only build). */
	finalStage: boolean;
};

/** Words of one RUN, split into simple commands on `&&`, `||`, `;` and `|`. */
function commands(run: string): string[][] {
	return run
		.split(/&&|\|\||;|\|/)
		.map(command => command.trim().split(/\s+/).filter(Boolean))
		.filter(words => words.length > 0);
}

/** The packages named after `install`/`add`, without flags, versions or variables. */
export function installedPackages(run: string): {manager: 'apt' | 'apk'; packages: string[]; transient: string[]}[] {
	const found: {manager: 'apt' | 'apk'; packages: string[]; transient: string[]}[] = [];
	const removed: string[] = [];
	for (const words of commands(run)) {
		const start = words[0] === 'sudo' ? 1 : 0;
		const tool = words[start];
		const verb = words.slice(start + 1).find(word => !word.startsWith('-'));
		if ((tool === 'apt-get' || tool === 'apt') && (verb === 'purge' || verb === 'remove')) {
			removed.push(...words.slice(start + 2).filter(word => !word.startsWith('-')));
			continue;
		}

		if (tool === 'apk' && verb === 'del') {
			removed.push(...words.slice(start + 2).filter(word => !word.startsWith('-')));
			continue;
		}

		const installs = ((tool === 'apt-get' || tool === 'apt') && verb === 'install') || (tool === 'apk' && verb === 'add');
		if (!installs) {
			continue;
		}

		const manager = tool === 'apk' ? 'apk' : 'apt';
		const packages: string[] = [];
		const transient: string[] = [];
		let virtualGroup: string | null = null;
		const rest = words.slice(words.indexOf(verb as string) + 1);
		for (let index = 0; index < rest.length; index++) {
			const word = rest[index].replace(/^["']|["']$/g, '');
			if (word === '--virtual' || word === '-t') {
				virtualGroup = rest[index + 1] ?? null;
				index++;
				continue;
			}

			if (word.startsWith('-') || word.includes('$') || word === '\\' || word === '') {
				continue;
			}

			// `libpq5=15.*` and `gcc~12`: the pin belongs to the old base's archive.
			const name = word.split(/[=~]/)[0].replace(/:(amd64|arm64|i386)$/, '');
			if (/^[a-z0-9][a-z0-9+.-]*$/.test(name)) {
				packages.push(name);
				if (virtualGroup) {
					transient.push(name);
				}
			}
		}

		found.push({manager, packages, transient: virtualGroup ? [...transient, virtualGroup] : transient});
	}

	for (const install of found) {
		install.transient = [...new Set([...install.transient, ...removed.filter(name => install.packages.includes(name))])];
	}

	return found;
}

// Alpine -> Debian 12 names, for the packages Python Dockerfiles usually add.
const debianFromAlpine: Record<string, string | null> = {
	'build-base': 'build-essential',
	gcc: 'build-essential',
	'g++': 'build-essential',
	'musl-dev': 'build-essential',
	make: 'make',
	'linux-headers': null,
	'postgresql-dev': 'libpq-dev',
	'libpq-dev': 'libpq-dev',
	'postgresql-libs': 'libpq5',
	libpq: 'libpq5',
	'postgresql-client': 'postgresql-client',
	'mariadb-dev': 'default-libmysqlclient-dev',
	'mariadb-connector-c-dev': 'libmariadb-dev',
	'mariadb-connector-c': 'libmariadb3',
	'mariadb-client': 'default-mysql-client',
	'jpeg-dev': 'libjpeg-dev',
	'libjpeg-turbo-dev': 'libjpeg-dev',
	'libjpeg-turbo': 'libjpeg62-turbo',
	'zlib-dev': 'zlib1g-dev',
	zlib: 'zlib1g',
	'libffi-dev': 'libffi-dev',
	'openssl-dev': 'libssl-dev',
	'libxml2-dev': 'libxml2-dev',
	'libxslt-dev': 'libxslt1-dev',
	libxml2: 'libxml2',
	libxslt: 'libxslt1.1',
	'cairo-dev': 'libcairo2-dev',
	cairo: 'libcairo2',
	pango: 'libpango-1.0-0',
	libmagic: 'libmagic1',
	'freetype-dev': 'libfreetype6-dev',
	freetype: 'libfreetype6',
	pkgconf: 'pkg-config',
	pkgconfig: 'pkg-config',
	'python3-dev': null,
	bash: null,
	ffmpeg: 'ffmpeg',
	git: 'git',
	curl: 'curl',
	wget: 'wget',
	tzdata: 'tzdata',
	'netcat-openbsd': 'netcat-openbsd',
	graphviz: 'graphviz',
	'ttf-dejavu': 'fonts-dejavu-core',
	'font-dejavu': 'fonts-dejavu-core',
	gettext: 'gettext',
};

// Names from older Debian/Ubuntu releases (buster, bullseye, focal…) -> the name in bookworm, the
// proposal's base. Every target was checked with `apt-cache policy` on bookworm; the old names are
// virtual or gone there, so `apt-get install` stops with "has no installation candidate" (exit 100).
const bookwormNames: Record<string, string> = {
	netcat: 'netcat-openbsd',
	'netcat-traditional': 'netcat-traditional',
	'libgl1-mesa-glx': 'libgl1',
	'libmysqlclient-dev': 'default-libmysqlclient-dev',
	'libmariadbclient-dev': 'libmariadb-dev',
	'mysql-client': 'default-mysql-client',
	'libjpeg62': 'libjpeg62-turbo',
	'libjpeg8': 'libjpeg62-turbo',
	'libjpeg8-dev': 'libjpeg-dev',
	'libpng12-0': 'libpng16-16',
	'libpng12-dev': 'libpng-dev',
	libtiff5: 'libtiff6',
	'libtiff5-dev': 'libtiff-dev',
	libreadline7: 'libreadline8',
	'libreadline6-dev': 'libreadline-dev',
	'libffi6': 'libffi8',
	'libffi7': 'libffi8',
	'libssl1.0.0': 'libssl3',
	'libssl1.0.2': 'libssl3',
	'libssl1.1': 'libssl3',
	'libwebp6': 'libwebp7',
	'libvpx6': 'libvpx7',
	'libavif9': 'libavif15',
	'libevent-2.1-6': 'libevent-2.1-7',
	'libgdal20': 'libgdal32',
	'libgdal26': 'libgdal32',
	'libgdal28': 'libgdal32',
	'libx264-155': 'libx264-164',
	'libx264-160': 'libx264-164',
	'ttf-dejavu': 'fonts-dejavu-core',
	'ttf-dejavu-core': 'fonts-dejavu-core',
	'ttf-liberation': 'fonts-liberation',
	'ttf-freefont': 'fonts-freefont-ttf',
	'ttf-wqy-zenhei': 'fonts-wqy-zenhei',
	'ttf-wqy-microhei': 'fonts-wqy-microhei',
};

/** Bookworm's name for a package named as an older release names it, or null when the name is current. */
export function bookwormName(name: string): string | null {
	if (Object.hasOwn(bookwormNames, name)) {
		return bookwormNames[name] === name ? null : bookwormNames[name];
	}

	// libicu63, libicu67, libicu70…: bookworm ships libicu72.
	if (/^libicu\d+$/.test(name) && name !== 'libicu72') {
		return 'libicu72';
	}

	return null;
}

// Debian's own Python headers and libraries (python-dev, python3.9-dev, libpython3.9): the python
// image has its own Python in /usr/local; Debian's is another interpreter the venv does not use.
const debianPython = /^(python(\d(\.\d+)?)?-dev|libpython\d(\.\d+)?(-dev)?|python-[a-z].*|python2(\.\d+)?(-.+)?)$/;

const buildOnly = /(-dev|-devel)$|^(build-essential|gcc(-\d+)?|g\+\+(-\d+)?|clang|make|cmake|ninja-build|pkg-config|pkgconf|autoconf|automake|libtool|gfortran|cargo|rustc|swig|cython3?|binutils|patch|libc6-dev|dpkg-dev)$/;
// The official python images have these; Debian's python3-* modules are not in the proposal's venv.
const providedByBase = /^(python3?(\.\d+)?(-minimal|-pip|-venv|-setuptools|-wheel|-distutils|-full)?|python-is-python3|python3-.+|ca-certificates|apt-utils|apt-transport-https|software-properties-common|lsb-release|gnupg2?|dirmngr|bash|coreutils|libssl3|libffi8)$/;
// Tools for working inside a running container by hand, not for the app.
const interactive = /^(vim(-tiny)?|nano|less|htop|man-db|manpages|tmux|screen|telnet|net-tools|iproute2|strace|gdb|tree|sudo)$/;

type Sorted = {runtime: string[]; build: string[]; leftOut: string[]; renamed: string[]};

function sortPackages(install: PackageInstall): Sorted {
	const sorted: Sorted = {runtime: [], build: [], leftOut: [], renamed: []};
	const push = (list: string[], name: string) => {
		if (!list.includes(name)) {
			list.push(name);
		}
	};

	for (const original of install.packages) {
		const renamed = install.manager === 'apt' ? bookwormName(original) : null;
		const name = install.manager === 'apk' ? debianFromAlpine[original] : (renamed ?? original);
		if (renamed) {
			push(sorted.renamed, `${original} -> ${renamed}`);
		}

		if (install.manager === 'apt' && debianPython.test(original)) {
			push(sorted.leftOut, `${original} (Debian's own Python; the python image brings its own headers and libraries in /usr/local)`);
		} else if (name === undefined) {
			push(sorted.leftOut, `${original} (an Alpine package with no known Debian name)`);
		} else if (name === null || providedByBase.test(name)) {
			push(sorted.leftOut, `${original} (the python image has it, or the app's venv does not use it)`);
		} else if (interactive.test(name)) {
			push(sorted.leftOut, `${original} (a tool for interactive sessions)`);
		} else if (buildOnly.test(name) || buildOnly.test(original) || install.transient.includes(original) || !install.finalStage) {
			push(sorted.build, name);
		} else {
			push(sorted.runtime, name);
		}
	}

	return sorted;
}

/** One need per install line of the existing Dockerfile, saying what was kept where and what was left out. */
export function dockerfileNeeds(installs: PackageInstall[]): NativeNeed[] {
	const needs: NativeNeed[] = [];
	for (const install of installs) {
		const sorted = sortPackages(install);
		if (sorted.runtime.length === 0 && sorted.build.length === 0 && sorted.leftOut.length === 0) {
			continue;
		}

		const where = `line ${install.line} of the existing Dockerfile installs ${sorted.runtime.length > 0 ? 'them' : 'these'}${install.finalStage ? '' : ' in a build stage'}`;
		const leftOut = sorted.leftOut.length > 0 ? `; left out: ${sorted.leftOut.join(', ')}` : '';
		const renamed = sorted.renamed.length > 0 ? `; renamed for Debian 12 (bookworm), the proposal's base, where the old names are virtual or gone and apt-get stops with "has no installation candidate": ${sorted.renamed.join(', ')}` : '';
		needs.push({package: `Dockerfile line ${install.line}`, reason: `${where}${renamed}${leftOut}`, buildPackages: sorted.build, runtimePackages: sorted.runtime, kind: 'dockerfile', ...(sorted.renamed.length > 0 ? {renamed: sorted.renamed} : {})});
	}

	return needs;
}
