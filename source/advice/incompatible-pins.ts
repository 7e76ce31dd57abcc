// Known pins that cannot install or import today: an old release of one package whose
// dependency was left unbounded (pip then installs a release that removed what it imports),
// or an old release that no longer builds. Each entry is what actually breaks, and the pin
// that fixes it.
import {systemPackageTable, wheelsSince} from '../analysis/system-packages.js';
import {onlyBelow} from '../analysis/version-spec.js';
import type {ProjectReport, PythonPackage} from '../types.js';

export type Incompatibility = {
	/** The pinned package (PEP 503 name) and the releases concerned: those older than `below` (absent: every release). */
	package: string;
	below?: string;
	/** The dependency that breaks it from release `breaksFrom` on, unless bounded below that. */
	dependency?: {name: string; breaksFrom: string};
	/** Only when it compiles for the chosen Python (no wheel): a build failure, not an import one. */
	whenCompiled?: boolean;
	/** Only on this Python minor and later. */
	sincePython?: string;
	/** What fails, as a user sees it. */
	failure: string;
	fix: string;
};

export const incompatibilities: Incompatibility[] = [
	// Flask before 1.1.4 declared its dependencies without upper bounds; 1.1.4 pinned them.
	{package: 'flask', below: '1.1.4', dependency: {name: 'jinja2', breaksFrom: '3.1'}, failure: "Flask before 1.1.4 imports Markup and escape from Jinja2, which Jinja2 3.1 removed: `ImportError: cannot import name 'Markup' from 'jinja2'`", fix: 'Pin Jinja2<3.0 and MarkupSafe<2.1 (as Flask 1.1.4 does), or upgrade Flask'},
	{package: 'flask', below: '1.1.4', dependency: {name: 'itsdangerous', breaksFrom: '2.1'}, failure: "Flask before 1.1.4 imports itsdangerous.json, which itsdangerous 2.1 removed: `ImportError: cannot import name 'json' from 'itsdangerous'`", fix: 'Pin itsdangerous<2.0 (as Flask 1.1.4 does), or upgrade Flask'},
	{package: 'flask', below: '1.1.4', dependency: {name: 'werkzeug', breaksFrom: '2.1'}, failure: 'Flask before 1.1.4 imports werkzeug.wrappers.json, which Werkzeug 2.1 removed', fix: 'Pin Werkzeug<2.0 (as Flask 1.1.4 does), or upgrade Flask'},
	{package: 'flask', below: '2.3', dependency: {name: 'werkzeug', breaksFrom: '3.0'}, failure: "Flask before 2.3 imports url_quote from werkzeug.urls, which Werkzeug 3.0 removed: `ImportError: cannot import name 'url_quote' from 'werkzeug.urls'`", fix: 'Pin Werkzeug<3.0, or upgrade Flask to 2.3 or later'},
	{package: 'jinja2', below: '3.0', dependency: {name: 'markupsafe', breaksFrom: '2.1'}, failure: "Jinja2 2.x imports soft_unicode, which MarkupSafe 2.1 removed: `ImportError: cannot import name 'soft_unicode' from 'markupsafe'`", fix: 'Pin MarkupSafe==2.0.1'},
	{package: 'markupsafe', below: '2.0', sincePython: '3.10', failure: 'MarkupSafe 1.x has no wheel for this Python and its setup.py no longer builds with the setuptools pip uses today', fix: 'Pin MarkupSafe==2.0.1 (it still works with Jinja2 2.11)'},
	{package: 'flask-sqlalchemy', below: '3.0.3', dependency: {name: 'sqlalchemy', breaksFrom: '2.0'}, failure: "Flask-SQLAlchemy before 3.0.3 fails with SQLAlchemy 2.0 at import: `AttributeError: module 'sqlalchemy' has no attribute '__all__'`", fix: 'Pin SQLAlchemy<2.0, or upgrade Flask-SQLAlchemy to 3.0.3 or later'},
	{package: 'flask-login', below: '0.6', dependency: {name: 'werkzeug', breaksFrom: '2.1'}, failure: "Flask-Login before 0.6 imports safe_str_cmp from werkzeug.security, which Werkzeug 2.1 removed: `ImportError: cannot import name 'safe_str_cmp'`", fix: 'Upgrade Flask-Login to 0.6.3 or later, or pin Werkzeug<2.1'},
	{package: 'flask-login', below: '0.6.3', dependency: {name: 'werkzeug', breaksFrom: '3.0'}, failure: "Flask-Login before 0.6.3 imports url_decode from werkzeug.urls, which Werkzeug 3.0 removed: `ImportError: cannot import name 'url_decode'`", fix: 'Upgrade Flask-Login to 0.6.3 or later, or pin Werkzeug<3.0'},
	{package: 'flask-jwt', dependency: {name: 'werkzeug', breaksFrom: '2.1'}, failure: "Flask-JWT (unmaintained) imports safe_str_cmp from werkzeug.security, which Werkzeug 2.1 removed: `ImportError: cannot import name 'safe_str_cmp'`", fix: 'Move to Flask-JWT-Extended, or pin Werkzeug<2.1'},
	{package: 'flask-restful', below: '0.3.10', dependency: {name: 'flask', breaksFrom: '2.2'}, failure: "Flask-RESTful before 0.3.10 imports _endpoint_from_view_func from flask.helpers, which Flask 2.2 removed: `ImportError: cannot import name '_endpoint_from_view_func'`", fix: 'Upgrade Flask-RESTful to 0.3.10 or later, or pin Flask<2.2'},
	{package: 'pyyaml', below: '6.0.1', whenCompiled: true, failure: 'this PyYAML has no wheel for this Python, and its build fails with Cython 3: `AttributeError: cython_sources`', fix: 'Pin PyYAML>=6.0.1'},
];

export type PinProblem = {pkg: PythonPackage; incompatibility: Incompatibility; dependencySpec: string | null};

/** The releases a name can resolve to: the lock's release, else the declared specifier ('' when unlisted: the newest). */
function resolvable(report: ProjectReport, name: string): {spec: string; declared?: PythonPackage} {
	const locked = report.dependencies.locked?.[name];
	const declared = report.dependencies.packages.find(pkg => pkg.name === name);
	return {spec: locked ? `==${locked}` : declared?.spec ?? '', declared};
}

function compiles(name: string, spec: string, python: string): boolean {
	const entry = systemPackageTable.find(candidate => candidate.names.includes(name) && candidate.wheelsSince);
	const first = entry ? wheelsSince(entry, python) : undefined;
	return first !== undefined && onlyBelow(spec, first);
}

function pythonAtLeast(python: string, minor: string): boolean {
	const [major, number] = python.split('.').map(Number);
	const [wantMajor, wantNumber] = minor.split('.').map(Number);
	return major > wantMajor || (major === wantMajor && number >= wantNumber);
}

/** The known incompatibilities among the project's pins for this Python, one per broken dependency. */
export function pinProblems(report: ProjectReport, python: string): PinProblem[] {
	const found: PinProblem[] = [];
	const reported = new Set<string>();
	for (const incompatibility of incompatibilities) {
		const {spec, declared} = resolvable(report, incompatibility.package);
		if (!declared || (incompatibility.below && !onlyBelow(spec, incompatibility.below))) {
			continue;
		}

		if (incompatibility.sincePython && !pythonAtLeast(python, incompatibility.sincePython)) {
			continue;
		}

		if (incompatibility.whenCompiled && !compiles(incompatibility.package, spec, python)) {
			continue;
		}

		const dependency = incompatibility.dependency;
		const dependencySpec = dependency ? resolvable(report, dependency.name).spec : null;
		if (dependency && onlyBelow(dependencySpec ?? '', dependency.breaksFrom)) {
			continue;
		}

		// One finding per package and broken dependency: Flask 1.0 with Werkzeug unbounded is one problem.
		const key = `${incompatibility.package} ${dependency?.name ?? ''}`;
		if (!reported.has(key)) {
			reported.add(key);
			found.push({pkg: declared, incompatibility, dependencySpec});
		}
	}

	return found;
}
