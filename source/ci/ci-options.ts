// The CI flags (--ci, --format, --max-size, --max-ratio, --max-rebuild, --max-wasted) -> their options, and
// the project's config file under the flags. Pure, like resolveOptions, which calls them.

import {orList, type Flags, type ResolveResult} from '../options.js';
import type {Options} from '../types.js';
import {distrolessPython} from '../advice/flavors.js';
import type {ProjectConfig} from './config.js';
import {parseRatio, parseSeconds, parseSize} from './limits.js';
import {outputFormats, type BudgetLimits, type OutputFormat} from './types.js';

export type CiFlags = {ci: boolean; format: OutputFormat | undefined; budgets: BudgetLimits};

export function resolveCiFlags(flags: Flags): {ok: true; value: CiFlags} | {ok: false; message: string} {
	const fail = (message: string) => ({ok: false as const, message});
	const ci = Boolean(flags.ci);
	const format = flags.format;
	if (format !== undefined && !(outputFormats as readonly string[]).includes(format)) {
		return fail(`--format ${format} is not an output format dockwiz writes. Use ${orList(outputFormats.map(name => `--format ${name}`))}.`);
	}

	if (flags.json && format !== undefined && format !== 'json') {
		return fail(`--json and --format ${format} contradict each other (--json is --format json). Pass one of them.`);
	}

	if (ci && flags.write) {
		return fail('--ci never writes the project\'s files. Drop --write (run dockwiz --write on your machine to write the proposal).');
	}

	const budgets: BudgetLimits = {};
	const limits = [
		['max-size', flags.maxSize, parseSize, 'a size', '200MB', 'maxSizeBytes'],
		['max-ratio', flags.maxRatio, parseRatio, 'an after/before size ratio above 0', '0.5', 'maxRatio'],
		['max-rebuild', flags.maxRebuild, parseSeconds, 'a duration', '5s', 'maxRebuildSeconds'],
		['max-wasted', flags.maxWasted, parseSize, 'a size', '10MB', 'maxWastedBytes'],
	] as const;
	for (const [name, text, parse, what, example, key] of limits) {
		if (text === undefined) continue;
		if (!ci) return fail(`--${name} sets a budget, which only --ci checks. Add --ci, or drop --${name}.`);
		const value = parse(text);
		if (value === null) return fail(`--${name} ${text} is not ${what}. Give e.g. --${name} ${example}.`);
		budgets[key] = value;
	}

	return {ok: true, value: {ci, format: format as OutputFormat | undefined, budgets}};
}

/**
 * The config file's settings under the flags: a flag always wins; the config fills what the
 * command line left out. The distroless/Python pairing is checked again on the result.
 */
export function applyProjectConfig(options: Options, flags: Flags, config: ProjectConfig | null): ResolveResult {
	if (!config) return {ok: true, options};
	const base = flags.base === undefined ? (config.base ?? options.base) : options.base;
	const python = flags.python === undefined ? (config.python ?? options.python) : options.python;
	if (base === 'distroless' && python !== undefined && python !== distrolessPython) {
		const from = (name: string, flag: string | undefined) => (flag === undefined ? `${name} = "${name === 'base' ? base : python}" in ${config.file}` : `--${name} ${flag}`);
		return {ok: false, message: `${from('python', flags.python)} cannot be used with ${from('base', flags.base)}: the distroless image has only Python ${distrolessPython}. Use Python ${distrolessPython}, or the slim base for Python ${python}.`};
	}

	return {
		ok: true,
		options: {
			...options,
			base,
			python,
			...(config.port === undefined ? {} : {port: config.port}),
			budgets: {...config.budgets, ...options.budgets},
			rules: config.rules,
			configFile: config.file,
		},
	};
}
