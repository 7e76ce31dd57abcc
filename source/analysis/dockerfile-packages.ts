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

const buildOnly = /(-dev|-devel)$|^(build-essential|gcc(-\d+)?|g\+\+(-\d+)?|clang|make|cmake|ninja-build|pkg-config|pkgconf|autoconf|automake|libtool|gfortran|cargo|rustc|swig|cython3?|binutils|patch|libc6-dev|dpkg-dev)$/;
// The official python images have these; Debian's python3-* modules are not in the proposal's venv.
const providedByBase = /^(python3?(\.\d+)?(-minimal|-pip|-venv|-setuptools|-wheel|-distutils|-full)?|python-is-python3|python3-.+|ca-certificates|apt-utils|apt-transport-https|software-properties-common|lsb-release|gnupg2?|dirmngr|bash|coreutils|libssl3|libffi8)$/;
// Tools for working inside a running container by hand, not for the app.
const interactive = /^(vim(-tiny)?|nano|less|htop|man-db|manpages|tmux|screen|telnet|net-tools|iproute2|strace|gdb|tree|sudo)$/;

type Sorted = {runtime: string[]; build: string[]; leftOut: string[]};

function sortPackages(install: PackageInstall): Sorted {
	const sorted: Sorted = {runtime: [], build: [], leftOut: []};
	const push = (list: string[], name: string) => {
		if (!list.includes(name)) {
			list.push(name);
		}
	};

	for (const original of install.packages) {
		const name = install.manager === 'apk' ? debianFromAlpine[original] : original;
		if (name === undefined) {
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
		needs.push({package: `Dockerfile line ${install.line}`, reason: `${where}${leftOut}`, buildPackages: sorted.build, runtimePackages: sorted.runtime, kind: 'dockerfile'});
	}

	return needs;
}
