import type {NativeNeed, PythonPackage} from '../types.js';

/**
 * Packages that need a compiler or system libraries to install on Debian (the slim images),
 * and what the built extension needs at run time. Packages with manylinux wheels for
 * current Pythons (psycopg2-binary, Pillow, numpy, lxml, cryptography >= 3.4) are not here
 * unless pinned old enough to predate them. Package names are Debian 12's.
 *
 * | package            | why                                         | build                                  | run            |
 * | ------------------ | ------------------------------------------- | -------------------------------------- | -------------- |
 * | psycopg2           | source only; the wheel is psycopg2-binary   | gcc, libpq-dev                          | libpq5         |
 * | psycopg (3), no [binary] | pure Python that loads libpq           | -                                      | libpq5         |
 * | psycopg[c]         | builds the C speedups                       | gcc, libpq-dev                          | libpq5         |
 * | mysqlclient        | source only on Linux                        | gcc, pkg-config, default-libmysqlclient-dev | libmariadb3 |
 * | mysql-python       | old name of mysqlclient                     | same                                   | same           |
 * | mariadb            | connector built against MariaDB Connector/C | gcc, libmariadb-dev                     | libmariadb3    |
 * | python-ldap        | source only                                 | gcc, libldap2-dev, libsasl2-dev         | libldap-2.5-0, libsasl2-2 |
 * | pyodbc             | links unixODBC                              | g++, unixodbc-dev                       | unixodbc       |
 * | uwsgi              | source only (pyuwsgi has wheels)            | gcc, python3-dev                        | -              |
 * | pycairo            | source only                                 | gcc, pkg-config, libcairo2-dev          | libcairo2      |
 * | pygraphviz         | source only                                 | gcc, graphviz-dev                       | libgvc6        |
 * | lxml < 4.9         | no wheels for current Pythons               | gcc, libxml2-dev, libxslt1-dev          | libxml2, libxslt1.1 |
 * | cryptography < 3.4 | no wheels for current Pythons               | gcc, libssl-dev, libffi-dev             | -              |
 * | VCS requirements   | pip clones them                             | git                                    | -              |
 */

type Rule = {
	matches(pkg: PythonPackage): boolean;
	reason: string;
	buildPackages: string[];
	runtimePackages: string[];
};

/** Whether a specifier only allows versions older than `limit` (e.g. `==2.9.1`, `<3`, `<=3.3`). */
export function pinnedBelow(spec: string, limit: [number, number]): boolean {
	const clauses = spec.split(',').map(clause => clause.trim());
	return clauses.some(clause => {
		const match = /^(==|<=|<|~=)\s*(\d+)(?:\.(\d+))?/.exec(clause);
		if (!match) {
			return false;
		}

		const version: [number, number] = [Number(match[2]), Number(match[3] ?? 0)];
		const below = version[0] < limit[0] || (version[0] === limit[0] && version[1] < limit[1]);
		return match[1] === '<' ? version[0] < limit[0] || (version[0] === limit[0] && version[1] <= limit[1]) : below;
	});
}

const named = (...names: string[]) => (pkg: PythonPackage) => names.includes(pkg.name);

const rules: Rule[] = [
	{matches: named('psycopg2'), reason: 'psycopg2 builds from source against libpq (psycopg2-binary is the prebuilt wheel)', buildPackages: ['gcc', 'libpq-dev'], runtimePackages: ['libpq5']},
	{
		matches: pkg => pkg.name === 'psycopg' && !pkg.extras.includes('binary') && !pkg.extras.includes('c'),
		reason: 'psycopg without the [binary] extra loads the system libpq at run time',
		buildPackages: [],
		runtimePackages: ['libpq5'],
	},
	{matches: pkg => pkg.name === 'psycopg' && pkg.extras.includes('c'), reason: 'psycopg[c] builds its C extension against libpq', buildPackages: ['gcc', 'libpq-dev'], runtimePackages: ['libpq5']},
	{matches: named('mysqlclient', 'mysql-python'), reason: 'mysqlclient builds from source against the MySQL/MariaDB client library', buildPackages: ['gcc', 'pkg-config', 'default-libmysqlclient-dev'], runtimePackages: ['libmariadb3']},
	{matches: named('mariadb'), reason: 'the mariadb connector builds against MariaDB Connector/C', buildPackages: ['gcc', 'libmariadb-dev'], runtimePackages: ['libmariadb3']},
	{matches: named('python-ldap'), reason: 'python-ldap builds from source against OpenLDAP and SASL', buildPackages: ['gcc', 'libldap2-dev', 'libsasl2-dev'], runtimePackages: ['libldap-2.5-0', 'libsasl2-2']},
	{matches: named('pyodbc'), reason: 'pyodbc links the unixODBC driver manager', buildPackages: ['g++', 'unixodbc-dev'], runtimePackages: ['unixodbc']},
	{matches: named('uwsgi'), reason: 'uWSGI is published as source only and compiles at install', buildPackages: ['gcc', 'python3-dev'], runtimePackages: []},
	{matches: named('pycairo'), reason: 'pycairo builds from source against cairo', buildPackages: ['gcc', 'pkg-config', 'libcairo2-dev'], runtimePackages: ['libcairo2']},
	{matches: named('pygraphviz'), reason: 'pygraphviz builds from source against Graphviz', buildPackages: ['gcc', 'graphviz-dev'], runtimePackages: ['libgvc6']},
	{
		matches: pkg => pkg.name === 'lxml' && pinnedBelow(pkg.spec, [4, 9]),
		reason: 'this old lxml has no wheels for current Pythons and builds against libxml2/libxslt',
		buildPackages: ['gcc', 'libxml2-dev', 'libxslt1-dev'],
		runtimePackages: ['libxml2', 'libxslt1.1'],
	},
	{
		matches: pkg => pkg.name === 'cryptography' && pinnedBelow(pkg.spec, [3, 4]),
		reason: 'this old cryptography has no wheels for current Pythons and builds against OpenSSL',
		buildPackages: ['gcc', 'libssl-dev', 'libffi-dev'],
		runtimePackages: [],
	},
	{matches: pkg => /^(git|hg|svn|bzr)\+/.test(pkg.url ?? ''), reason: 'a requirement installed from version control needs its client in the build', buildPackages: ['git'], runtimePackages: []},
];

/** Requirements whose marker limits them to another OS are not installed in a Linux image. */
function installsOnLinux(pkg: PythonPackage): boolean {
	const marker = pkg.marker ?? '';
	return !/(sys_platform|platform_system|os_name)\s*==\s*["'](win32|cygwin|darwin|Windows|Darwin|nt)["']/.test(marker);
}

export function nativeNeeds(packages: PythonPackage[]): NativeNeed[] {
	const needs: NativeNeed[] = [];
	const seen = new Set<string>();
	for (const pkg of packages) {
		if (!installsOnLinux(pkg)) {
			continue;
		}

		const rule = rules.find(candidate => candidate.matches(pkg));
		if (rule && !seen.has(pkg.name)) {
			seen.add(pkg.name);
			needs.push({package: pkg.name, reason: rule.reason, buildPackages: rule.buildPackages, runtimePackages: rule.runtimePackages});
		}
	}

	return needs;
}
