// gunicorn loads ./gunicorn.conf.py from its working directory whether or not the command
// names it. A development config there (bound to 127.0.0.1, raising when an env var is
// missing, writing logs to /var/log) breaks the container: read it, never run it.
import type {Finding, GunicornConfigFacts} from '../types.js';
import {readProjectText} from './project-files.js';
import {pythonLines} from './python-lines.js';

export const defaultGunicornConfig = 'gunicorn.conf.py';

function settingValue(text: string, name: string): string | null {
	return new RegExp(`^${name}\\s*=\\s*(.+)$`).exec(text)?.[1] ?? null;
}

/** Reads the config gunicorn would load by itself from the project's root; null when there is none. */
export function readGunicornConfig(text: string, file = defaultGunicornConfig): GunicornConfigFacts {
	const facts: GunicornConfigFacts = {file, bind: null, breaks: [], settings: []};
	let inDefinition = false;
	for (const {line, indent, text: code} of pythonLines(text).lines) {
		if (indent === 0) {
			inDefinition = /^(?:async\s+)?(def|class)\s/.test(code);
		}

		// Hooks (def on_starting...) run later and only on some events: module level is what runs at load.
		if (inDefinition) {
			continue;
		}

		const name = /^([a-z_]\w*)\s*=/.exec(code)?.[1];
		if (name && indent === 0 && !name.startsWith('_') && !facts.settings.includes(name)) {
			facts.settings.push(name);
		}

		const bind = settingValue(code, 'bind');
		if (bind !== null) {
			const fromPort = /\bPORT\b/.test(bind);
			const loopback = /127\.0\.0\.1|localhost|\[::1\]/.test(bind);
			facts.bind = {line, text: code.slice(0, 120), fromPort, public: !loopback && (/0\.0\.0\.0|\[::\]/.test(bind) || /["']:/.test(bind) || fromPort)};
		}

		const required = /os\.environ\s*\[\s*["'](\w+)["']\s*\]/.exec(code);
		if (required && !/^\s*os\.environ\s*\[[^\]]+\]\s*=/.test(code)) {
			facts.breaks.push({line, detail: `needs ${required[1]} set, or loading it fails (${code.slice(0, 80)})`});
		}

		if (/^raise\b/.test(code)) {
			facts.breaks.push({line, detail: `raises when it is loaded (${code.slice(0, 80)})`});
		}

		if (/^daemon\s*=\s*True\b/.test(code)) {
			facts.breaks.push({line, detail: 'daemon = True: gunicorn leaves the foreground and the container stops'});
		}

		const logFile = /^(accesslog|errorlog|pidfile|worker_tmp_dir)\s*=\s*["'](\/[^"']*)["']/.exec(code);
		if (logFile && !/^\/(tmp|dev)\//.test(logFile[2])) {
			facts.breaks.push({line, detail: `${logFile[1]} = ${logFile[2]}: the non-root user cannot write there`});
		}

		if (/^(user|group)\s*=/.test(code)) {
			facts.breaks.push({line, detail: `${code.split('=')[0].trim()}: a non-root process cannot switch users`});
		}
	}

	return facts;
}

export async function readDefaultGunicornConfig(root: string, problems: Finding[]): Promise<GunicornConfigFacts | null> {
	const text = await readProjectText(root, defaultGunicornConfig, problems);
	return text === null ? null : readGunicornConfig(text);
}
