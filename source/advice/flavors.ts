// What differs between base flavors: images, the interpreter name, how system packages
// and the user are added, and how the app is started.
import type {BaseFlavor} from '../types.js';

export const appUid = 10_001;
export const distrolessUid = 65_532;
export const distrolessImage = 'gcr.io/distroless/python3-debian12';
/** The only Python the Debian 12 distroless image has. */
export const distrolessPython = '3.11';

/** What the gunicorn command line says; each option only when it is needed. */
export type ServerArguments = {
	target: string;
	/** A fixed `--bind 0.0.0.0:PORT`; null when gunicorn binds 0.0.0.0:$PORT by itself. */
	bindPort: number | null;
	/** `--config /dev/null`: gunicorn then ignores ./gunicorn.conf.py. */
	skipConfig: boolean;
	pythonpath: string | null;
	chdir: string | null;
	/** gunicorn's --worker-class (uvicorn's worker for an ASGI app). */
	workerClass?: string | null;
};

export type FlavorSpec = {
	builderImage: string;
	runtimeImage: string;
	/** The interpreter name in the builder (`python3` on plain Debian). */
	python: string;
	/** System packages the builder always needs (Debian's venv module for distroless). */
	builderBase: string[];
	systemInstall(packages: string[]): string;
	/** Null when the runtime has no package manager. */
	runtimeInstall: ((packages: string[]) => string) | null;
	addUser: string | null;
	user: string;
	cmd(server: ServerArguments): string[];
	/** `ENTRYPOINT` replaces the base image's (distroless python runs its ENTRYPOINT, python3, with CMD as arguments). */
	startInstruction: 'CMD' | 'ENTRYPOINT';
	/** Creates /opt/venv in the builder. */
	createVenv: string;
	/** Installs into /opt/venv (followed by the packages or `-r FILE`). */
	venvPip: string;
	/** Run after the install: points the venv at the runtime's interpreter when the builder's lives elsewhere. */
	finishVenv: string[];
};

/** What the builder that runs the proposal offers: BuildKit's cache mounts, or only the classic builder's features. */
export type BuilderFeatures = {cacheMounts: boolean};

// Where the builder has pip (the official images), the venv is made without one and the
// builder's pip installs into it: no ensurepip run on every cold build (about 3 s), and no pip
// copied into the runtime image. Distroless: the runtime's Python is not the builder's, so the
// venv must hold everything and pip runs from outside it (`--python` starts pip twice).
const venvWithoutPip = {
	createVenv: 'python -m venv --without-pip /opt/venv',
	venvPip: 'pip --python /opt/venv/bin/python install --no-cache-dir',
};

/**
 * Slim and alpine run on the builder's own image: the venv sees that image's site-packages,
 * which the runtime has too, so the venv's Python runs the image's pip in one start, and what
 * the image already has (pip; setuptools on Python 3.11 and older) is not installed a second time.
 * Measured on the single-file bench app (4 interleaved cold BuildKit builds): the install step
 * 2.4 s -> 1.5 s, the whole cold build 3.2 s -> 2.1 s (docker init's 1.9 s).
 */
const venvOverImage = {
	createVenv: 'python -m venv --system-site-packages --without-pip /opt/venv',
	venvPip: '/opt/venv/bin/python -m pip install --no-cache-dir',
};

/** A venv for a tool that runs only in the builder (Poetry, uv, pipenv, pdm): no ensurepip, the image's pip fills it. */
export function toolVenvCommands(spec: string, cacheMounts: boolean): string[] {
	return ['python -m venv --system-site-packages --without-pip /opt/tool', `/opt/tool/bin/python -m pip install${cacheMounts ? '' : ' --no-cache-dir'} "${spec}"`];
}

function aptInstall(packages: string[]): string {
	return `apt-get update \\\n    && apt-get install -y --no-install-recommends ${packages.join(' ')} \\\n    && rm -rf /var/lib/apt/lists/*`;
}

/** The RUN flags that keep apt's lists and downloads in BuildKit cache mounts (locked: apt cannot share them). */
export const aptCacheMounts = '--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked';

/**
 * apt with its lists and packages in cache mounts (a builder stage only): nothing to remove,
 * the mounts are not in the image. Debian's images delete every downloaded package after an
 * install (/etc/apt/apt.conf.d/docker-clean), which would leave the cache empty: it goes first.
 */
function aptInstallCached(packages: string[]): string {
	return `rm -f /etc/apt/apt.conf.d/docker-clean \\\n    && apt-get update \\\n    && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

function apkInstall(packages: string[]): string {
	return `apk add --no-cache ${packages.join(' ')}`;
}

// gunicorn reads PORT itself: with no bind from the command line or a config file it binds 0.0.0.0:$PORT.
const gunicorn = (server: ServerArguments) => [
	'gunicorn',
	...(server.chdir ? ['--chdir', server.chdir] : []),
	...(server.pythonpath ? ['--pythonpath', server.pythonpath] : []),
	// gunicorn accepts any readable file as its config; /dev/null is an empty one.
	...(server.skipConfig ? ['--config', '/dev/null'] : []),
	...(server.bindPort === null ? [] : ['--bind', `0.0.0.0:${server.bindPort}`]),
	...(server.workerClass ? ['--worker-class', server.workerClass] : []),
	server.target,
];

// Debian package names -> Alpine's, for the packages native builds usually ask for.
const alpineNames: Record<string, string> = {
	'build-essential': 'build-base',
	'libpq-dev': 'postgresql-dev',
	libpq5: 'libpq',
	'libssl-dev': 'openssl-dev',
	'default-libmysqlclient-dev': 'mariadb-dev',
	'libmariadb3': 'mariadb-connector-c',
	'libjpeg-dev': 'jpeg-dev',
	'libjpeg62-turbo': 'libjpeg-turbo',
	'zlib1g-dev': 'zlib-dev',
	'libxslt1-dev': 'libxslt-dev',
	'libxslt1.1': 'libxslt',
	'libxml2': 'libxml2',
	'libffi-dev': 'libffi-dev',
	'python3-dev': 'python3-dev',
	pkg_config: 'pkgconf',
	'pkg-config': 'pkgconf',
};

export function alpinePackage(debianName: string): string {
	return alpineNames[debianName] ?? debianName;
}

/** The distroless runtime's interpreter, which the venv made in the builder is pointed at. */
const distrolessInterpreter = `/usr/bin/python${distrolessPython}`;

export function flavorSpec(flavor: BaseFlavor, python: string, features: BuilderFeatures = {cacheMounts: false}): FlavorSpec {
	// With a cache mount, pip's downloads and wheels stay in the mount, never in a layer: --no-cache-dir would only throw them away.
	const withCache = (options: typeof venvWithoutPip) => (features.cacheMounts ? {...options, venvPip: options.venvPip.replace(' --no-cache-dir', '')} : options);
	const pipOptions = withCache(venvWithoutPip);
	const sameImageOptions = withCache(venvOverImage);
	const debianInstall = features.cacheMounts ? aptInstallCached : aptInstall;
	if (flavor === 'distroless') {
		return {
			// The slim image's Python is the runtime's minor version with pip and no apt-get to run: a cold
			// build skips installing Debian's python3-venv (an apt-get update and ~30 packages), and the
			// builder is the slim flavor's, so one base serves both.
			builderImage: `python:${distrolessPython}-slim`,
			runtimeImage: distrolessImage,
			python: 'python',
			builderBase: [],
			systemInstall: debianInstall,
			runtimeInstall: null,
			addUser: null,
			user: `${distrolessUid}:${distrolessUid}`,
			// No shell and no console scripts' shebang to rely on: run the module with the venv's interpreter.
			cmd: server => ['/opt/venv/bin/python', '-m', ...gunicorn(server)],
			startInstruction: 'ENTRYPOINT',
			...pipOptions,
			// The venv links to the interpreter that made it (the slim image's); the runtime has Debian's at
			// /usr/bin/python3.11, same minor version and ABI: the links and pyvenv.cfg are pointed there.
			finishVenv: [
				`ln -sf ${distrolessInterpreter} /opt/venv/bin/python`,
				`ln -sf python /opt/venv/bin/python3`,
				`ln -sf python /opt/venv/bin/python${distrolessPython}`,
				`sed -i -e 's|^home = .*|home = /usr/bin|' -e 's|^executable = .*|executable = ${distrolessInterpreter}|' /opt/venv/pyvenv.cfg`,
			],
		};
	}

	if (flavor === 'alpine') {
		return {
			builderImage: `python:${python}-alpine`,
			runtimeImage: `python:${python}-alpine`,
			python: 'python',
			builderBase: [],
			systemInstall: packages => apkInstall(packages.map(name => alpinePackage(name))),
			runtimeInstall: packages => apkInstall(packages.map(name => alpinePackage(name))),
			addUser: `addgroup -S -g ${appUid} app \\\n    && adduser -S -D -H -u ${appUid} -G app app`,
			user: `${appUid}:${appUid}`,
			cmd: gunicorn,
			startInstruction: 'CMD',
			...sameImageOptions,
			finishVenv: [],
		};
	}

	return {
		builderImage: `python:${python}-slim`,
		runtimeImage: `python:${python}-slim`,
		python: 'python',
		builderBase: [],
		systemInstall: debianInstall,
		runtimeInstall: aptInstall,
		addUser: `useradd --uid ${appUid} --user-group --no-create-home --shell /usr/sbin/nologin app`,
		user: `${appUid}:${appUid}`,
		cmd: gunicorn,
		startInstruction: 'CMD',
		...sameImageOptions,
		finishVenv: [],
	};
}
