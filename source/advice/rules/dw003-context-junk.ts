import type {Rule} from '../rule.js';

const junk = /(^|\/)(\.git|\.hg|\.svn|\.venv|venv|\.tox|\.nox|node_modules|__pycache__|\.mypy_cache|\.pytest_cache|\.ruff_cache)(\/|$)/;

export const dw003: Rule = {
	id: 'DW003',
	severity: 'warning',
	title: 'The build context sends .git, a virtualenv or caches',
	why: 'These folders are often bigger than the app; they slow every build, bust the cache of `COPY . .` and can end up in the image.',
	fix: 'List them in .dockerignore (`.git`, `.venv`, `venv`, `__pycache__`, `node_modules`).',
	scope: 'context',
	example: {bad: '# .dockerignore\n__pycache__\n', good: '# .dockerignore\n.git\n.venv\nvenv\n__pycache__\nnode_modules\n'},
	check(context) {
		const found = new Set<string>();
		for (const entry of [...context.report.context.largest.map(item => item.path), ...context.report.sourceFiles]) {
			const match = junk.exec(entry);
			if (match) {
				found.add(match[2]);
			}
		}

		return found.size > 0 ? [{line: null, file: '.dockerignore', message: `The build context includes ${[...found].join(', ')}`}] : [];
	},
};
