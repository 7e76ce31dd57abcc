import {lastMatch, type FailureRule} from './hint.js';

type Missing = {pattern: RegExp; what: (match: RegExpExecArray) => string; packages: string; note?: string};

// What a source build prints when a tool or header is missing, and the Debian packages that provide it.
const causes: Missing[] = [
	{pattern: /pg_config executable not found/, what: () => '`pg_config` (PostgreSQL\'s headers)', packages: 'build-essential libpq-dev'},
	{pattern: /mysql_config: not found|mysql_config not found|Can not find valid pkg-config name/, what: () => 'MySQL client headers (`mysql_config` / pkg-config)', packages: 'build-essential pkg-config default-libmysqlclient-dev'},
	{pattern: /fatal error: (ffi\.h): No such file or directory/, what: match => match[1], packages: 'build-essential libffi-dev'},
	{pattern: /fatal error: (libxml\/\S+\.h)|libxml2 and libxslt development packages/, what: match => match[1] ?? 'libxml2/libxslt headers', packages: 'build-essential libxml2-dev libxslt1-dev'},
	{pattern: /fatal error: (Python\.h): No such file or directory/, what: match => match[1], packages: 'build-essential python3-dev', note: 'the python: images have the headers already'},
	{pattern: /error: command '((?:[\w-]+-)?g\+\+)' failed: No such file or directory|error trying to exec 'cc1plus'/, what: match => match[1] ?? 'g++', packages: 'build-essential'},
	{pattern: /error: command '((?:[\w-]+-)?(?:gcc|cc|clang))' failed: No such file or directory|unable to execute '((?:[\w-]+-)?gcc)': No such file or directory/, what: match => match[1] ?? match[2], packages: 'build-essential'},
	{pattern: /Unknown compiler\(s\): \[\['cc'\]|(?:gcc|cc): (?:command )?not found/, what: () => 'a C compiler', packages: 'build-essential'},
	{pattern: /can't find Rust compiler/, what: () => 'a Rust compiler', packages: 'cargo rustc', note: 'a release with a wheel needs no Rust'},
];

export const fh008: FailureRule = {
	id: 'FH008',
	title: 'A package builds from source and the compiler or headers are missing',
	fix: 'Install the build packages in the builder stage only (`build-essential` and the `-dev` package), or pin a release that ships a wheel for this Python.',
	phases: ['build'],
	examples: {
		bad: [
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'  Building wheel for psycopg2 (setup.py): started',
					'  running build_ext',
					"  building 'psycopg2._psycopg' extension",
					"  error: command 'gcc' failed: No such file or directory",
					'  ERROR: Failed building wheel for psycopg2',
				].join('\n'),
				names: ['gcc', 'build-essential', 'builder'],
			},
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'  Error: pg_config executable not found.',
					'  ',
					'  pg_config is required to build psycopg2 from source.  Please add the directory',
					'  containing pg_config to the $PATH or specify the full executable path with the',
				].join('\n'),
				names: ['libpq-dev'],
			},
			{
				phase: 'build',
				instruction: 'RUN pip install mysqlclient',
				exitCode: 1,
				log: [
					'  Trying pkg-config --exists mysqlclient',
					"  Command 'pkg-config --exists mysqlclient' returned non-zero exit status 127.",
					'  Exception: Can not find valid pkg-config name.',
					'  Specify MYSQLCLIENT_CFLAGS and MYSQLCLIENT_LDFLAGS env vars manually',
				].join('\n'),
				names: ['default-libmysqlclient-dev'],
			},
		],
		good: [
			{
				phase: 'build',
				instruction: 'RUN pip install --no-cache-dir -r requirements.txt',
				exitCode: 1,
				log: [
					'  gcc -pthread -Wsign-compare -DNDEBUG -g -fwrapv -O3 -Wall -fPIC -I/usr/local/include/python3.11 -c src/module.c -o build/module.o',
					"  src/module.c:12:5: error: 'PyObject' undeclared (first use in this function)",
					"  error: command '/usr/bin/gcc' failed with exit code 1",
				].join('\n'),
			},
		],
	},
	match({logTail}) {
		for (const cause of causes) {
			const found = lastMatch(logTail, cause.pattern);
			if (!found) continue;
			return {
				message: `A package builds from source and the image has no ${cause.what(found.match)}.`,
				fix: `Install \`${cause.packages}\` in the builder stage (not the final image), or pin a release that has a wheel for this Python${cause.note ? ` (${cause.note})` : ''}.`,
			};
		}

		return null;
	},
};
