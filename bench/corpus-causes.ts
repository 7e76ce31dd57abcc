// Names the cause of a corpus app that did not answer, from the build error, the smoke
// error and the container's last log lines. The classes are those of test/corpus/README.md;
// the first whose evidence matches wins, so the more specific patterns come first.
import type {Relaxation} from './corpus-relax.js';

export type Cause =
	| 'pkg_resources'
	| 'non-root-write'
	| 'system-packages'
	| 'gunicorn-conf'
	| 'src-layout'
	| 'startup-steps'
	| 'port'
	| 'chdir'
	| 'python-range'
	| 'unbuildable-pins'
	| 'required-env'
	| 'needs-service'
	| 'offline-missing-package'
	| 'offline-missing-tool'
	| 'offline-relaxed-pin'
	| 'host-port-busy'
	| 'unclassified';

export type Evidence = {
	built: boolean;
	evidence: string;
	report: unknown;
	relaxations: Relaxation[];
	services: string[];
};

type Rule = {cause: Cause; test: RegExp | ((e: Evidence) => boolean)};

const rules: Rule[] = [
	{cause: 'host-port-busy', test: /already in use, so the app could not be tested on the host network/},
	{cause: 'pkg_resources', test: /No module named '?pkg_resources'?/},
	{cause: 'offline-missing-tool', test: /No matching distribution found for (uv|pipenv|pdm|poetry)\b|(uv|pipenv|pdm)(>=[\d.]+)? \(from versions: none\)|pip install [^']*"?(uv|pipenv|pdm)[>=\d.]*"?' returned a non-zero code/},
	{cause: 'system-packages', test: /cannot open shared object file|error: pg_config executable not found|Library not loaded|No such file or directory: '(ffmpeg|dot|wkhtmltopdf|git|convert|pdftotext)'|OSError: .*lib\w+\.so/},
	{cause: 'non-root-write', test: /PermissionError|Permission denied|unable to open database file|Read-only file system|attempt to write a readonly database/},
	{cause: 'required-env', test: /KeyError: '[A-Z][A-Z0-9_]+'|environment variable .* (is )?not set|Missing required environment/},
	{cause: 'gunicorn-conf', test: /Listening at: http:\/\/127\.0\.0\.1|gunicorn\.conf\.py/},
	{cause: 'python-range', test: /requires a different Python|Requires-Python|python_requires|SyntaxError: .*match/},
	{cause: 'needs-service', test: e => e.services.length > 0 && /could not connect to server|Connection refused|connection to server at|Can't connect to MySQL|ServerSelectionTimeoutError|Error 111 connecting|OperationalError: \(psycopg2|getaddrinfo failed|Name or service not known|could not translate host name/.test(e.evidence)},
	// Listening on the right address but no answer in time: a request that waits on the absent service.
	{cause: 'needs-service', test: e => e.services.length > 0 && /Listening at: http:\/\/0\.0\.0\.0:\d+/.test(e.evidence) && /No HTTP answer on port/.test(e.evidence)},
	{cause: 'startup-steps', test: /no such table|relation "[^"]+" does not exist|Table '[^']+' doesn't exist|Babel.*\.mo|No such file or directory: '[^']*\.mo'/},
	{cause: 'offline-missing-package', test: e => {
		const dropped = e.relaxations.filter(r => r.to === '(dropped)').map(r => r.from.split(/[=<>~![; ]/)[0]!.toLowerCase().replaceAll('-', '_'));
		const missing = /No module named '([^'.]+)/.exec(e.evidence)?.[1]?.toLowerCase();
		return Boolean(missing && dropped.some(name => name.includes(missing) || missing.includes(name.replace(/^flask_/, 'flask_')))) || /No module named '(flask_\w+|\w+)'/.test(e.evidence) && dropped.length > 0;
	}},
	// An API the pinned version had and the index's newer one removed.
	{cause: 'offline-relaxed-pin', test: e => {
		const module = /ImportError: cannot import name '[^']+' from '([^'.]+)/.exec(e.evidence)?.[1]?.toLowerCase();
		return Boolean(module && e.relaxations.some(r => r.why.startsWith('the index serves') && r.to.toLowerCase().replaceAll('-', '_').startsWith(module)));
	}},
	{cause: 'src-layout', test: /ModuleNotFoundError: No module named|Failed to find attribute|Failed to find application|ImportError: cannot import name|could not import/},
	{cause: 'unbuildable-pins', test: /ResolutionImpossible|No matching distribution found|Could not find a version that satisfies|Failed building wheel|error: subprocess-exited-with-error|Cannot install .* because these package versions have conflicting/},
	{cause: 'port', test: /No HTTP answer on port \d+ within/},
];

export function classify(e: Evidence): {cause: Cause; detail: string} {
	for (const rule of rules) {
		const hit = typeof rule.test === 'function' ? rule.test(e) : rule.test.test(e.evidence);
		if (hit) return {cause: rule.cause, detail: lastMeaningfulLine(e.evidence)};
	}

	return {cause: 'unclassified', detail: lastMeaningfulLine(e.evidence)};
}

function lastMeaningfulLine(text: string): string {
	const lines = text.split('\n').map(line => line.trim()).filter(line => line && !/^\^+$/.test(line));
	const error = [...lines].reverse().find(line => /Error|error|No module|denied|refused|Failed|failed/.test(line));
	return (error ?? lines.at(-1) ?? '').slice(0, 200);
}
