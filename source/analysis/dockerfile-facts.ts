// The facts an existing Dockerfile gives about the app: base image, FLASK_APP and PORT
// environment, exposed ports, the command it runs and the system packages it installs.
// Continuation lines are joined.
import {installedPackages, type PackageInstall} from './dockerfile-packages.js';

export type DockerfileFacts = {
	/** Base images with ARG defaults substituted, with their lines. */
	from: {image: string; line: number}[];
	env: {name: string; value: string; line: number}[];
	expose: {port: number; line: number}[];
	/** The last CMD and ENTRYPOINT, as one shell-ish command string. */
	cmd: {command: string; line: number} | null;
	entrypoint: {command: string; line: number} | null;
	/** `apt-get install` / `apk add` in RUN instructions. */
	installs: PackageInstall[];
};

function instructions(text: string): {keyword: string; args: string; line: number}[] {
	const result: {keyword: string; args: string; line: number}[] = [];
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	let current: {keyword: string; args: string; line: number} | null = null;
	let parts: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i];
		if (current === null && (/^\s*#/.test(raw) || raw.trim() === '')) {
			continue;
		}

		if (current !== null && /^\s*#/.test(raw)) {
			continue;
		}

		const continued = /\\\s*$/.test(raw);
		const body = raw.replace(/\\\s*$/, '');
		if (current === null) {
			const match = /^\s*(\w+)\s*(.*)$/.exec(body);
			if (!match) {
				continue;
			}

			current = {keyword: match[1].toUpperCase(), args: match[2].trimEnd(), line: i + 1};
			parts = [current.args];
		} else {
			// Joined once at the end: appending to a growing string line by line (trimming it
			// each time) made a 100 000-character continued RUN take seconds.
			parts.push(body.trim());
		}

		if (!continued) {
			current.args = parts.join(' ');
			result.push(current);
			current = null;
		}
	}

	if (current) {
		current.args = parts.join(' ');
		result.push(current);
	}

	return result;
}

/** A CMD/ENTRYPOINT argument as one command string: exec form (JSON) words joined. */
function commandText(args: string): string {
	const trimmed = args.trim();
	if (trimmed.startsWith('[')) {
		try {
			const words = JSON.parse(trimmed) as unknown;
			if (Array.isArray(words)) {
				return words.map(word => (/\s/.test(String(word)) ? `"${String(word)}"` : String(word))).join(' ');
			}
		} catch {
			// Not valid JSON: Docker then runs it as a shell command, and so do we read it.
		}
	}

	return trimmed;
}

function envPairs(args: string): {name: string; value: string}[] {
	const trimmed = args.trim();
	if (!/^\w+=/.test(trimmed)) {
		// Legacy form: `ENV NAME value with spaces`.
		const match = /^(\w+)\s+(.*)$/.exec(trimmed);
		return match ? [{name: match[1], value: match[2].replace(/^["']|["']$/g, '')}] : [];
	}

	const pairs: {name: string; value: string}[] = [];
	for (const match of trimmed.matchAll(/(\w+)=("([^"]*)"|'([^']*)'|(\S*))/g)) {
		pairs.push({name: match[1], value: match[3] ?? match[4] ?? match[5] ?? ''});
	}

	return pairs;
}

export function readDockerfile(text: string): DockerfileFacts {
	const facts: DockerfileFacts = {from: [], env: [], expose: [], cmd: null, entrypoint: null, installs: []};
	const installStages: number[] = [];
	const args = new Map<string, string>();
	const substitute = (value: string) =>
		value.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
			const name = braced ?? bare ?? '';
			return args.get(name) ?? fallback ?? '';
		});

	for (const {keyword, args: rest, line} of instructions(text)) {
		if (keyword === 'ARG') {
			const match = /^(\w+)(?:=("?)([^"\s]*)\2)?/.exec(rest.trim());
			if (match && match[3] !== undefined) {
				args.set(match[1], match[3]);
			}
		} else if (keyword === 'FROM') {
			const image = rest.trim().split(/\s+/).find(word => !word.startsWith('--'));
			if (image) {
				facts.from.push({image: substitute(image), line});
			}
		} else if (keyword === 'ENV') {
			for (const pair of envPairs(rest)) {
				facts.env.push({...pair, line});
			}
		} else if (keyword === 'EXPOSE') {
			for (const word of rest.trim().split(/\s+/)) {
				const port = Number(substitute(word).split('/')[0]);
				if (Number.isInteger(port) && port > 0 && port < 65_536) {
					facts.expose.push({port, line});
				}
			}
		} else if (keyword === 'CMD') {
			facts.cmd = {command: commandText(rest), line};
		} else if (keyword === 'ENTRYPOINT') {
			facts.entrypoint = {command: commandText(rest), line};
		} else if (keyword === 'RUN') {
			for (const install of installedPackages(commandText(rest))) {
				facts.installs.push({...install, line, finalStage: false});
				installStages.push(facts.from.length);
			}
		}
	}

	facts.installs.forEach((install, index) => {
		install.finalStage = installStages[index] === facts.from.length;
	});

	return facts;
}
