import type {Rule} from '../rule.js';
import {pinProblems} from '../incompatible-pins.js';

export const dw030: Rule = {
	id: 'DW030',
	severity: 'error',
	title: 'A pinned dependency cannot build or import with what pip installs today',
	why: 'An old release that left its own dependencies unbounded gets today\'s releases of them, which removed what it imports; or an old release no longer builds. The image builds (or not) and the app fails at start.',
	fix: 'Bound the dependency that broke it (e.g. `Jinja2<3.0` for Flask 1.1), or upgrade the old package.',
	scope: 'context',
	example: {
		language: 'text',
		bad: '# requirements.txt\nFlask==1.1.2\n',
		good: '# requirements.txt\nFlask==1.1.2\nJinja2<3.0\nMarkupSafe<2.1\nitsdangerous<2.0\nWerkzeug<2.0\n',
	},
	check(context) {
		const {report} = context;
		return pinProblems(report, report.python.version).map(({pkg, incompatibility, dependencySpec}) => {
			const bound = incompatibility.dependency ? ` (${incompatibility.dependency.name} ${dependencySpec ? `is ${dependencySpec}` : 'is not pinned'})` : '';
			return {
				line: pkg.line ?? null,
				file: pkg.file,
				message: `${pkg.name}${pkg.spec}: ${incompatibility.failure}${bound}`,
				fix: `${incompatibility.fix}, in ${pkg.file}.`,
			};
		});
	},
};
