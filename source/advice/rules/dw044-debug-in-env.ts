import type {Rule} from '../rule.js';

/** `ENV A=1 B=2` and `ENV A 1` -> pairs. */
function pairs(args: string[]): Array<[string, string]> {
	if (args.length >= 2 && !args[0].includes('=')) return [[args[0], args.slice(1).join(' ')]];
	return args.map(argument => {
		const [name, ...value] = argument.split('=');
		return [name, value.join('=')];
	});
}

export const dw044: Rule = {
	id: 'DW044',
	severity: 'error',
	title: 'DEBUG is turned on in the image (ENV DEBUG=True)',
	why: 'Settings that read DEBUG from the environment then run every container in debug mode: Django shows full tracebacks with settings and local variables to anyone who gets an error page, and keeps every SQL query in memory.',
	fix: 'Leave DEBUG off in the image (`ENV DJANGO_DEBUG=False`, or no ENV at all) and turn it on only where you develop (`docker run -e DEBUG=True` on your machine).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nENV DEBUG=True\n',
		good: 'FROM python:3.11-slim\nENV DEBUG=False\n',
	},
	moreExamples: {
		bad: ['FROM python:3.11-slim\nENV DJANGO_DEBUG 1\n', 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1 DJANGO_DEBUG=on\n'],
		good: ['FROM python:3.11-slim\nENV DEBUG_TOOLBAR_PORT=1\n'],
	},
	check(context) {
		return context.parsed.instructions
			.filter(instruction => instruction.keyword === 'ENV')
			.flatMap(instruction => {
				const debug = pairs(instruction.args).find(([name, value]) => /^(DJANGO_)?DEBUG$/i.test(name) && /^["']?(true|1|yes|on)["']?$/i.test(value.trim()));
				return debug ? [{line: instruction.line, message: `${debug[0]}=${debug[1]} is set with ENV: every container runs in debug mode`}] : [];
			});
	},
};
