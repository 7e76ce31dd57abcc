import type {Rule} from '../rule.js';
import {finalStage, runCommands} from '../rule-helpers.js';
import {aptInstallArgs, packageWords, programOf} from '../shell.js';

const buildTools = /^(build-essential|build-base|gcc|g\+\+|clang|make|cargo|rustc|musl-dev|python3?-dev|[\w.+-]+-dev)(=.*)?$/;

export const dw011: Rule = {
	id: 'DW011',
	severity: 'warning',
	title: 'Compilers or -dev packages are left in the final image',
	why: 'Build tools are needed only to compile wheels; shipped, they add hundreds of MB and give an attacker a toolchain.',
	fix: 'Compile in a builder stage and copy only the virtualenv into a slim runtime stage (runtime libraries such as libpq5, not libpq-dev).',
	scope: 'dockerfile',
	example: {
		bad: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n',
		good: 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n',
	},
	check(context) {
		const stage = finalStage(context);
		if (!stage) {
			return [];
		}

		return runCommands(stage.instructions).flatMap(({instruction, command}) => {
			const apt = aptInstallArgs(command);
			const {name, rest} = programOf(command);
			const words = apt ? packageWords(apt.args) : (name === 'apk' && rest[0] === 'add' ? packageWords(rest.slice(1)) : []);
			const tools = words.filter(word => buildTools.test(word));
			return tools.length > 0 ? [{line: instruction.line, message: `Build tools in the final image: ${tools.join(', ')}`}] : [];
		});
	},
};
