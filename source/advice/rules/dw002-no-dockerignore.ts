import type {Rule} from '../rule.js';

export const dw002: Rule = {
	id: 'DW002',
	severity: 'warning',
	title: 'No .dockerignore',
	why: 'Without it, everything in the folder is sent to the engine on every build (.git, virtualenvs, caches, secrets): slower builds, bigger images, leaked files.',
	fix: 'Add a .dockerignore that excludes VCS folders, virtualenvs, caches and secrets.',
	scope: 'context',
	example: {bad: '(no .dockerignore in the project)\n', good: '.git\n.venv\n__pycache__\n*.py[cod]\n.env\n'},
	check(context) {
		return context.report.dockerignore === null ? [{line: null, file: '.dockerignore'}] : [];
	},
};
