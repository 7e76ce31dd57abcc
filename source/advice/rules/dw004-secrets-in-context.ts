import type {Rule} from '../rule.js';

export const dw004: Rule = {
	id: 'DW004',
	severity: 'error',
	title: 'Secrets are sent in the build context',
	why: 'A `.env` or key file in the context reaches the image with `COPY . .`, where anyone who pulls the image can read it.',
	fix: 'Exclude them in .dockerignore (`.env`, `*.pem`, `*.key`) and pass secrets at run time.',
	scope: 'context',
	example: {bad: '# .dockerignore\n.git\n', good: '# .dockerignore\n.git\n.env\n.env.*\n*.pem\n*.key\n'},
	moreExamples: {
		// A later line lets the secret back in: the last matching line wins.
		bad: ['# .dockerignore\n.env*\n!.env\n'],
		// Everything out, then only what the image needs back in.
		good: ['# .dockerignore\n*\n!app.py\n!requirements.txt\n'],
	},
	check(context) {
		const secrets = context.report.context.secrets;
		return secrets.length > 0 ? [{line: null, file: '.dockerignore', message: `The build context includes secrets: ${secrets.slice(0, 5).join(', ')}${secrets.length > 5 ? ` and ${secrets.length - 5} more` : ''}`}] : [];
	},
};
